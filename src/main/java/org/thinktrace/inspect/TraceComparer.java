package org.thinktrace.inspect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two versions of a response.
 *
 * <ul>
 *   <li><b>First divergence.</b> The first index where the token ids differ, or where one version ends.</li>
 *   <li><b>Step alignment.</b> Steps are normalised as {@link LoopDetector} does and compared by word similarity:
 *       the Dice coefficient of their word multisets, {@code 2·|A∩B| / (|A|+|B|)}. Two steps may be paired when
 *       their normalised texts are equal (kept) or at least {@link #CHANGED_SIMILARITY} similar (changed). The
 *       pairing is the one that keeps the order of both traces and maximises the total score (2 for a kept pair,
 *       {@code 1 + similarity} for a changed one: a weighted longest common subsequence); unpaired steps of A
 *       are dropped, unpaired steps of B are added.</li>
 *   <li><b>Answers</b> are extracted and compared with {@link AnswerExtractor}.</li>
 * </ul>
 */
public final class TraceComparer {

    /** Steps at least this similar (Dice coefficient over words) count as one step changed. */
    public static final double CHANGED_SIMILARITY = 0.5;

    private TraceComparer() {
    }

    public static TraceComparison compare(InspectedResponse a, InspectedResponse b) {
        List<TraceStep> stepsA = new StepTagger(a.question()).steps(a.thinking());
        List<TraceStep> stepsB = new StepTagger(b.question()).steps(b.thinking());
        String answerA = AnswerExtractor.find(a.answer()).orElse(null);
        String answerB = AnswerExtractor.find(b.answer()).orElse(null);
        return new TraceComparison(divergence(a.tokens(), b.tokens()), alignSteps(stepsA, stepsB), answerA,
                answerB, answerA != null && answerA.equals(answerB));
    }

    /** The first token where {@code a} and {@code b} differ; null when either is null or they are identical. */
    public static TraceComparison.Divergence divergence(TraceTokens a, TraceTokens b) {
        if (a == null || b == null) return null;
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            InspectedToken ta = a.get(i);
            InspectedToken tb = b.get(i);
            if (ta.id() != tb.id()) return new TraceComparison.Divergence(i, ta.text(), ta.p(), tb.text(), tb.p());
        }
        if (a.size() == b.size()) return null;
        InspectedToken ta = a.size() > common ? a.get(common) : null;
        InspectedToken tb = b.size() > common ? b.get(common) : null;
        return new TraceComparison.Divergence(common, ta == null ? null : ta.text(), ta == null ? Float.NaN : ta.p(),
                tb == null ? null : tb.text(), tb == null ? Float.NaN : tb.p());
    }

    /**
     * The order-keeping alignment of two step lists described on {@link TraceComparer}. Equal steps at the start and
     * at the end of both are kept pairs of every best alignment, so only the steps between them are aligned by the
     * quadratic search: versions that share most of their steps (a branch, a version with itself) cost little.
     */
    public static List<TraceComparison.StepPair> alignSteps(List<TraceStep> a, List<TraceStep> b) {
        List<String> normalA = a.stream().map(s -> LoopDetector.normalise(s.text())).toList();
        List<String> normalB = b.stream().map(s -> LoopDetector.normalise(s.text())).toList();
        int head = 0;
        while (head < normalA.size() && head < normalB.size() && normalA.get(head).equals(normalB.get(head))) head++;
        int tail = 0;
        while (tail < normalA.size() - head && tail < normalB.size() - head
                && normalA.get(normalA.size() - 1 - tail).equals(normalB.get(normalB.size() - 1 - tail))) {
            tail++;
        }
        List<TraceComparison.StepPair> out = new ArrayList<>();
        for (int k = 0; k < head; k++) out.add(new TraceComparison.StepPair(TraceComparison.Change.KEPT, k, k, 1.0));
        alignMiddle(normalA.subList(head, normalA.size() - tail), normalB.subList(head, normalB.size() - tail), head,
                out);
        for (int k = tail; k > 0; k--) {
            out.add(new TraceComparison.StepPair(TraceComparison.Change.KEPT, normalA.size() - k, normalB.size() - k,
                    1.0));
        }
        return out;
    }

    /** The best alignment of {@code normalA} and {@code normalB}, steps {@code offset} on in their traces. */
    private static void alignMiddle(List<String> normalA, List<String> normalB, int offset,
                                    List<TraceComparison.StepPair> out) {
        List<Map<String, Integer>> wordsA = normalA.stream().map(TraceComparer::wordCounts).toList();
        List<Map<String, Integer>> wordsB = normalB.stream().map(TraceComparer::wordCounts).toList();
        int m = normalA.size();
        int n = normalB.size();
        double[][] sim = new double[m][n];
        double[][] best = new double[m + 1][n + 1];
        for (int i = m - 1; i >= 0; i--) {
            for (int j = n - 1; j >= 0; j--) {
                sim[i][j] = normalA.get(i).equals(normalB.get(j)) ? 1
                        : similarity(wordsA.get(i), wordsB.get(j));
                double pair = pairScore(sim[i][j]);
                best[i][j] = Math.max(Math.max(best[i + 1][j], best[i][j + 1]),
                        pair > 0 ? pair + best[i + 1][j + 1] : 0);
            }
        }
        int i = 0;
        int j = 0;
        while (i < m || j < n) {
            if (i < m && j < n) {
                double pair = pairScore(sim[i][j]);
                if (pair > 0 && best[i][j] == pair + best[i + 1][j + 1]) {
                    out.add(new TraceComparison.StepPair(sim[i][j] >= 1.0 ? TraceComparison.Change.KEPT
                            : TraceComparison.Change.CHANGED, offset + i, offset + j, sim[i][j]));
                    i++;
                    j++;
                    continue;
                }
                if (best[i][j] == best[i + 1][j]) {
                    out.add(new TraceComparison.StepPair(TraceComparison.Change.DROPPED, offset + i++, -1, 0));
                } else {
                    out.add(new TraceComparison.StepPair(TraceComparison.Change.ADDED, -1, offset + j++, 0));
                }
            } else if (i < m) {
                out.add(new TraceComparison.StepPair(TraceComparison.Change.DROPPED, offset + i++, -1, 0));
            } else {
                out.add(new TraceComparison.StepPair(TraceComparison.Change.ADDED, -1, offset + j++, 0));
            }
        }
    }

    /** 2 for equal steps, {@code 1 + similarity} for similar ones, 0 when they may not be paired. */
    private static double pairScore(double similarity) {
        if (similarity >= 1.0) return 2;
        return similarity >= CHANGED_SIMILARITY ? 1 + similarity : 0;
    }

    /** Dice coefficient of two word multisets of steps whose normalised texts differ: always below 1. */
    static double similarity(Map<String, Integer> a, Map<String, Integer> b) {
        int sizeA = a.values().stream().mapToInt(Integer::intValue).sum();
        int sizeB = b.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Integer> small = a.size() <= b.size() ? a : b;
        Map<String, Integer> large = small == a ? b : a;
        int shared = 0;
        for (Map.Entry<String, Integer> e : small.entrySet()) {
            shared += Math.min(e.getValue(), large.getOrDefault(e.getKey(), 0));
        }
        if (sizeA + sizeB == 0) return 0;
        double dice = 2.0 * shared / (sizeA + sizeB);
        return Math.min(dice, Math.nextDown(1.0)); // the same words in another order are changed, not kept
    }

    private static Map<String, Integer> wordCounts(String normal) {
        if (normal.isEmpty()) return Collections.emptyMap();
        Map<String, Integer> counts = new HashMap<>();
        for (String w : normal.split(" ")) counts.merge(w, 1, Integer::sum);
        return counts;
    }
}
