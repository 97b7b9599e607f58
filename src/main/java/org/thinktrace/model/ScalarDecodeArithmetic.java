package org.thinktrace.model;

import java.nio.ByteBuffer;

/** {@link DecodeArithmetic} in plain Java (any Java 21 JVM): the reference the Vector API one is tested against. */
final class ScalarDecodeArithmetic implements DecodeArithmetic {

    @Override
    public void scores(float[] query, int queryOffset, ByteBuffer keys, int keysAt, int count, int headDim, float scale,
                       float[] scores, int scoresAt) {
        for (int p = 0; p < count; p++) {
            int row = (keysAt + p * headDim) * Float.BYTES;
            float dot = 0;
            for (int d = 0; d < headDim; d++) {
                dot += query[queryOffset + d] * keys.getFloat(row + d * Float.BYTES);
            }
            scores[scoresAt + p] = dot * scale;
        }
    }

    @Override
    public void softmax(float[] scores, int from, int count) {
        float max = Float.NEGATIVE_INFINITY;
        for (int p = from; p < from + count; p++) {
            max = Math.max(max, scores[p]);
        }
        float sum = 0;
        for (int p = from; p < from + count; p++) {
            scores[p] = (float) Math.exp(scores[p] - max);
            sum += scores[p];
        }
        float inverse = 1 / sum;
        for (int p = from; p < from + count; p++) {
            scores[p] *= inverse;
        }
    }

    @Override
    public void addWeightedSum(float[] weights, int weightsAt, int count, ByteBuffer values, int valuesAt, int headDim,
                               float[] context, int contextOffset) {
        for (int p = 0; p < count; p++) {
            int row = (valuesAt + p * headDim) * Float.BYTES;
            float weight = weights[weightsAt + p];
            for (int d = 0; d < headDim; d++) {
                context[contextOffset + d] += weight * values.getFloat(row + d * Float.BYTES);
            }
        }
    }

    @Override
    public void siluTimes(float[] gate, float[] up) {
        for (int i = 0; i < gate.length; i++) {
            float g = gate[i];
            gate[i] = g / (1 + (float) Math.exp(-g)) * up[i];
        }
    }

    @Override
    public String name() {
        return "scalar Java";
    }
}
