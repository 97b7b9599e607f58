package org.thinktrace.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.ModelBundle;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.model.Architecture;
import org.thinktrace.model.RuntimeSettings;

/**
 * The bundled model, loaded through the same path as any downloaded checkpoint, scores above its
 * floors on 100 held-out problems at greedy decoding. Skips while {@code models/thinktrace-r1-tiny}
 * has not been trained into the project.
 */
class ShippedModelTest {

    private static final Path MODEL = Path.of("models", "thinktrace-r1-tiny");

    @Test
    void shippedModelMeetsItsFloorsOnHeldOutProblems() throws Exception {
        assumeTrue(Files.isRegularFile(MODEL.resolve("config.json")), "no trained model in " + MODEL.toAbsolutePath());
        List<Problem> problems = Teacher.standard().evaluationSet(10, 1);
        try (ModelBundle bundle = ModelBundle.load(MODEL,
                new ModelBundle.Options(ModelBundle.DEFAULT_CONTEXT_LIMIT, RuntimeSettings.defaults().withThreads(1)),
                ModelBundle.Progress.NONE)) {
            assertEquals(Architecture.QWEN2, bundle.config().architecture());
            EvaluationReport report = new Evaluator(bundle.generator(), 768)
                    .run("greedy", problems, SamplingSettings.greedy(), outcome -> { });
            assertTrue(report.meetsTargets(), report::table);
        }
    }
}
