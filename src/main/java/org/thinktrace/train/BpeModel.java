package org.thinktrace.train;

import java.util.List;

/**
 * A trained byte-level BPE: the vocabulary (token {@code i} has id {@code i}; the first 256 are the
 * {@link org.thinktrace.text.ByteLevelAlphabet}) and the merges in rank order.
 *
 * @param vocab  token strings in byte-level alphabet, by id
 * @param merges pairs merged during training, earliest (highest priority) first
 */
public record BpeModel(List<String> vocab, List<Merge> merges) {

    /** One merge rule: {@code left} followed by {@code right} becomes {@code left + right}. */
    public record Merge(String left, String right) {
    }

    public BpeModel {
        vocab = List.copyOf(vocab);
        merges = List.copyOf(merges);
    }
}
