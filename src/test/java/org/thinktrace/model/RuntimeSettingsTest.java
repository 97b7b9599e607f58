package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thinktrace.model.RuntimeSettings.MklDispatch;

/**
 * The oneMKL kernel choice of the default settings follows its system property, and a bad value is named; a model
 * whose matrices are all small runs on one thread, a real checkpoint's shapes on the threads asked.
 */
class RuntimeSettingsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(RuntimeSettings.MKL_DISPATCH_PROPERTY);
    }

    @Test
    void oneMklKernelsByCpuFeaturesUnlessThePropertySaysOtherwise() {
        assertEquals(MklDispatch.CPU_FEATURES, RuntimeSettings.defaults().mklDispatch());
        System.setProperty(RuntimeSettings.MKL_DISPATCH_PROPERTY, "mkl-default");
        assertEquals(MklDispatch.MKL_DEFAULT, RuntimeSettings.defaults().mklDispatch());
        assertEquals(MklDispatch.MKL_DEFAULT, RuntimeSettings.defaults().withThreads(1).withCpuPrecision(ComputePrecision.FP16).mklDispatch());
        System.setProperty(RuntimeSettings.MKL_DISPATCH_PROPERTY, "cpu-features");
        assertEquals(MklDispatch.CPU_FEATURES, RuntimeSettings.defaults().mklDispatch());
    }

    @Test
    void aModelOfSmallMatricesRunsOnOneThreadAndRealShapesOnTheThreadsAsked() {
        RuntimeSettings four = RuntimeSettings.defaults().withThreads(4);
        // the bundled model's shapes: width 128, MLP 512, 1,024 tokens
        ModelConfig bundled = TinyModels.withShapes(128, 512, 1024);
        assertEquals(1, four.fittedTo(bundled).threads());
        assertEquals(ComputePrecision.FP32, four.fittedTo(bundled).cpuPrecision());
        assertEquals(4, four.fittedTo(SyntheticCheckpoint.named("qwen2-0.5b").modelConfig()).threads());
        assertEquals(4, four.fittedTo(SyntheticCheckpoint.named("qwen2-1.5b").modelConfig()).threads());
        // the lm_head counts as much as a layer's matrix: a small layer under a large vocabulary keeps its threads
        assertEquals(4, four.fittedTo(TinyModels.withShapes(128, 512, 151_936)).threads());
        long justBelow = RuntimeSettings.ONE_THREAD_MATRIX_WEIGHTS - 1;
        assertEquals(1, four.fittedTo(TinyModels.withShapes(1, (int) justBelow, 1)).threads());
        assertEquals(4, four.fittedTo(TinyModels.withShapes(1, (int) justBelow + 1, 1)).threads());
    }

    @Test
    void anUnknownValueNamesThePropertyAndTheValue() {
        System.setProperty(RuntimeSettings.MKL_DISPATCH_PROPERTY, "avx2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, RuntimeSettings::defaults);
        assertTrue(e.getMessage().contains("thinktrace.mkl.dispatch") && e.getMessage().contains("'avx2'"), e.getMessage());
    }
}
