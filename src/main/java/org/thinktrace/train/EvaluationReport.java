package org.thinktrace.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The figures of one evaluation run: accuracy per family and overall on held-out problems, the
 * other parts of the evaluation against their floors, the share of well-formed responses, mean
 * thinking tokens and decode speed, printed as Markdown tables (the same text goes into the model
 * card). A report of held-out problems alone prints exactly the first table, as it always did.
 *
 * @param mode     how tokens were picked, for the table's caption (e.g. "greedy")
 * @param outcomes one per problem, in the order they ran
 * @param together the most responses decoded together ({@link Evaluator#evaluateTogether}); 1 when one ran at a time
 */
public record EvaluationReport(String mode, List<Evaluator.Outcome> outcomes, int together) {

    /** Overall accuracy floor on held-out problems. */
    public static final double TARGET_ACCURACY = 0.95;
    /** Per-family accuracy floor on held-out problems. */
    public static final double TARGET_FAMILY_ACCURACY = 0.90;
    /** Accuracy floor on held-out phrasings. */
    public static final double TARGET_HELD_OUT_PHRASINGS = 0.90;
    /** Accuracy floor on follow-up turns. */
    public static final double TARGET_FOLLOW_UPS = 0.90;
    /** Share of out-of-scope questions that must be recognised (answered with the refusal). */
    public static final double TARGET_OUT_OF_SCOPE = 0.95;
    /** Well-formed share floor, over every response. */
    public static final double TARGET_WELL_FORMED = 0.99;

    public EvaluationReport {
        outcomes = List.copyOf(outcomes);
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("an evaluation needs at least one problem");
        }
        if (together < 1) {
            throw new IllegalArgumentException("responses decoded together must be at least 1, got " + together);
        }
    }

    /** A report of responses generated one at a time. */
    public EvaluationReport(String mode, List<Evaluator.Outcome> outcomes) {
        this(mode, outcomes, 1);
    }

    /** Outcomes of one part, in the order they ran. */
    public List<Evaluator.Outcome> part(EvaluationPart part) {
        return outcomes.stream().filter(o -> o.part() == part).toList();
    }

    /** Share of correct answers on held-out problems. */
    public double accuracy() {
        return accuracy(EvaluationPart.PROBLEMS);
    }

    /** Share of correct answers in {@code part} (for out-of-scope questions: recognised); NaN when it is empty. */
    public double accuracy(EvaluationPart part) {
        List<Evaluator.Outcome> group = part(part);
        return group.isEmpty() ? Double.NaN : share(group, Evaluator.Outcome::correct);
    }

    /** Share of well-formed responses, over every part. */
    public double wellFormedShare() {
        return share(outcomes, Evaluator.Outcome::wellFormed);
    }

    /** In-scope questions (every part but out-of-scope) that were answered with the refusal. */
    public long refusedInScope() {
        return outcomes.stream().filter(o -> o.part() != EvaluationPart.OUT_OF_SCOPE && o.refused()).count();
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

    /** Held-out problems grouped by family, families in the order they first appear. */
    public Map<String, List<Evaluator.Outcome>> byFamily() {
        return byFamily(part(EvaluationPart.PROBLEMS));
    }

    /**
     * The floors this run misses, each as a sentence naming the figure and its floor; empty when
     * every floor is met. Parts the run did not evaluate have no floor to miss.
     */
    public List<String> missedFloors() {
        return floors().stream().flatMap(List::stream).toList();
    }

    /**
     * Every floor this run is held to, in order (held-out problems overall and by family, held-out phrasings, follow-up
     * turns, out-of-scope questions, each only if the run has that part; then well-formed and in-scope refusals), each
     * as the sentences of what it misses there: none when the floor is met.
     */
    private List<List<String>> floors() {
        List<List<String>> floors = new ArrayList<>();
        if (!part(EvaluationPart.PROBLEMS).isEmpty()) {
            List<String> missed = new ArrayList<>();
            floor(missed, "held-out problems", accuracy(), TARGET_ACCURACY);
            byFamily().forEach((family, group) ->
                    floor(missed, family, share(group, Evaluator.Outcome::correct), TARGET_FAMILY_ACCURACY));
            floors.add(missed);
        }
        for (EvaluationPart part : OTHER_PARTS) {
            if (!part(part).isEmpty()) {
                List<String> missed = new ArrayList<>();
                floor(missed, part.label(), accuracy(part), floorOf(part));
                floors.add(missed);
            }
        }
        List<String> wellFormed = new ArrayList<>();
        floor(wellFormed, "well-formed", wellFormedShare(), TARGET_WELL_FORMED);
        floors.add(wellFormed);
        floors.add(refusedInScope() > 0 ? List.of(refusedInScope() + " in-scope questions refused, floor 0") : List.of());
        return floors;
    }

    /** The parts beside held-out problems, each with one accuracy floor. */
    private static final List<EvaluationPart> OTHER_PARTS = List.of(EvaluationPart.HELD_OUT_PHRASINGS,
            EvaluationPart.FOLLOW_UPS, EvaluationPart.OUT_OF_SCOPE);

    /**
     * Where a run stands for choosing between runs (on a validation draw, never the test draw): how many of the floors
     * it evaluated it meets, then the mean of its accuracies. A better standing meets more floors, or as many with a
     * higher mean; {@link #compareTo} orders the better standing first.
     *
     * @param floorsMet    floors met: held-out problems (overall and in every family), held-out phrasings, follow-up
     *                     turns, out-of-scope questions, in-scope refusals, well-formed; each only if the run has it
     * @param floors       floors evaluated
     * @param meanAccuracy mean of the accuracies of the parts the run has (held-out problems, held-out phrasings,
     *                     follow-up turns, out-of-scope questions), from 0 to 1
     */
    public record Standing(int floorsMet, int floors, double meanAccuracy) implements Comparable<Standing> {

        @Override
        public int compareTo(Standing other) {
            int byFloors = Integer.compare(other.floorsMet, floorsMet);
            return byFloors != 0 ? byFloors : Double.compare(other.meanAccuracy, meanAccuracy);
        }

        /** {@code "4 of 6 floors met, mean accuracy 92.4%"}. */
        public String sentence() {
            return String.format("%d of %d floors met, mean accuracy %.1f%%", floorsMet, floors, 100 * meanAccuracy);
        }
    }

    /** This run's standing among runs of the same suite: the floors {@link #missedFloors()} checks, met or not. */
    public Standing standing() {
        List<List<String>> floors = floors();
        int met = (int) floors.stream().filter(List::isEmpty).count();
        double mean = Arrays.stream(EvaluationPart.values()).filter(part -> !part(part).isEmpty())
                .mapToDouble(this::accuracy).average().orElse(0);
        return new Standing(met, floors.size(), mean);
    }

    private static double floorOf(EvaluationPart part) {
        return switch (part) {
            case PROBLEMS -> TARGET_ACCURACY;
            case HELD_OUT_PHRASINGS -> TARGET_HELD_OUT_PHRASINGS;
            case FOLLOW_UPS -> TARGET_FOLLOW_UPS;
            case OUT_OF_SCOPE -> TARGET_OUT_OF_SCOPE;
        };
    }

    /** Whether every floor is met. */
    public boolean meetsTargets() {
        return missedFloors().isEmpty();
    }

    /**
     * The Markdown tables: held-out problems by family; then, when the run has other parts, every
     * part against its floor and held-out phrasings by family.
     */
    public String table() {
        StringBuilder s = new StringBuilder();
        List<Evaluator.Outcome> problems = part(EvaluationPart.PROBLEMS);
        if (!problems.isEmpty()) {
            s.append("Evaluation (").append(mode).append("), ").append(problems.size()).append(" held-out problems\n\n");
            familyTable(s, problems);
        }
        if (problems.size() < outcomes.size()) {
            s.append("\nFloors (").append(mode).append(")\n\n");
            s.append("| part | questions | result | floor |\n");
            s.append("|---|---:|---:|---:|\n");
            partRow(s, EvaluationPart.PROBLEMS);
            partRow(s, EvaluationPart.HELD_OUT_PHRASINGS);
            partRow(s, EvaluationPart.FOLLOW_UPS);
            partRow(s, EvaluationPart.OUT_OF_SCOPE);
            long inScope = outcomes.stream().filter(o -> o.part() != EvaluationPart.OUT_OF_SCOPE).count();
            s.append(String.format("| in-scope questions refused | %d | %d | 0 |%n", inScope, refusedInScope()));
            s.append(String.format("| well-formed | %d | %.1f%% | ≥ %.0f%% |%n", outcomes.size(),
                    100 * wellFormedShare(), 100 * TARGET_WELL_FORMED));
            List<Evaluator.Outcome> heldOut = part(EvaluationPart.HELD_OUT_PHRASINGS);
            if (!heldOut.isEmpty()) {
                s.append("\nHeld-out phrasings (").append(mode).append("), ").append(heldOut.size())
                        .append(" problems in phrasings no training example uses\n\n");
                familyTable(s, heldOut);
            }
        }
        s.append(together == 1 ? String.format("%nDecode speed: %.0f tokens/s%n", decodeTokensPerSecond())
                : String.format("%nDecode speed: %.0f tokens/s per response, up to %d responses decoded together%n",
                        decodeTokensPerSecond(), Math.min(together, outcomes.size())));
        return s.toString();
    }

    private void partRow(StringBuilder s, EvaluationPart part) {
        List<Evaluator.Outcome> group = part(part);
        if (!group.isEmpty()) {
            s.append(String.format("| %s | %d | %.1f%% | ≥ %.0f%% |%n", part.label(), group.size(),
                    100 * share(group, Evaluator.Outcome::correct), 100 * floorOf(part)));
        }
    }

    private static void familyTable(StringBuilder s, List<Evaluator.Outcome> group) {
        s.append("| family | problems | accuracy | well-formed | mean thinking tokens |\n");
        s.append("|---|---:|---:|---:|---:|\n");
        byFamily(group).forEach((family, members) -> row(s, family, members));
        row(s, "**all**", group);
    }

    private static Map<String, List<Evaluator.Outcome>> byFamily(List<Evaluator.Outcome> outcomes) {
        Map<String, List<Evaluator.Outcome>> groups = new LinkedHashMap<>();
        for (Evaluator.Outcome o : outcomes) {
            groups.computeIfAbsent(o.problem().family(), k -> new ArrayList<>()).add(o);
        }
        return groups;
    }

    private static void floor(List<String> missed, String what, double value, double floor) {
        if (!Double.isNaN(value) && value < floor) {
            missed.add(String.format("%s at %.1f%%, floor %.0f%%", what, 100 * value, 100 * floor));
        }
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
