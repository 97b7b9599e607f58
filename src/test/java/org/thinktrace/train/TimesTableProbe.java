package org.thinktrace.train;

import java.nio.file.Path;
import java.util.List;
import org.thinktrace.generate.LoadOptions;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.ModelSource;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.RuntimeSettings;

/**
 * Asks a model the times table ({@link TimesTable}) at greedy decoding, 64 questions decoded together, and prints
 * how many it answers rightly per phrasing and each miss. Arguments: model folder(s).
 */
public final class TimesTableProbe {

    private TimesTableProbe() {
    }

    public static void main(String[] args) throws Exception {
        for (String folder : args) {
            Path model = Path.of(folder);
            try (LoadedModel loaded = ModelSource.at(model).load(new LoadOptions(LoadOptions.DEFAULT_CONTEXT_LIMIT,
                    RuntimeSettings.defaults()), LoadProgress.NONE)) {
                List<Evaluator.Outcome> outcomes = Evaluator.evaluateTogether(loaded.generator(), 512,
                        TimesTable.questions(), 64);
                int right = 0;
                for (String phrasing : TimesTable.PHRASINGS) {
                    List<Evaluator.Outcome> asked = outcomes.stream()
                            .filter(o -> o.problem().phrasing().equals(phrasing)).toList();
                    long correct = asked.stream().filter(Evaluator.Outcome::correct).count();
                    right += (int) correct;
                    System.out.printf("%s  \"%s\": %d of %d%n", folder, phrasing, correct, asked.size());
                }
                System.out.printf("%s  all: %d of %d%n", folder, right, outcomes.size());
                for (Evaluator.Outcome o : outcomes) {
                    if (!o.correct()) {
                        System.out.printf("  miss: %s -> %s%n", o.problem().question(), o.answer().strip().replace('\n', ' '));
                    }
                }
            }
        }
    }
}
