package org.thinktrace.train;

import org.thinktrace.text.ByteLevelAlphabet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Learns byte-level BPE merges from pre-token frequencies (not from the raw corpus): repeatedly
 * merges the most frequent adjacent pair, updating pair counts only for the words that contain it.
 * Deterministic: ties go to the pair with the smaller (left id, right id).
 */
final class BpeTrainer {

    /** Pairs seen fewer times than this are never merged. */
    private static final long MIN_PAIR_COUNT = 2;

    private final List<String> vocab = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<Long, Long> pairCounts = new HashMap<>();
    private final Map<Long, Set<Integer>> wordsWithPair = new HashMap<>();
    private int[][] words;
    private long[] frequencies;

    private BpeTrainer() {
    }

    /**
     * Trains a vocabulary of at most {@code vocabSize} tokens (256 byte symbols plus merges); fewer when
     * no pair occurs twice any more.
     *
     * @param wordCounts pre-tokens, already written in the {@link ByteLevelAlphabet}, with their counts
     */
    static BpeModel train(Map<String, Long> wordCounts, int vocabSize) {
        if (vocabSize < 256) {
            throw new IllegalArgumentException("a byte-level vocabulary needs at least 256 tokens, asked for " + vocabSize);
        }
        return new BpeTrainer().run(wordCounts, vocabSize);
    }

    private BpeModel run(Map<String, Long> wordCounts, int vocabSize) {
        for (int i = 0; i < ByteLevelAlphabet.SIZE; i++) {
            addToken(ByteLevelAlphabet.symbol(i));
        }
        String[] sorted = wordCounts.keySet().toArray(String[]::new);
        Arrays.sort(sorted);
        words = new int[sorted.length][];
        frequencies = new long[sorted.length];
        for (int w = 0; w < sorted.length; w++) {
            String word = sorted[w];
            words[w] = word.chars().map(c -> symbolId(word, (char) c)).toArray();
            frequencies[w] = wordCounts.get(word);
            countPairs(w, +1);
        }
        List<BpeModel.Merge> merges = new ArrayList<>();
        while (vocab.size() < vocabSize) {
            long best = mostFrequentPair();
            if (best < 0) {
                break;
            }
            int left = (int) (best >>> 32);
            int right = (int) best;
            String merged = vocab.get(left) + vocab.get(right);
            Integer existing = ids.get(merged);
            int mergedId = existing != null ? existing : addToken(merged);
            merges.add(new BpeModel.Merge(vocab.get(left), vocab.get(right)));
            int[] affected = wordsWithPair.get(best).stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int w : affected) {
                countPairs(w, -1);
                words[w] = merge(words[w], left, right, mergedId);
                countPairs(w, +1);
            }
        }
        return new BpeModel(vocab, merges);
    }

    private int symbolId(String word, char c) {
        Integer id = ids.get(String.valueOf(c));
        if (id == null) {
            throw new IllegalArgumentException("pre-token '" + word + "' is not in the byte-level alphabet (char U+"
                    + Integer.toHexString(c) + ")");
        }
        return id;
    }

    private int addToken(String token) {
        ids.put(token, vocab.size());
        vocab.add(token);
        return vocab.size() - 1;
    }

    /** Adds ({@code sign} +1) or removes (-1) the pairs of word {@code w} from the counts and the index. */
    private void countPairs(int w, int sign) {
        int[] symbols = words[w];
        for (int i = 0; i + 1 < symbols.length; i++) {
            long key = ((long) symbols[i] << 32) | (symbols[i + 1] & 0xFFFFFFFFL);
            long count = pairCounts.getOrDefault(key, 0L) + sign * frequencies[w];
            if (sign > 0) {
                pairCounts.put(key, count);
                wordsWithPair.computeIfAbsent(key, k -> new HashSet<>()).add(w);
            } else {
                if (count <= 0) {
                    pairCounts.remove(key);
                } else {
                    pairCounts.put(key, count);
                }
                Set<Integer> holders = wordsWithPair.get(key);
                if (holders != null) {
                    holders.remove(w);
                    if (holders.isEmpty()) {
                        wordsWithPair.remove(key);
                    }
                }
            }
        }
    }

    /** The most frequent pair as {@code left << 32 | right}, or -1 when none occurs often enough. */
    private long mostFrequentPair() {
        long best = -1;
        long bestCount = MIN_PAIR_COUNT - 1;
        for (Map.Entry<Long, Long> e : pairCounts.entrySet()) {
            long count = e.getValue();
            long key = e.getKey();
            if (count > bestCount || (count == bestCount && best >= 0 && key < best)) {
                best = key;
                bestCount = count;
            }
        }
        return best;
    }

    /** Replaces each non-overlapping occurrence of (left, right), scanning left to right. */
    private static int[] merge(int[] symbols, int left, int right, int merged) {
        int[] out = new int[symbols.length];
        int n = 0;
        for (int i = 0; i < symbols.length; i++) {
            if (i + 1 < symbols.length && symbols[i] == left && symbols[i + 1] == right) {
                out[n++] = merged;
                i++;
            } else {
                out[n++] = symbols[i];
            }
        }
        return Arrays.copyOf(out, n);
    }
}
