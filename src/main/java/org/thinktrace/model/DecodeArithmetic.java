package org.thinktrace.model;

import java.nio.ByteBuffer;

/**
 * The arithmetic of a decode step computed in Java ({@link JavaDecodeStep}) besides its projections and its
 * elementwise loops: a query's attention scores against cached keys, the softmax, the weighted sum of cached values,
 * and SiLU gating. The cache's memory is little-endian FP32, a head's positions one after another, {@code headDim}
 * floats each. The Vector API implementation ({@code VectorDecodeArithmetic}) or the scalar one
 * ({@link ScalarDecodeArithmetic}), chosen by {@link #best()}.
 */
interface DecodeArithmetic {

    /**
     * {@code scores[scoresAt + p] = scale × Σ_d query[queryOffset + d] × keys[keysAt + p·headDim + d]} for
     * {@code p < count}.
     *
     * @param keys   the cache's memory (its position ignored)
     * @param keysAt the float index in {@code keys} of the first position's key
     */
    void scores(float[] query, int queryOffset, ByteBuffer keys, int keysAt, int count, int headDim, float scale,
                float[] scores, int scoresAt);

    /**
     * {@code scores[from, from + count)} replaced by their softmax (shifted by their maximum, so a large score cannot
     * overflow).
     */
    void softmax(float[] scores, int from, int count);

    /**
     * {@code context[contextOffset + d] += Σ_p weights[weightsAt + p] × values[valuesAt + p·headDim + d]} for
     * {@code p < count}, {@code d < headDim}.
     *
     * @param values   the cache's memory (its position ignored)
     * @param valuesAt the float index in {@code values} of the first position's value
     */
    void addWeightedSum(float[] weights, int weightsAt, int count, ByteBuffer values, int valuesAt, int headDim,
                        float[] context, int contextOffset);

    /** {@code gate[i] = silu(gate[i]) × up[i]} with {@code silu(g) = g / (1 + e^-g)}. */
    void siluTimes(float[] gate, float[] up);

    /** The implementation's name, for {@code bench}. */
    String name();

    /** The fastest implementation this JVM runs: the Vector API one when it can, else the scalar one. */
    static DecodeArithmetic best() {
        return GemvSelection.decodeArithmetic();
    }
}
