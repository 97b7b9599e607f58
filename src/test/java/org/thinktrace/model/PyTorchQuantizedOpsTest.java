package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.IValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PyTorch's quantized CPU products, reached through the generated module, against plain double-precision loops over
 * the dequantized weights written in this test.
 */
class PyTorchQuantizedOpsTest extends NativeMemoryTest {

    private static final int M = 5;
    private static final int N = 48;
    private static final int K = 96;

    private static PyTorchQuantizedOps ops;

    @BeforeAll
    static void loadOps() {
        ops = PyTorchQuantizedOps.load(manager);
    }

    @AfterAll
    static void closeOps() {
        ops.close();
    }

    @Test
    void int8WeightOnlyMatchesTheNaiveProduct() {
        Random random = new Random(1);
        float[] x = RandomMatrices.gaussian(random, M * K);
        byte[] q = randomInt8(random, N * K);
        float[] scales = randomScales(random, N);
        NDArray result = ops.int8WeightOnly(manager.create(x, new Shape(M, K)), manager.create(q, new Shape(N, K)),
                manager.create(scales));
        assertClose(naiveProduct(x, (n, k) -> q[n * K + k] * (double) scales[n]), result, 1e-4);
    }

    /**
     * The int8 × int8 product quantizes each row of x to int8 with the step max|x[m]| / 127: each output may be off by
     * at most half a step per input, times the weights' magnitudes. A row of zeros gives zeros.
     */
    @Test
    void int8DynamicMatchesTheNaiveProductWithinTheRowQuantizationBound() {
        Random random = new Random(4);
        float[] x = RandomMatrices.gaussian(random, M * K);
        for (int k = 0; k < K; k++) {
            x[2 * K + k] = 0;                                                    // row 2: all zeros
            x[3 * K + k] *= 1000;                                                // row 3: a thousand times larger
        }
        byte[] q = randomInt8(random, N * K);
        float[] scales = randomScales(random, N);
        float[] actual = ops.int8Dynamic(manager.create(x, new Shape(M, K)), manager.create(q, new Shape(N, K)),
                manager.create(scales)).toFloatArray();
        double[] expected = naiveProduct(x, (n, k) -> q[n * K + k] * (double) scales[n]);
        for (int m = 0; m < M; m++) {
            double rowMax = 0;
            for (int k = 0; k < K; k++) {
                rowMax = Math.max(rowMax, Math.abs(x[m * K + k]));
            }
            double halfStep = rowMax / 127 / 2;
            for (int n = 0; n < N; n++) {
                double bound = 0;
                for (int k = 0; k < K; k++) {
                    bound += Math.abs(q[n * K + k] * (double) scales[n]) * halfStep;
                }
                assertEquals(expected[m * N + n], actual[m * N + n], bound * 1.01 + 1e-6 * Math.abs(expected[m * N + n]),
                        "row " + m + ", column " + n);
            }
        }
    }

    @Test
    void int4WeightOnlyMatchesTheNaiveProductOfGroupsOf32() {
        Random random = new Random(2);
        float[] x = RandomMatrices.gaussian(random, M * K);
        int[] q = new int[N * K];
        for (int i = 0; i < q.length; i++) {
            q[i] = random.nextInt(16);
        }
        int groups = K / PyTorchQuantizedOps.INT4_GROUP;
        float[] scalesAndZeros = new float[groups * N * 2];                      // [groups, N, (scale, zero)]
        for (int i = 0; i < scalesAndZeros.length; i += 2) {
            scalesAndZeros[i] = 0.01f + random.nextFloat() * 0.05f;
            scalesAndZeros[i + 1] = (random.nextFloat() - 0.5f) * 0.1f;
        }
        NDArray packed = ops.packInt4(manager.create(q, new Shape(N, K)));
        NDArray result = ops.int4WeightOnly(manager.create(x, new Shape(M, K)), packed,
                manager.create(scalesAndZeros, new Shape(groups, N, 2)));
        assertClose(naiveProduct(x, (n, k) -> {
            int at = ((k / PyTorchQuantizedOps.INT4_GROUP) * N + n) * 2;
            return (q[n * K + k] - 8) * (double) scalesAndZeros[at] + scalesAndZeros[at + 1];
        }), result, 1e-4);
    }

    /**
     * fbgemm quantizes the activations to 8 bits per call (one scale for the tensor: (max - min) / 255, or / 127 with
     * {@code reduceRange}): each output may be off by at most half a step per input, times the weights' magnitudes.
     */
    @Test
    void fbgemmMatchesTheNaiveProductWithinTheActivationQuantizationBound() {
        Random random = new Random(3);
        float[] x = RandomMatrices.gaussian(random, M * K);
        byte[] q = randomInt8(random, N * K);
        float[] scales = randomScales(random, N);
        float min = 0;
        float max = 0;
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        for (boolean reduceRange : new boolean[] {false, true}) {
            double halfStep = (max - min) / (reduceRange ? 127.0 : 255.0) / 2;
            try (IValue packed = ops.packFbgemm(manager.create(q, new Shape(N, K)), manager.create(scales))) {
                float[] actual = ops.fbgemmLinear(manager.create(x, new Shape(M, K)), packed, reduceRange).toFloatArray();
                for (int m = 0; m < M; m++) {
                    for (int n = 0; n < N; n++) {
                        double sum = 0;
                        double bound = 0;
                        for (int k = 0; k < K; k++) {
                            double w = q[n * K + k] * (double) scales[n];
                            sum += x[m * K + k] * w;
                            bound += Math.abs(w) * halfStep;
                        }
                        assertEquals(sum, actual[m * N + n], bound * 1.01 + 1e-6,
                                "row " + m + ", column " + n + ", reduceRange " + reduceRange);
                    }
                }
            }
        }
    }

    /**
     * fbgemm's FP16-weight product sums in FP32 over FP16 weights that are exact in FP32: a single row (decode) and
     * several, with and without a bias, against the double-precision product of the same FP16 values.
     */
    @Test
    void fp16MatchesTheNaiveProductOfTheHalfPrecisionWeights() {
        Random random = new Random(5);
        float[] x = RandomMatrices.gaussian(random, M * K);
        short[] halves = new short[N * K];
        for (int i = 0; i < halves.length; i++) {
            halves[i] = Float.floatToFloat16((float) random.nextGaussian() * 0.05f);
        }
        float[] bias = RandomMatrices.gaussian(random, N);
        NDArray w = manager.create(java.nio.ShortBuffer.wrap(halves), new Shape(N, K), DataType.FLOAT16);
        double[] expected = naiveProduct(x, (n, k) -> Float.float16ToFloat(halves[n * K + k]));
        for (boolean withBias : new boolean[] {false, true}) {
            try (IValue packed = ops.packFp16(w, withBias ? manager.create(bias) : null)) {
                for (int rows : new int[] {1, M}) {
                    float[] input = java.util.Arrays.copyOf(x, rows * K);
                    NDArray result = ops.fp16Linear(manager.create(input, new Shape(rows, K)), packed);
                    assertEquals(new Shape(rows, N), result.getShape());
                    float[] actual = result.toFloatArray();
                    for (int i = 0; i < rows * N; i++) {
                        double want = expected[i] + (withBias ? bias[i % N] : 0);
                        assertEquals(want, actual[i], 1e-5 * (1 + Math.abs(want)),
                                "element " + i + " of " + rows + " row(s), bias " + withBias);
                    }
                }
            }
        }
    }

    /** The dequantized weight at output row n, input column k. */
    private interface WeightAt {
        double at(int n, int k);
    }

    /** x [M, K] times the transpose of the weights [N, K], in double precision. */
    private static double[] naiveProduct(float[] x, WeightAt weight) {
        double[] product = new double[M * N];
        for (int m = 0; m < M; m++) {
            for (int n = 0; n < N; n++) {
                double sum = 0;
                for (int k = 0; k < K; k++) {
                    sum += x[m * K + k] * weight.at(n, k);
                }
                product[m * N + n] = sum;
            }
        }
        return product;
    }

    private static byte[] randomInt8(Random random, int count) {
        byte[] q = new byte[count];
        for (int i = 0; i < count; i++) {
            q[i] = (byte) (random.nextInt(255) - 127);
        }
        return q;
    }

    private static float[] randomScales(Random random, int count) {
        float[] scales = new float[count];
        for (int i = 0; i < count; i++) {
            scales[i] = 0.001f + random.nextFloat() * 0.01f;
        }
        return scales;
    }

    private static void assertClose(double[] expected, NDArray actual, double relative) {
        assertEquals(DataType.FLOAT32, actual.getDataType());
        assertEquals(new Shape(M, N), actual.getShape());
        float[] values = actual.toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], values[i], relative * (1 + Math.abs(expected[i])), "element " + i);
        }
    }
}
