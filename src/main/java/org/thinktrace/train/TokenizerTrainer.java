package org.thinktrace.train;

/**
 * Trains the bundled model's tokenizer: a byte-level BPE over the teacher's training conversations,
 * sized so that the BPE vocabulary plus the {@link R1SpecialToken added tokens} fill
 * {@code vocabSize} ids exactly (when the corpus has enough distinct pairs).
 */
public final class TokenizerTrainer {

    /** Total vocabulary of the shipped model, added tokens included. */
    public static final int DEFAULT_VOCAB_SIZE = 1024;

    private TokenizerTrainer() {
    }

    /** Learns the merges from {@code texts} (conversations; added tokens in them are cut out first). */
    public static BpeModel train(Iterable<String> texts, int vocabSize) {
        int bpeSize = vocabSize - R1SpecialToken.values().length;
        PreTokenCounter counter = new PreTokenCounter();
        for (String text : texts) {
            counter.add(text);
        }
        return BpeTrainer.train(counter.counts(), bpeSize);
    }
}
