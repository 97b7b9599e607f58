package org.thinktrace.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@link DecodeArithmetic} with the Vector API (Java 22+, {@code --add-modules jdk.incubator.vector}), as many floats
 * per step as the preferred vector holds; a head's features past the last whole vector are added one by one. Scores
 * take four cached positions per pass (four independent sums), the weighted sum four positions per pass into four
 * accumulators per slice of features, so neither waits on one chain of fused multiply-adds. Every result is the same
 * float whether the JIT has compiled this code or not (sums of lanes by a fixed tree, exponentials from lanewise
 * operations: {@link #exp}), so a decode step's logits do not depend on how long the program has run. Compiled from
 * {@code src/main/java22} and loaded by name.
 */
final class VectorDecodeArithmetic implements DecodeArithmetic {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = FLOATS.length();
    private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Positions per pass of {@link #scores} and {@link #weightedSum}. */
    private static final int POSITIONS = 4;

    VectorDecodeArithmetic() {
    }

    @Override
    public void scores(float[] query, int queryOffset, ByteBuffer keys, int keysAt, int count, int headDim, float scale,
                       float[] scores, int scoresAt) {
        MemorySegment memory = MemorySegment.ofBuffer(keys.duplicate().clear());
        int whole = FLOATS.loopBound(headDim);
        long rowBytes = (long) headDim * Float.BYTES;
        long first = (long) keysAt * Float.BYTES;
        int p = 0;
        for (; p + POSITIONS <= count; p += POSITIONS) {
            long row = first + p * rowBytes;
            FloatVector s0 = FloatVector.zero(FLOATS);
            FloatVector s1 = FloatVector.zero(FLOATS);
            FloatVector s2 = FloatVector.zero(FLOATS);
            FloatVector s3 = FloatVector.zero(FLOATS);
            for (int d = 0; d < whole; d += LANES) {
                FloatVector q = FloatVector.fromArray(FLOATS, query, queryOffset + d);
                long at = row + (long) d * Float.BYTES;
                s0 = q.fma(load(memory, at), s0);
                s1 = q.fma(load(memory, at + rowBytes), s1);
                s2 = q.fma(load(memory, at + 2 * rowBytes), s2);
                s3 = q.fma(load(memory, at + 3 * rowBytes), s3);
            }
            scores[scoresAt + p] = (sum(s0) + tail(query, queryOffset, memory, row, whole, headDim)) * scale;
            scores[scoresAt + p + 1] = (sum(s1)
                    + tail(query, queryOffset, memory, row + rowBytes, whole, headDim)) * scale;
            scores[scoresAt + p + 2] = (sum(s2)
                    + tail(query, queryOffset, memory, row + 2 * rowBytes, whole, headDim)) * scale;
            scores[scoresAt + p + 3] = (sum(s3)
                    + tail(query, queryOffset, memory, row + 3 * rowBytes, whole, headDim)) * scale;
        }
        for (; p < count; p++) {
            long row = first + p * rowBytes;
            FloatVector s = FloatVector.zero(FLOATS);
            for (int d = 0; d < whole; d += LANES) {
                s = FloatVector.fromArray(FLOATS, query, queryOffset + d).fma(load(memory, row + (long) d * Float.BYTES), s);
            }
            scores[scoresAt + p] = (sum(s) + tail(query, queryOffset, memory, row, whole, headDim)) * scale;
        }
    }

    /** Lane rotations by half, a quarter, an eighth and a sixteenth of the lanes (0 where that is below one lane). */
    private static final VectorShuffle<Float> BY_HALF = VectorShuffle.iota(FLOATS, LANES / 2, 1, true);
    private static final VectorShuffle<Float> BY_QUARTER = VectorShuffle.iota(FLOATS, LANES / 4, 1, true);
    private static final VectorShuffle<Float> BY_EIGHTH = VectorShuffle.iota(FLOATS, LANES / 8, 1, true);
    private static final VectorShuffle<Float> BY_SIXTEENTH = VectorShuffle.iota(FLOATS, LANES / 16, 1, true);

    /**
     * The sum of {@code v}'s lanes by a fixed tree of lanewise adds of rotated copies: the same float in compiled and
     * interpreted code ({@code reduceLanes(ADD)} adds in an order of its own choosing, which differs between the two,
     * and a decode step must give the same logits before and after the JIT compiles it).
     */
    private static float sum(FloatVector v) {
        FloatVector s = v.add(v.rearrange(BY_HALF));
        if (LANES >= 4) {
            s = s.add(s.rearrange(BY_QUARTER));
        }
        if (LANES >= 8) {
            s = s.add(s.rearrange(BY_EIGHTH));
        }
        if (LANES >= 16) {
            s = s.add(s.rearrange(BY_SIXTEENTH));
        }
        return s.lane(0);
    }

    private static FloatVector load(MemorySegment memory, long at) {
        return FloatVector.fromMemorySegment(FLOATS, memory, at, ByteOrder.LITTLE_ENDIAN);
    }

    /** The features {@code [from, headDim)} of one row's dot product, one by one. */
    private static float tail(float[] query, int queryOffset, MemorySegment memory, long row, int from, int headDim) {
        float dot = 0;
        for (int d = from; d < headDim; d++) {
            dot += query[queryOffset + d] * memory.get(FLOAT_LE, row + (long) d * Float.BYTES);
        }
        return dot;
    }

    @Override
    public void softmax(float[] scores, int from, int count) {
        int end = from + count;
        int whole = from + FLOATS.loopBound(count);
        FloatVector maxima = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
        for (int p = from; p < whole; p += LANES) {
            maxima = maxima.max(FloatVector.fromArray(FLOATS, scores, p));
        }
        float max = maxima.reduceLanes(VectorOperators.MAX);
        for (int p = whole; p < end; p++) {
            max = Math.max(max, scores[p]);
        }
        FloatVector shift = FloatVector.broadcast(FLOATS, max);
        FloatVector sums = FloatVector.zero(FLOATS);
        for (int p = from; p < whole; p += LANES) {
            FloatVector e = exp(FloatVector.fromArray(FLOATS, scores, p).sub(shift));
            e.intoArray(scores, p);
            sums = sums.add(e);
        }
        float sum = sum(sums);
        for (int p = whole; p < end; p++) {
            scores[p] = (float) Math.exp(scores[p] - max);
            sum += scores[p];
        }
        float inverse = 1 / sum;
        for (int p = from; p < whole; p += LANES) {
            FloatVector.fromArray(FLOATS, scores, p).mul(inverse).intoArray(scores, p);
        }
        for (int p = whole; p < end; p++) {
            scores[p] *= inverse;
        }
    }

    @Override
    public void addWeightedSum(float[] weights, int weightsAt, int count, ByteBuffer values, int valuesAt, int headDim,
                               float[] context, int contextOffset) {
        MemorySegment memory = MemorySegment.ofBuffer(values.duplicate().clear());
        int whole = FLOATS.loopBound(headDim);
        long rowBytes = (long) headDim * Float.BYTES;
        long first = (long) valuesAt * Float.BYTES;
        int passes = count - count % POSITIONS;
        for (int d = 0; d < whole; d += LANES) {
            long column = first + (long) d * Float.BYTES;
            FloatVector a0 = FloatVector.fromArray(FLOATS, context, contextOffset + d);
            FloatVector a1 = FloatVector.zero(FLOATS);
            FloatVector a2 = FloatVector.zero(FLOATS);
            FloatVector a3 = FloatVector.zero(FLOATS);
            for (int p = 0; p < passes; p += POSITIONS) {
                long at = column + p * rowBytes;
                int w = weightsAt + p;
                a0 = load(memory, at).fma(FloatVector.broadcast(FLOATS, weights[w]), a0);
                a1 = load(memory, at + rowBytes).fma(FloatVector.broadcast(FLOATS, weights[w + 1]), a1);
                a2 = load(memory, at + 2 * rowBytes).fma(FloatVector.broadcast(FLOATS, weights[w + 2]), a2);
                a3 = load(memory, at + 3 * rowBytes).fma(FloatVector.broadcast(FLOATS, weights[w + 3]), a3);
            }
            for (int p = passes; p < count; p++) {
                a0 = load(memory, column + p * rowBytes).fma(FloatVector.broadcast(FLOATS, weights[weightsAt + p]), a0);
            }
            a0.add(a1).add(a2.add(a3)).intoArray(context, contextOffset + d);
        }
        for (int d = whole; d < headDim; d++) {
            float sum = context[contextOffset + d];
            for (int p = 0; p < count; p++) {
                sum += weights[weightsAt + p] * memory.get(FLOAT_LE, first + p * rowBytes + (long) d * Float.BYTES);
            }
            context[contextOffset + d] = sum;
        }
    }

    @Override
    public void siluTimes(float[] gate, float[] up) {
        int whole = FLOATS.loopBound(gate.length);
        for (int i = 0; i < whole; i += LANES) {
            FloatVector g = FloatVector.fromArray(FLOATS, gate, i);
            FloatVector sigmoid = exp(g.neg()).add(1f);
            g.div(sigmoid).mul(FloatVector.fromArray(FLOATS, up, i)).intoArray(gate, i);
        }
        for (int i = whole; i < gate.length; i++) {
            float g = gate[i];
            gate[i] = g / (1 + (float) Math.exp(-g)) * up[i];
        }
    }

    private static final float LOG2_E = 1.44269504f;
    /** ln 2 in two parts, the first with trailing zero bits, so that {@code n × LN2_HIGH} is exact for the n used. */
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    /** Adding and subtracting 1.5 × 2²³ rounds a float below 2²² to the nearest integer. */
    private static final float ROUNDER = 12582912f;
    private static final float MIN_EXPONENT = -87.3f;
    private static final float MAX_EXPONENT = 88f;

    /**
     * {@code e^x} per lane from lanewise IEEE operations only (fused multiply-adds, adds, integer shifts), so that
     * compiled and interpreted code give the same floats (the Vector API's {@code EXP} runs a library routine when
     * compiled and {@link Math#exp} when not): {@code x = n ln 2 + r} with {@code |r| ≤ ln 2 / 2}, {@code e^r} by
     * its Taylor polynomial of degree 7 (relative error below 2e-7), times {@code 2^n} built in the exponent bits.
     * Inputs are clamped to [-87.3, 88], where {@code 2^n} is a normal float: below, the result is about 1e-38
     * instead of smaller; above, about 2e38 instead of more or infinity.
     */
    private static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(MIN_EXPONENT).min(MAX_EXPONENT);
        FloatVector n = clamped.mul(LOG2_E).add(ROUNDER).sub(ROUNDER);              // round(x / ln 2)
        FloatVector r = n.fma(constant(-LN2_LOW), n.fma(constant(-LN2_HIGH), clamped)); // x - n ln 2
        FloatVector p = r.fma(constant(1f / 5040), constant(1f / 720));
        p = p.fma(r, constant(1f / 120));
        p = p.fma(r, constant(1f / 24));
        p = p.fma(r, constant(1f / 6));
        p = p.fma(r, constant(0.5f));
        p = p.fma(r, constant(1f));
        p = p.fma(r, constant(1f));
        IntVector bits = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(bits.reinterpretAsFloats());                                   // e^r × 2^n
    }

    private static FloatVector constant(float value) {
        return FloatVector.broadcast(FLOATS, value);
    }

    @Override
    public String name() {
        return "Vector API, " + LANES + " float lanes";
    }
}
