package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link QuantizedProjectionKernel} on int8 and 4-bit weights against a double-precision product
 * over the dequantized weights (int8: values × scales read back; 4-bit: {@link NaiveQ4}, a single row's input
 * rounded as {@link NaiveQ4#roundedInput}), for a
 * decode row on one lane and on two lanes sharing chunks whose boundaries fall inside every
 * projection, for a few rows (a batched step) on the same bytes, and for a prompt of more rows through the
 * widened FP32 copy, whole or slab by slab.
 */
class QuantizedProjectionKernelTest extends NativeMemoryTest {

    @ParameterizedTest
    @EnumSource(names = {"INT8", "Q4"})
    void splitsDecodeRowsOverTwoLanesAndWidensForPrefill(ComputePrecision precision) {
        Random random = new Random(8);
        ModelConfig config = TinyModels.qwen2();
        try (DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, TinyModels.randomWeights(config, 9))
                .convertTo(precision)) {
            LayerWeights layer = weights.layer(1);
            // chunks of 3 rows (q has 32 rows, k and v 16): ragged last chunks in every projection; a prompt on two
            // lanes widens slabs of 7 rows (ragged last slabs, chunks crossing no slab boundary), on one lane all rows
            int chunkBytes = 3 * Math.toIntExact(weights.quantized(layer.qProj()).rowBytes());
            long slabBytes = 7L * config.hiddenSize() * Float.BYTES;
            // int8 prompts widened too (false): PyTorch's int8 x int8 product has its own test (Int8PromptProductsTest)
            try (QuantizedProjectionKernel oneLane = new QuantizedProjectionKernel(weights, 1, 0, 1 << 20,
                         StagingTensors.DEFAULT_SLAB_BYTES, false);
                 QuantizedProjectionKernel twoLanes = new QuantizedProjectionKernel(weights, 2, 0, chunkBytes, slabBytes,
                         false);
                 NDManager step = manager.newSubManager()) {
                Projection[] qkv = {new Projection(layer.qProj(), layer.qBias()), new Projection(layer.kProj(), layer.kBias()),
                        new Projection(layer.vProj(), layer.vBias())};
                for (int tokens : new int[] {1, 5, QuantizedProjectionKernel.MAX_GEMV_ROWS + 3}) {
                    float[] input = RandomMatrices.gaussian(random, tokens * config.hiddenSize());
                    NDArray x = step.create(input, new Shape(1, tokens, config.hiddenSize()));
                    NDArray[] one = oneLane.project(x, qkv);
                    NDArray[] two = twoLanes.project(x, qkv);
                    for (int p = 0; p < qkv.length; p++) {
                        QuantizedMatrix matrix = weights.quantized(qkv[p].weight());
                        float[] expected = naiveProjection(matrix, input, tokens, qkv[p].bias().toFloatArray());
                        String where = precision + ", " + tokens + " tokens, projection " + p;
                        assertEquals(new Shape(1, tokens, matrix.rows()), two[p].getShape());
                        assertArrayEquals(expected, one[p].toFloatArray(), 1e-4f, "one lane, " + where);
                        assertArrayEquals(expected, two[p].toFloatArray(), 1e-4f, "two lanes, " + where);
                    }
                }
            }
        }
    }

    /** A single row holding a NaN gives NaN outputs, as a float product would: no finite 8-bit level stands for it. */
    @Test
    void aSingleFourBitRowWithANaNGivesNaNs() {
        ModelConfig config = TinyModels.qwen2();
        try (DecoderWeights weights = DecoderWeights.fromFloatArrays(config, manager, TinyModels.randomWeights(config, 10))
                .convertTo(ComputePrecision.Q4);
             QuantizedProjectionKernel kernel = new QuantizedProjectionKernel(weights, 1, 0, 1 << 20,
                     StagingTensors.DEFAULT_SLAB_BYTES, false);
             NDManager step = manager.newSubManager()) {
            LayerWeights layer = weights.layer(0);
            float[] input = RandomMatrices.gaussian(new Random(11), config.hiddenSize());
            input[3] = Float.NaN;
            NDArray[] out = kernel.project(step.create(input, new Shape(1, 1, config.hiddenSize())),
                    new Projection(layer.qProj(), layer.qBias()));
            for (float value : out[0].toFloatArray()) {
                assertEquals(Float.NaN, value, "every output of a row with a NaN input");
            }
        }
    }

    /** {@code x · weightᵀ + bias} for each of {@code tokens} input rows, in double. */
    private static float[] naiveProjection(QuantizedMatrix matrix, float[] input, int tokens, float[] bias) {
        float[] out = new float[tokens * matrix.rows()];
        for (int t = 0; t < tokens; t++) {
            float[] given = Arrays.copyOfRange(input, t * matrix.cols(), (t + 1) * matrix.cols());
            // a single row meets 4-bit weights rounded to 8 bits per group of 32
            double[] row = tokens == 1 && matrix instanceof Q4Matrix ? NaiveQ4.roundedInput(given)
                    : IntStream.range(0, given.length).mapToDouble(c -> given[c]).toArray();
            for (int r = 0; r < matrix.rows(); r++) {
                double sum = bias[r];
                for (int c = 0; c < matrix.cols(); c++) {
                    sum += row[c] * weight(matrix, r, c);
                }
                out[t * matrix.rows() + r] = (float) sum;
            }
        }
        return out;
    }

    private static double weight(QuantizedMatrix matrix, int r, int c) {
        return switch (matrix) {
            case Int8Matrix int8 -> int8.dequantized(r, c);
            case Q4Matrix q4 -> NaiveQ4.weight(q4, r, c);
        };
    }
}
