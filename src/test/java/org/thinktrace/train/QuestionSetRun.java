package org.thinktrace.train;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.thinktrace.generate.LoadOptions;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.ModelSource;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.RuntimeSettings;

/**
 * Asks model folders a fixed set of questions at greedy decoding, 64 decoded together, and prints per group (a
 * question's {@link Problem#phrasing()}) how many each answers rightly, then each miss: the probes' shared report.
 */
final class QuestionSetRun {

    /** Questions decoded together. */
    private static final int TOGETHER = 64;

    private QuestionSetRun() {
    }

    /** A greedy question asking {@code question}, whose right answer is {@code answer}, reported under {@code group}. */
    static Evaluator.Question question(String family, String key, String group, String question, String reasoning,
                                       String answer) {
        String response = "<think>\n" + reasoning + "\n</think>\n\n**" + answer + "**";
        Problem problem = new Problem(family, key, question, response, answer, false, group, List.of());
        return new Evaluator.Question(EvaluationPart.PROBLEMS, problem, SamplingSettings.greedy());
    }

    /** Loads each of {@code folders} in turn, asks it {@code questions} (up to the model's context each) and prints the report. */
    static void report(String[] folders, List<Evaluator.Question> questions) throws Exception {
        Set<String> groups = new LinkedHashSet<>();
        questions.forEach(q -> groups.add(q.problem().phrasing()));
        for (String folder : folders) {
            try (LoadedModel loaded = ModelSource.at(Path.of(folder)).load(new LoadOptions(
                    LoadOptions.DEFAULT_CONTEXT_LIMIT, RuntimeSettings.defaults()), LoadProgress.NONE)) {
                // As many tokens per answer as thinktrace eval allows by default: the model's context.
                List<Evaluator.Outcome> outcomes = Evaluator.evaluateTogether(loaded.generator(),
                        loaded.config().maxPositionEmbeddings(), questions, TOGETHER);
                int right = 0;
                for (String group : groups) {
                    List<Evaluator.Outcome> asked = outcomes.stream()
                            .filter(o -> o.problem().phrasing().equals(group)).toList();
                    long correct = asked.stream().filter(Evaluator.Outcome::correct).count();
                    right += (int) correct;
                    System.out.printf("%s  \"%s\": %d of %d%n", folder, group, correct, asked.size());
                }
                System.out.printf("%s  all: %d of %d%n", folder, right, outcomes.size());
                for (Evaluator.Outcome o : outcomes) {
                    if (!o.correct()) {
                        System.out.printf("  miss: %s -> %s%n", o.problem().question(),
                                o.answer().strip().replace('\n', ' '));
                    }
                }
            }
        }
    }
}
