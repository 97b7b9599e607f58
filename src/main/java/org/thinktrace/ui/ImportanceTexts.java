package org.thinktrace.ui;

import java.util.List;
import java.util.Locale;
import org.thinktrace.chat.Importance;
import org.thinktrace.chat.StepResampling;

/** The sentences the inspector shows about step importance: the run's summary and one step's details. */
final class ImportanceTexts {

    private ImportanceTexts() {
    }

    /**
     * "Step 5 moved the model most towards its answer (+0.75); step 9 most away from it (-0.50). 18 steps
     * resampled, 12,345 tokens generated." For a cancelled run: how far it got, and that it is not kept.
     */
    static String summary(Importance importance, int plannedSteps) {
        List<StepResampling> steps = importance.steps();
        String tokens = String.format(Locale.ROOT, "%,d tokens generated", importance.tokens());
        if (!importance.complete()) {
            return String.format(Locale.ROOT, "Cancelled after %d of %d steps (%s): the finished steps are shown;"
                    + " only a complete run is kept with the response.", steps.size(), plannedSteps, tokens);
        }
        StepResampling most = null;
        StepResampling least = null;
        for (StepResampling s : steps) {
            if (s.importance() > 0 && (most == null || s.importance() > most.importance())) most = s;
            if (s.importance() < 0 && (least == null || s.importance() < least.importance())) least = s;
        }
        StringBuilder out = new StringBuilder();
        out.append(most == null ? "No step moved the model towards its answer"
                : String.format(Locale.ROOT, "Step %d moved the model most towards its answer (%+.2f)",
                        most.step() + 1, most.importance()));
        out.append(least == null ? "; none away from it. "
                : String.format(Locale.ROOT, "; step %d most away from it (%+.2f). ", least.step() + 1,
                        least.importance()));
        out.append(String.format(Locale.ROOT, "%d %s resampled, %s.", steps.size(),
                steps.size() == 1 ? "step" : "steps", tokens));
        return out.toString();
    }

    /**
     * One step's resampling: its first words, its importance, and before and after it the share of continuations
     * that reached the final answer, with their answers.
     */
    static String detail(StepResampling s, String firstWords, String finalAnswer) {
        return String.format(Locale.ROOT, "Step %d \"%s\" · importance %+.2f%n%s%n%s", s.step() + 1, firstWords,
                s.importance(), side("Before it", s.answersBefore(), s.shareBefore(), finalAnswer),
                side("After it", s.answersAfter(), s.shareAfter(), finalAnswer));
    }

    private static String side(String name, List<String> answers, double share, String finalAnswer) {
        long reached = Math.round(share * answers.size());
        String target = finalAnswer.isEmpty() ? "the answer" : finalAnswer;
        return String.format(Locale.ROOT, "%s: %d of %d reached %s (%.0f %%): %s", name, reached, answers.size(),
                target, 100 * share, String.join(", ", answers.stream().map(a -> a.isEmpty() ? "no answer" : a).toList()));
    }
}
