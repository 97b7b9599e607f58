package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Auto's rule: INT8 from 50 M parameters with the Vector API, Q4 in its place when only 4-bit weights fit. */
class AutoPrecisionTest {

    /** The weights of a 7B model: 7.6 GB in int8, 4.3 GB in 4 bits. */
    private static final Map<ComputePrecision, Long> BYTES = Map.of(ComputePrecision.FP32, 30_500_000_000L,
            ComputePrecision.FP16, 15_200_000_000L, ComputePrecision.INT8, 7_600_000_000L,
            ComputePrecision.Q4, 4_300_000_000L);

    @Test
    void largeModelsTakeInt8WithTheVectorApiAndFp32Without() {
        assertEquals(ComputePrecision.INT8, AutoPrecision.choose(AutoPrecision.INT8_FROM_PARAMETERS, true));
        assertEquals(ComputePrecision.FP32, AutoPrecision.choose(AutoPrecision.INT8_FROM_PARAMETERS - 1, true));
        assertEquals(ComputePrecision.FP32, AutoPrecision.choose(AutoPrecision.INT8_FROM_PARAMETERS, false));
    }

    @Test
    void int8GivesWayToQ4OnlyWhenItDoesNotFitAndQ4Does() {
        assertEquals(ComputePrecision.INT8, AutoPrecision.fitting(ComputePrecision.INT8, BYTES::get, 7_600_000_000L));
        assertEquals(ComputePrecision.Q4, AutoPrecision.fitting(ComputePrecision.INT8, BYTES::get, 7_599_999_999L));
        assertEquals(ComputePrecision.Q4, AutoPrecision.fitting(ComputePrecision.INT8, BYTES::get, 4_300_000_000L));
        assertEquals(ComputePrecision.INT8, AutoPrecision.fitting(ComputePrecision.INT8, BYTES::get, 4_000_000_000L),
                "neither fits: int8 stays and the memory check refuses it with advice");
        assertEquals(ComputePrecision.INT8, AutoPrecision.fitting(ComputePrecision.INT8, BYTES::get, -1),
                "free memory unknown");
        assertEquals(ComputePrecision.FP32, AutoPrecision.fitting(ComputePrecision.FP32, BYTES::get, 1_000_000_000L),
                "small models stay in FP32");
    }

    @Test
    void theRuleNamesTheFallback() {
        assertEquals("int8 for models of 50M parameters and more when the Vector API runs (q4 when int8 does not fit"
                + " free memory), else fp32; quantized GGUF files in the format nearest their own (q4 or int8)",
                AutoPrecision.RULE);
    }
}
