package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.LoadOptions;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.ModelSource;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.model.Architecture;
import org.thinktrace.model.RuntimeSettings;

/**
 * The bundled model, loaded through the same path as any downloaded checkpoint, meets the floors of
 * the teacher edition it was trained by, at greedy decoding, on a small sample
 * ({@link #sample(TeacherEdition)}). Which checks apply is read from the model's own
 * {@code config.json}: a first-edition model (no edition recorded) is checked on 100 held-out
 * problems exactly as before; a second-edition model also on held-out phrasings, follow-up turns and
 * out-of-scope questions. The problems are shared between two copies of the model on two threads,
 * which halves the wall time on two cores. Skips while {@code models/thinktrace-r1-tiny} has not been
 * trained into the project.
 */
class ShippedModelTest {

    private static final Path MODEL = Path.of("models", "thinktrace-r1-tiny");
    private static final int COPIES = 2;

    /**
     * The build's sample for a model of {@code edition}: 10 held-out problems per family (seed 1);
     * for the second edition also 5 per family in held-out phrasings, 25 follow-up conversations and
     * 20 out-of-scope questions.
     */
    static EvaluationSuite sample(TeacherEdition edition) {
        return Teacher.of(edition).evaluationSuite(10, 1);
    }

    @Test
    void shippedModelMeetsTheFloorsOfItsTeacherEdition() throws Exception {
        assumeTrue(Files.isRegularFile(MODEL.resolve("config.json")), "no trained model in " + MODEL.toAbsolutePath());
        EvaluationSuite suite = sample(TeacherEdition.ofModel(MODEL));
        List<LoadedModel> copies = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(COPIES);
        try {
            for (int c = 0; c < COPIES; c++) {
                copies.add(ModelSource.at(MODEL).load(new LoadOptions(LoadOptions.DEFAULT_CONTEXT_LIMIT,
                        RuntimeSettings.defaults().withThreads(1)), LoadProgress.NONE));
            }
            assertEquals(Architecture.QWEN2, copies.getFirst().config().architecture());
            int maxTokens = copies.getFirst().config().maxPositionEmbeddings();
            List<Evaluator> evaluators = copies.stream().map(b -> new Evaluator(b.generator(), maxTokens)).toList();
            List<EvaluationPart> parts = new ArrayList<>();
            List<Problem> problems = new ArrayList<>();
            for (EvaluationPart part : EvaluationPart.values()) {
                for (Problem problem : suite.part(part)) {
                    parts.add(part);
                    problems.add(problem);
                }
            }
            // each copy takes every other problem, one at a time: a copy runs one generation at once, and greedy
            // decoding gives a problem the same answer whichever copy runs it
            Evaluator.Outcome[] outcomes = new Evaluator.Outcome[problems.size()];
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < COPIES; c++) {
                Evaluator evaluator = evaluators.get(c);
                int first = c;
                runs.add(threads.submit(() -> {
                    for (int i = first; i < problems.size(); i += COPIES) {
                        outcomes[i] = evaluator.evaluate(parts.get(i), problems.get(i), SamplingSettings.greedy());
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) run.get();
            EvaluationReport report = new EvaluationReport("greedy", List.of(outcomes));
            assertEquals(suite.size(), report.outcomes().size());
            assertTrue(report.meetsTargets(), () -> report.missedFloors() + "\n" + report.table());
        } finally {
            threads.shutdownNow();
            copies.forEach(LoadedModel::close);
        }
    }

    @Test
    void aFirstEditionModelIsCheckedOnHeldOutProblemsOnlyAndASecondEditionModelOnEveryPart() {
        EvaluationSuite first = sample(TeacherEdition.FIRST);
        assertEquals(100, first.problems().size());
        assertEquals(100, first.size(), "no held-out phrasings, follow-ups or out-of-scope questions");
        EvaluationSuite second = sample(TeacherEdition.SECOND);
        assertEquals(100, second.problems().size());
        assertEquals(50, second.heldOutPhrasings().size());
        assertEquals(25, second.followUps().size());
        assertEquals(20, second.outOfScope().size());
    }
}
