package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thinktrace.model.RuntimeSettings.MklDispatch;

/** The oneMKL kernel choice of the default settings follows its system property, and a bad value is named. */
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
    void anUnknownValueNamesThePropertyAndTheValue() {
        System.setProperty(RuntimeSettings.MKL_DISPATCH_PROPERTY, "avx2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, RuntimeSettings::defaults);
        assertTrue(e.getMessage().contains("thinktrace.mkl.dispatch") && e.getMessage().contains("'avx2'"), e.getMessage());
    }
}
