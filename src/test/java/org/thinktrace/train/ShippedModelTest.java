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
import org.thinktrace.generate.ModelBundle;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.model.Architecture;
import org.thinktrace.model.RuntimeSettings;

/**
 * The bundled model, loaded through the same path as any downloaded checkpoint, scores above its
 * floors on 100 held-out problems at greedy decoding. The problems are shared between two copies of
 * the model on two threads (greedy decoding gives each problem the same answer whichever copy runs
 * it), which halves the wall time on two cores. Skips while {@code models/thinktrace-r1-tiny} has not
 * been trained into the project.
 */
class ShippedModelTest {

    private static final Path MODEL = Path.of("models", "thinktrace-r1-tiny");
    private static final int COPIES = 2;

    @Test
    void shippedModelMeetsItsFloorsOnHeldOutProblems() throws Exception {
        assumeTrue(Files.isRegularFile(MODEL.resolve("config.json")), "no trained model in " + MODEL.toAbsolutePath());
        List<Problem> problems = Teacher.standard().evaluationSet(10, 1);
        List<ModelBundle> copies = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(COPIES);
        try {
            for (int c = 0; c < COPIES; c++) {
                copies.add(ModelBundle.load(MODEL, new ModelBundle.Options(ModelBundle.DEFAULT_CONTEXT_LIMIT,
                        RuntimeSettings.defaults().withThreads(1)), ModelBundle.Progress.NONE));
            }
            assertEquals(Architecture.QWEN2, copies.getFirst().config().architecture());
            List<Evaluator> evaluators = copies.stream().map(b -> new Evaluator(b.generator(), 768)).toList();
            // each copy takes every other problem, one at a time: a copy runs one generation at once
            List<List<Integer>> shares = new ArrayList<>();
            for (int c = 0; c < COPIES; c++) shares.add(new ArrayList<>());
            for (int i = 0; i < problems.size(); i++) shares.get(i % COPIES).add(i);
            Evaluator.Outcome[] outcomes = new Evaluator.Outcome[problems.size()];
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < COPIES; c++) {
                Evaluator evaluator = evaluators.get(c);
                List<Integer> share = shares.get(c);
                runs.add(threads.submit(() -> {
                    for (int i : share) outcomes[i] = evaluator.evaluate(problems.get(i), SamplingSettings.greedy());
                    return null;
                }));
            }
            for (Future<?> run : runs) run.get();
            EvaluationReport report = new EvaluationReport("greedy", List.of(outcomes));
            assertEquals(problems.size(), report.outcomes().size());
            assertTrue(report.meetsTargets(), report::table);
        } finally {
            threads.shutdownNow();
            copies.forEach(ModelBundle::close);
        }
    }
}
