package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;

/**
 * How closely the responses of one evaluation run follow those of a reference run over the same suite, token for
 * token: per evaluation part that has responses (in {@link EvaluationPart} order) and over all of them. Meant for
 * greedy runs of one model in two weight precisions, where any difference comes from the precision.
 *
 * @param parts   one entry per part with at least one response
 * @param overall every response together
 */
public record TokenAgreement(List<Section> parts, Section overall) {

    public TokenAgreement {
        parts = List.copyOf(parts);
    }

    /**
     * The figures of a group of responses.
     *
     * @param part             the part, or null for all parts together
     * @param responses        responses compared
     * @param identical        responses whose token ids are equal in both runs, length included
     * @param meanSharedShare  mean over responses of (leading tokens in common) / (the longer response's length): 1
     *                         for an identical response, 0 when the first tokens differ; an empty pair counts as 1
     * @param referenceCorrect responses the reference run got right
     * @param otherCorrect     responses the other run got right
     */
    public record Section(EvaluationPart part, int responses, int identical, double meanSharedShare,
                          int referenceCorrect, int otherCorrect) {

        /** Share of identical responses. */
        public double identicalShare() {
            return identical / (double) responses;
        }

        /** Accuracy of the reference run. */
        public double referenceAccuracy() {
            return referenceCorrect / (double) responses;
        }

        /** Accuracy of the other run. */
        public double otherAccuracy() {
            return otherCorrect / (double) responses;
        }
    }

    /**
     * Compares {@code other} with {@code reference}, response by response in order.
     *
     * @throws IllegalArgumentException when the lists are empty, differ in length, or a pair's parts differ (the runs
     *                                  did not answer the same suite in the same order)
     */
    public static TokenAgreement compare(List<ResponseTokens> reference, List<ResponseTokens> other) {
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: the reference run has no responses");
        }
        if (reference.size() != other.size()) {
            throw new IllegalArgumentException("the runs differ in length: " + reference.size() + " reference responses, "
                    + other.size() + " to compare");
        }
        for (int i = 0; i < reference.size(); i++) {
            if (reference.get(i).part() != other.get(i).part()) {
                throw new IllegalArgumentException("response " + i + " belongs to " + reference.get(i).part()
                        + " in the reference run but to " + other.get(i).part() + " in the other");
            }
        }
        List<Section> parts = new ArrayList<>();
        for (EvaluationPart part : EvaluationPart.values()) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < reference.size(); i++) {
                if (reference.get(i).part() == part) members.add(i);
            }
            if (!members.isEmpty()) parts.add(section(part, members, reference, other));
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < reference.size(); i++) all.add(i);
        return new TokenAgreement(parts, section(null, all, reference, other));
    }

    private static Section section(EvaluationPart part, List<Integer> members, List<ResponseTokens> reference,
                                   List<ResponseTokens> other) {
        int identical = 0;
        double shares = 0;
        int referenceCorrect = 0;
        int otherCorrect = 0;
        for (int i : members) {
            ResponseTokens a = reference.get(i);
            ResponseTokens b = other.get(i);
            int longer = Math.max(a.length(), b.length());
            int shared = a.sharedPrefix(b);
            identical += a.length() == b.length() && shared == longer ? 1 : 0;
            shares += longer == 0 ? 1 : shared / (double) longer;
            referenceCorrect += a.correct() ? 1 : 0;
            otherCorrect += b.correct() ? 1 : 0;
        }
        return new Section(part, members.size(), identical, shares / members.size(), referenceCorrect, otherCorrect);
    }
}
