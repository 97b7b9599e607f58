package org.thinktrace.model;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@link DecodeArithmetic} this JVM runs against naive double-precision loops written here: head widths below,
 * at and across a vector's lanes with a tail, position counts around the four-per-pass blocks, heads at an offset in
 * the cache, scores large enough to overflow an unshifted exponential.
 */
class DecodeArithmeticTest {

    private static final int[] HEAD_DIMS = {8, 16, 40, 64, 128};
    private static final int[] COUNTS = {1, 3, 4, 5, 8, 13, 64};

    private static List<DecodeArithmetic> implementations() {
        return GemvSelection.runnable(GemvSelection.VECTOR_DECODE_ARITHMETIC, DecodeArithmetic.class,
                new ScalarDecodeArithmetic());
    }

    @Test
    void scoresAreScaledDotProductsOfTheQueryWithEachCachedKey() {
        Random random = new Random(1);
        for (DecodeArithmetic arithmetic : implementations()) {
            for (int headDim : HEAD_DIMS) {
                for (int count : COUNTS) {
                    int offset = 3 * headDim;                       // the head starts after three rows of another
                    float[] cache = gaussians(random, offset + count * headDim + 5);
                    float[] query = gaussians(random, 2 * headDim);
                    float[] scores = new float[count + 3];
                    arithmetic.scores(query, headDim, buffer(cache), offset, count, headDim, 0.25f, scores, 1);
                    for (int p = 0; p < count; p++) {
                        double expected = 0;
                        for (int d = 0; d < headDim; d++) {
                            expected += (double) query[headDim + d] * cache[offset + p * headDim + d];
                        }
                        assertEquals(0.25 * expected, scores[1 + p], 1e-5 * (1 + Math.abs(expected)),
                                arithmetic.name() + ", D " + headDim + ", " + count + " positions, p " + p);
                    }
                    assertEquals(0f, scores[0], arithmetic.name() + " wrote before its offset");
                    assertEquals(0f, scores[count + 1], arithmetic.name() + " wrote past the positions");
                }
            }
        }
    }

    @Test
    void softmaxSumsToOneAndSurvivesLargeScores() {
        Random random = new Random(2);
        for (DecodeArithmetic arithmetic : implementations()) {
            for (int count : new int[] {1, 5, 16, 17, 100}) {
                int from = 3;
                float[] scores = gaussians(random, from + count + 3);
                for (int p = from; p < from + count; p++) {
                    scores[p] = scores[p] * 30 + 500;               // e^500 overflows a float
                }
                float[] original = scores.clone();
                arithmetic.softmax(scores, from, count);
                double max = Double.NEGATIVE_INFINITY;
                for (int p = from; p < from + count; p++) {
                    max = Math.max(max, original[p]);
                }
                double sum = 0;
                for (int p = from; p < from + count; p++) {
                    sum += Math.exp(original[p] - max);
                }
                for (int p = from; p < from + count; p++) {
                    double expected = Math.exp(original[p] - max) / sum;
                    assertEquals(expected, scores[p], 1e-6 + 1e-5 * expected, arithmetic.name() + ", " + count + " p " + p);
                }
                assertEquals(original[from - 1], scores[from - 1], arithmetic.name() + " changed a score before the range");
                assertEquals(original[from + count], scores[from + count],
                        arithmetic.name() + " changed a score past the range");
            }
        }
    }

    @Test
    void addWeightedSumAddsTheCachedValuesByTheirWeights() {
        Random random = new Random(3);
        for (DecodeArithmetic arithmetic : implementations()) {
            for (int headDim : HEAD_DIMS) {
                for (int count : COUNTS) {
                    int offset = 2 * headDim;
                    float[] cache = gaussians(random, offset + count * headDim);
                    float[] weights = gaussians(random, count + 2);          // the block's weights start at 2
                    float[] context = gaussians(random, 3 * headDim);       // what is there is added to
                    float[] before = context.clone();
                    arithmetic.addWeightedSum(weights, 2, count, buffer(cache), offset, headDim, context, headDim);
                    for (int d = 0; d < headDim; d++) {
                        double expected = before[headDim + d];
                        for (int p = 0; p < count; p++) {
                            expected += (double) weights[2 + p] * cache[offset + p * headDim + d];
                        }
                        assertEquals(expected, context[headDim + d], 1e-5 * (1 + Math.abs(expected)),
                                arithmetic.name() + ", D " + headDim + ", " + count + " positions, d " + d);
                    }
                    assertEquals(before[headDim - 1], context[headDim - 1], arithmetic.name() + " wrote before its offset");
                    assertEquals(before[2 * headDim], context[2 * headDim], arithmetic.name() + " wrote past the head");
                }
            }
        }
    }

    @Test
    void siluTimesGatesEachValueByItsUpProjection() {
        Random random = new Random(4);
        for (DecodeArithmetic arithmetic : implementations()) {
            for (int length : new int[] {1, 7, 16, 33, 200}) {
                float[] gate = gaussians(random, length);
                gate[0] = -100f;                                    // e^100 is infinite in float: silu is -0
                float[] up = gaussians(random, length);
                float[] original = gate.clone();
                arithmetic.siluTimes(gate, up);
                for (int i = 0; i < length; i++) {
                    double g = original[i];
                    double expected = g / (1 + Math.exp(-g)) * up[i];
                    assertEquals(expected, gate[i], 1e-6 * (1 + Math.abs(expected)), arithmetic.name() + ", i " + i);
                    assertTrue(Float.isFinite(gate[i]), arithmetic.name() + ", i " + i);
                }
            }
        }
    }

    private static float[] gaussians(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** Little-endian FP32 memory as the cache's, at a position that an implementation must ignore. */
    private static ByteBuffer buffer(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.position(Float.BYTES);
    }
}
