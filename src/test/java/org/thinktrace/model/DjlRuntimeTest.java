package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.thinktrace.model.ModelConfigLoaderTest.assertMessage;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Starts the real PyTorch engine (CPU, offline) and checks the per-thread set-up and the messages. */
class DjlRuntimeTest {

    private static String pytorchVersionFromEngineJar() throws Exception {
        try (InputStream in = ai.djl.pytorch.engine.PtEngine.class.getResourceAsStream("/pytorch-engine.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("pytorch_version");
        }
    }

    @Test
    void startsOfflineOnTheCpuInFp32() throws Exception {
        DjlRuntime runtime = DjlRuntime.start(RuntimeSettings.defaults().withThreads(1));

        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("PyTorch", System.getProperty("ai.djl.default_engine"));
        assertFalse(runtime.onGpu());
        assertEquals(ComputePrecision.FP32, runtime.precision());
        assertEquals(pytorchVersionFromEngineJar(), runtime.engineVersion());
        assertEquals("CPU · 1 thread · FP32", runtime.describe());
        assertEquals("CPU · 2 threads · FP16",
                DjlRuntime.start(RuntimeSettings.defaults().withThreads(2).withCpuPrecision(ComputePrecision.FP16)).describe());
    }

    /** Runs the set-up on a fresh thread, then a matrix product, and reports that thread's PyTorch state. */
    private static int[] threadStateAfter(DjlRuntime runtime, Runnable setUp)
            throws InterruptedException, ExecutionException {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            return CompletableFuture.supplyAsync(() -> {
                setUp.run();
                try (NDManager manager = runtime.newManager()) {
                    // [64, 64] x [64, 64]: large enough for PyTorch to consult its thread pool
                    manager.ones(new Shape(64, 64)).matMul(manager.ones(new Shape(64, 64)));
                }
                return new int[] {JniUtils.getNumThreads(), JniUtils.isGradMode() ? 1 : 0};
            }, executor).get();
        } finally {
            executor.shutdown();
        }
    }

    @Test
    void inferenceThreadGetsTheThreadCountAndNoGradients() throws Exception {
        for (int threads : new int[] {1, 2}) {
            DjlRuntime runtime = DjlRuntime.start(RuntimeSettings.defaults().withThreads(threads));
            int[] state = threadStateAfter(runtime, runtime::prepareInferenceThread);
            assertEquals(threads, state[0], "intra-op threads");
            assertEquals(0, state[1], "grad mode off");
        }
    }

    @Test
    void trainingThreadRecordsGradients() throws Exception {
        DjlRuntime runtime = DjlRuntime.start(RuntimeSettings.defaults().withThreads(1));
        assertEquals(1, threadStateAfter(runtime, runtime::prepareTrainingThread)[1]);
    }

    @Test
    void missingNativesMessageNamesTheArtifactAndTheFix() {
        String message = NativeLibraryMissingException.message(
                new EngineException("Failed to load PyTorch native library"), "Linux", "amd64", "2.7.1");

        assertMessage(new IllegalStateException(message), "EngineException: Failed to load PyTorch native library",
                "ai.djl.pytorch:pytorch-native-cpu:2.7.1", "classifier 'linux-x86_64'", "Linux / amd64",
                "./mvnw -DskipTests package", "DJL_CACHE_DIR");
    }

    @Test
    void classifierFollowsTheMavenCentralNames() {
        assertEquals("linux-x86_64", NativeLibraryMissingException.classifier("Linux", "amd64"));
        assertEquals("osx-aarch64", NativeLibraryMissingException.classifier("Mac OS X", "aarch64"));
        assertEquals("win-x86_64", NativeLibraryMissingException.classifier("Windows 11", "amd64"));
        assertEquals("linux-aarch64", NativeLibraryMissingException.classifier("Linux", "arm64"));
    }

    @Test
    void settingsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> RuntimeSettings.defaults().withThreads(0));
        assertTrue(RuntimeSettings.defaults().threads() >= 1);
    }
}
