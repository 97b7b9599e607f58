package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** YaRN inverse frequencies, correction range and attention factor against values worked out by hand. */
class RotaryEmbeddingTest {

    private static final double EXACT = 1e-15;

    /*
     * headDim 8, theta 10^4, factor 4, original context 64:
     *   base^(2i/8) = 1, 10, 100, 1000  ->  extrapolated 1, 0.1, 0.01, 0.001; interpolated a quarter of those
     *   correction dim of n turns = 8 ln(64 / (2 pi n)) / (2 ln 10^4):
     *     beta_fast 32 -> -0.497 (floor -1, clamped to 0), beta_slow 1 -> 1.008 (ceil 2)
     *   ramp over pairs 0..3 = 0, 0.5, 1, 1
     *   inv = 1, 0.5 * 0.025 + 0.5 * 0.1 = 0.0625, 0.0025, 0.00025
     */
    @Test
    void yarnBlendsExtrapolatedAndInterpolatedFrequencies() {
        YarnRopeScaling scaling = new YarnRopeScaling(4, 64, 32, 1, true, 1.0);

        assertArrayEquals(new double[] {0, 2}, YarnFrequencies.correctionRange(8, 10000, scaling));
        assertArrayEquals(new double[] {1, 0.0625, 0.0025, 0.00025},
                RotaryEmbedding.inverseFrequencies(8, 10000, scaling), EXACT);
    }

    /* Without truncation the ramp ends at 1.0080001056 (not 2): pair 1 keeps 1 - 1/1.0080001056 = 0.0079366 unscaled. */
    @Test
    void yarnWithoutTruncationRampsBetweenFractionalDimensions() {
        YarnRopeScaling scaling = new YarnRopeScaling(4, 64, 32, 1, false, 1.0);

        double[] range = YarnFrequencies.correctionRange(8, 10000, scaling);
        assertEquals(0, range[0]);
        assertEquals(1.0080001056, range[1], 1e-10);
        assertArrayEquals(new double[] {1, 0.0255952459, 0.0025, 0.00025},
                RotaryEmbedding.inverseFrequencies(8, 10000, scaling), 1e-10);
    }

    /* Original context 1: both correction dims are negative, so low = high = 0 and HF widens high to 0.001. */
    @Test
    void yarnWithAnEmptyRampInterpolatesEveryPairButTheFirst() {
        YarnRopeScaling scaling = new YarnRopeScaling(4, 1, 32, 1, true, 1.0);

        assertArrayEquals(new double[] {0, 0}, YarnFrequencies.correctionRange(8, 10000, scaling), 0.0);
        assertArrayEquals(new double[] {1, 0.025, 0.0025, 0.00025},
                RotaryEmbedding.inverseFrequencies(8, 10000, scaling), EXACT);
    }

    /* DeepSeek-R1-0528-Qwen3-8B: 128 ln(32768 / (64 pi)) / (2 ln 10^6) = 23.596, 128 ln(32768 / (2 pi)) / (2 ln 10^6) = 39.651. */
    @Test
    void r1Qwen3RampRunsFromPair23ToPair40() {
        YarnRopeScaling scaling = new YarnRopeScaling(4, 32768, 32, 1, true, 1.0);

        assertArrayEquals(new double[] {23, 40}, YarnFrequencies.correctionRange(128, 1e6, scaling));
        double[] inv = RotaryEmbedding.inverseFrequencies(128, 1e6, scaling);
        double[] plain = RotaryEmbedding.inverseFrequencies(128, 1e6, null);
        assertEquals(plain[23], inv[23], EXACT, "last pair before the ramp keeps its frequency");
        assertEquals(plain[40] / 4, inv[40], EXACT, "first pair after the ramp is interpolated");
        double ramp = (31 - 23) / 17.0;
        assertEquals(plain[31] * (1 - ramp) + plain[31] / 4 * ramp, inv[31], EXACT, "pair 31 is blended");
    }

    @Test
    void defaultAttentionFactorFollowsHuggingFace() {
        assertEquals(1.138629436111989, YarnRopeScaling.defaultAttentionFactor(4, 0, 0), EXACT, "0.1 ln 4 + 1");
        assertEquals(1.0, YarnRopeScaling.defaultAttentionFactor(0.5, 0, 0), "no scaling below factor 1");
        assertEquals(1.138629436111989, YarnRopeScaling.defaultAttentionFactor(4, 0.7, 0), EXACT,
                "mscale alone is ignored, as in HF");
        assertEquals(1.0, YarnRopeScaling.defaultAttentionFactor(40, 1, 1), EXACT, "DeepSeek-V3: equal mscales cancel");
        assertEquals((1 + 0.1 * Math.log(40)) / (1 + 0.08 * Math.log(40)),
                YarnRopeScaling.defaultAttentionFactor(40, 1, 0.8), EXACT);
    }

    @Test
    void tablesAreScaledByTheAttentionFactor() {
        double factor = 1.25;
        ModelConfig config = new ModelConfig(Architecture.QWEN3, 32, 48, 1, 4, 2, 8, 50, 4096, 1e-6, 10000,
                new YarnRopeScaling(4, 64, 32, 1, true, factor), false, false, true, 1, List.of(2));
        RotaryEmbedding rope = new RotaryEmbedding(config);

        float[] cos = rope.cosines(3, 2);   // positions 3 and 4, [2, 8]
        float[] sin = rope.sines(3, 2);
        double[] inv = {1, 0.0625, 0.0025, 0.00025};
        for (int p = 0; p < 2; p++) {
            for (int i = 0; i < 8; i++) {
                double angle = (3 + p) * inv[i % 4];
                assertEquals(factor * Math.cos(angle), cos[p * 8 + i], 1e-6, "cos position " + (3 + p) + " dim " + i);
                assertEquals(factor * Math.sin(angle), sin[p * 8 + i], 1e-6, "sin position " + (3 + p) + " dim " + i);
            }
        }
    }

    @Test
    void llama3TablesAreNotScaled() {
        ModelConfig config = TinyModels.llama();
        float[] cos = new RotaryEmbedding(config).cosines(0, 1);
        for (float value : cos) {
            assertEquals(1.0f, value);
        }
    }
}
