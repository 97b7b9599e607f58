package org.thinktrace.cli;

import org.thinktrace.train.TokenAgreement;

/**
 * {@link TokenAgreement} as a Markdown table: a row per evaluation part, then, when there is more than one part, a
 * row for all of them; columns for identical responses, the mean share of tokens in common before the first
 * difference, and the accuracy of each run.
 */
final class AgreementTable {

    private AgreementTable() {
    }

    /**
     * @param reference how the reference run is named in the column heads (e.g. "FP32")
     * @param other     how the compared run is named (e.g. "INT8")
     */
    static String markdown(TokenAgreement agreement, String reference, String other) {
        StringBuilder s = new StringBuilder();
        s.append("| part | responses | identical to ").append(reference)
                .append(" | mean share of tokens before the first difference | correct in ").append(reference)
                .append(" | correct in ").append(other).append(" |\n");
        s.append("|---|---:|---:|---:|---:|---:|\n");
        for (TokenAgreement.Section part : agreement.parts()) {
            row(s, part.part().label(), part);
        }
        if (agreement.parts().size() > 1) {
            row(s, "**all**", agreement.overall());
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String label, TokenAgreement.Section section) {
        s.append(String.format("| %s | %d | %d (%.1f%%) | %.1f%% | %.1f%% | %.1f%% |%n", label, section.responses(),
                section.identical(), 100 * section.identicalShare(), 100 * section.meanSharedShare(),
                100 * section.referenceAccuracy(), 100 * section.otherAccuracy()));
    }
}
