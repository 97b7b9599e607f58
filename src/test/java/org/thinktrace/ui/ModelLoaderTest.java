package org.thinktrace.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.model.ComputePrecision;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.PrecisionChoice;

class ModelLoaderTest {

    private static final Path MODEL = Path.of("models", "thinktrace-r1-tiny");

    @TempDir
    Path dir;

    @Test
    void theAppsLoaderRecordsTheWeightsHashOnceAndReportsHashingAsAStage() throws Exception {
        assumeTrue(Files.isRegularFile(MODEL.resolve("model.safetensors")), "no bundled model in " + MODEL.toAbsolutePath());
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(MODEL.resolve("model.safetensors"))));
        Path cache = dir.resolve("weights-sha256.json");
        List<LoadProgress.Stage> stages = new ArrayList<>();

        ModelLoader.Opened first = ModelLoader.local(cache).load(MODEL, PrecisionChoice.AUTO,
                (stage, done, total) -> stages.add(stage));
        try (AutoCloseable owner = first.owner()) {
            assertEquals(expected, first.generator().identity().weightsSha256());
            assertEquals("thinktrace-r1-tiny", first.generator().identity().name());
            assertEquals("fp32", first.generator().identity().precision(), "Auto keeps a 1.1M-parameter model in FP32");
        }
        assertEquals(true, stages.contains(LoadProgress.Stage.HASHING), "stages: " + stages);

        stages.clear();
        ModelLoader.Opened again = ModelLoader.local(cache).load(MODEL, PrecisionChoice.of(ComputePrecision.INT8),
                (stage, done, total) -> stages.add(stage));
        try (AutoCloseable owner = again.owner()) {
            assertEquals(expected, again.generator().identity().weightsSha256(), "from the cache");
            assertEquals("int8", again.generator().identity().precision());
            assertTrue(again.generator().deviceDescription().endsWith("INT8"), again.generator().deviceDescription());
        }
        assertEquals(false, stages.contains(LoadProgress.Stage.HASHING), "the second load hashes nothing: " + stages);
    }
}
