package org.thinktrace.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The figures of one evaluation run: accuracy per family and overall, the share of well-formed
 * responses, mean thinking tokens and decode speed, printed as a Markdown table (the same text goes
 * into the model card).
 *
 * @param mode     how tokens were picked, for the table's caption (e.g. "greedy")
 * @param outcomes one per problem, in the order they ran
 */
public record EvaluationReport(String mode, List<Evaluator.Outcome> outcomes) {

    /** Overall accuracy floor of the shipped model. */
    public static final double TARGET_ACCURACY = 0.95;
    /** Per-family accuracy floor of the shipped model. */
    public static final double TARGET_FAMILY_ACCURACY = 0.90;
    /** Well-formed share floor of the shipped model. */
    public static final double TARGET_WELL_FORMED = 0.99;

    public EvaluationReport {
        outcomes = List.copyOf(outcomes);
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("an evaluation needs at least one problem");
        }
    }

    /** Share of correct answers. */
    public double accuracy() {
        return share(outcomes, Evaluator.Outcome::correct);
    }

    /** Share of well-formed responses. */
    public double wellFormedShare() {
        return share(outcomes, Evaluator.Outcome::wellFormed);
    }

    /** Mean tokens inside {@code <think>}. */
    public double meanThinkingTokens() {
        return outcomes.stream().mapToInt(Evaluator.Outcome::thinkingTokens).average().orElse(0);
    }

    /** Decode speed over all responses: generated tokens after each first one, over their decode time. */
    public double decodeTokensPerSecond() {
        double tokens = 0;
        double seconds = 0;
        for (Evaluator.Outcome o : outcomes) {
            int decoded = o.thinkingTokens() + o.answerTokens() - 1;
            if (decoded > 0 && o.decodeTokensPerSecond() > 0) {
                tokens += decoded;
                seconds += decoded / o.decodeTokensPerSecond();
            }
        }
        return seconds == 0 ? 0 : tokens / seconds;
    }

    /** Outcomes grouped by family, families in the order they first appear. */
    public Map<String, List<Evaluator.Outcome>> byFamily() {
        Map<String, List<Evaluator.Outcome>> groups = new LinkedHashMap<>();
        for (Evaluator.Outcome o : outcomes) {
            groups.computeIfAbsent(o.problem().family(), k -> new ArrayList<>()).add(o);
        }
        return groups;
    }

    /** Whether the floors of the shipped model are met. */
    public boolean meetsTargets() {
        return accuracy() >= TARGET_ACCURACY && wellFormedShare() >= TARGET_WELL_FORMED
                && byFamily().values().stream().allMatch(g -> share(g, Evaluator.Outcome::correct) >= TARGET_FAMILY_ACCURACY);
    }

    /** The Markdown table. */
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append("Evaluation (").append(mode).append("), ").append(outcomes.size()).append(" held-out problems\n\n");
        s.append("| family | problems | accuracy | well-formed | mean thinking tokens |\n");
        s.append("|---|---:|---:|---:|---:|\n");
        byFamily().forEach((family, group) -> row(s, family, group));
        row(s, "**all**", outcomes);
        s.append(String.format("%nDecode speed: %.0f tokens/s%n", decodeTokensPerSecond()));
        return s.toString();
    }

    private static void row(StringBuilder s, String label, List<Evaluator.Outcome> group) {
        s.append(String.format("| %s | %d | %.1f%% | %.1f%% | %.0f |%n", label, group.size(),
                100 * share(group, Evaluator.Outcome::correct), 100 * share(group, Evaluator.Outcome::wellFormed),
                group.stream().mapToInt(Evaluator.Outcome::thinkingTokens).average().orElse(0)));
    }

    private static double share(List<Evaluator.Outcome> group, Predicate<Evaluator.Outcome> test) {
        return group.stream().filter(test).count() / (double) group.size();
    }
}
