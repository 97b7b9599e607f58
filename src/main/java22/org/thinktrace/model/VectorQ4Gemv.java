package org.thinktrace.model;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@link Q4Gemv} with the Vector API (Java 22+, {@code --add-modules jdk.incubator.vector}). A decode step's single
 * input, rounded to 8-bit levels ({@link #roundInput}), meets the nibbles as 16-bit integers
 * ({@link #multiply(Q4Matrix, Q8Input, float[], int, int)}). A float input: per group of 32 weights it loads the 16
 * nibble bytes as one 128-bit vector, widens them to ints (one vector on AVX-512, two on AVX2: x86 has no byte
 * shifts), splits those into the low nibbles (weights 0–15) and the high ones (16–31), subtracts 8, converts to
 * floats and accumulates {@code w × x} with fused multiply-adds; the group's sum is multiplied by its FP16 scale into
 * one of two row accumulators (even and odd groups). With 16 float lanes (AVX-512) the weights come from a per-group
 * table instead, for a single input ({@link #multiplyByLookup}) and in the batched blocks ({@link #block}). A shorter
 * last group goes to {@link ScalarQ4Gemv}. Compiled from {@code src/main/java22} and loaded by name, so the Java 21
 * code never links against it.
 */
final class VectorQ4Gemv implements Q4Gemv {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = FLOATS.length();
    /** Int lanes of the float vectors' width: nibbles are split and shifted as ints (x86 has no byte shifts). */
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());
    /** The 16 nibble bytes of a group. */
    private static final VectorSpecies<Byte> GROUP_BYTES = ByteVector.SPECIES_128;
    /** Float vectors per half group (16 weights). */
    private static final int PARTS = Q4Matrix.GROUP_BYTES / LANES;
    private static final Q4Gemv SCALAR = new ScalarQ4Gemv();
    private static final ValueLayout.OfShort HALF_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    VectorQ4Gemv() {
    }

    @Override
    public void multiply(Q4Matrix matrix, float[] x, float[] out, int first, int end) {
        if (PARTS < 1) {                                   // float vectors wider than 16 lanes
            SCALAR.multiply(matrix, x, out, first, end);
            return;
        }
        MemorySegment values = MemorySegment.ofBuffer(matrix.valueMemory());
        MemorySegment scales = MemorySegment.ofBuffer(matrix.scaleMemory());
        if (LANES == LEVEL_COUNT) {
            multiplyByLookup(matrix, values, scales, x, out, first, end);
            return;
        }
        int cols = matrix.cols();
        int groups = matrix.groups();
        int full = cols / Q4Matrix.GROUP;
        for (int r = first; r < end; r++) {
            long rowGroup = (long) r * groups;
            FloatVector even = FloatVector.zero(FLOATS);
            FloatVector odd = FloatVector.zero(FLOATS);
            int g = 0;
            for (; g + 2 <= full; g += 2) {
                even = groupSum(values, rowGroup + g, x, g * Q4Matrix.GROUP)
                        .fma(FloatVector.broadcast(FLOATS, scale(scales, rowGroup + g)), even);
                odd = groupSum(values, rowGroup + g + 1, x, (g + 1) * Q4Matrix.GROUP)
                        .fma(FloatVector.broadcast(FLOATS, scale(scales, rowGroup + g + 1)), odd);
            }
            if (g < full) {
                even = groupSum(values, rowGroup + g, x, g * Q4Matrix.GROUP)
                        .fma(FloatVector.broadcast(FLOATS, scale(scales, rowGroup + g)), even);
            }
            float total = even.add(odd).reduceLanes(VectorOperators.ADD);
            if (full < groups) {
                total += ScalarQ4Gemv.groupDot(matrix.valueMemory(), rowGroup + full, cols, full, x)
                        * scale(scales, rowGroup + full);
            }
            out[r] = total;
        }
    }

    /** Shorts of the float vectors' width: one step of the rounded product, 16 per group (its 16 nibble bytes). */
    private static final VectorSpecies<Short> SHORTS = VectorSpecies.of(short.class, FLOATS.vectorShape());
    /** Whole groups per step of the rounded product: two with 16 float lanes, one with 8. */
    private static final int STEP_GROUPS = SHORTS.length() / Q4Matrix.GROUP_BYTES;
    /** The nibble bytes of a step's groups. */
    private static final VectorSpecies<Byte> STEP_BYTES = STEP_GROUPS > 0
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(SHORTS.vectorBitSize() / 2)) : GROUP_BYTES;
    /** The FP16 scales of {@link #LANES} groups: one chunk of the rounded product. */
    private static final VectorSpecies<Short> SCALE_HALVES = LANES * Short.SIZE >= 64
            ? VectorSpecies.of(short.class, VectorShape.forBitSize(LANES * Short.SIZE)) : SHORTS;
    /** Steps per chunk of {@link #LANES} groups. */
    private static final int CHUNK_STEPS = STEP_GROUPS > 0 ? LANES / STEP_GROUPS : 0;
    /** Int lanes per group in a step's sums. */
    private static final int GROUP_LANES = STEP_GROUPS > 0 ? LANES / STEP_GROUPS : 0;
    /** For step s of a chunk, the lanes of the chunk's per-group scales that its sums' lanes take (s × STEP_GROUPS + lane / GROUP_LANES). */
    private static final int[] SPREAD = spread();

    private static int[] spread() {
        int[] index = new int[Math.max(CHUNK_STEPS, 1) * LANES];
        for (int step = 0; step < CHUNK_STEPS; step++) {
            for (int lane = 0; lane < LANES; lane++) {
                index[step * LANES + lane] = step * STEP_GROUPS + lane / GROUP_LANES;
            }
        }
        return index;
    }

    @Override
    public Q8Input roundInput(float[] x) {
        return Q8Input.round(x, layout());
    }

    /** The layout of {@link #roundInput}: two groups per step are paired, one is in the input's order. */
    private static Q8Input.Layout layout() {
        return STEP_GROUPS == 2 ? Q8Input.Layout.PAIRED : Q8Input.Layout.NATURAL;
    }

    /**
     * Per step, the nibble bytes of {@link #STEP_GROUPS} groups widened to shorts are split into low and high nibbles,
     * multiplied by the input's levels as shorts (each product and each pair's sum fits: 15 × 127 × 2), adjacent
     * shorts summed into ints and converted to floats, and the sums multiplied by their groups' {@code d_w × d_x}
     * (one lane permutation of a chunk's {@link #LANES} scales) into the row's accumulator; the offsets
     * {@code d_w × 8 × d_x × Σ q} are subtracted once per chunk. Every chunk takes {@link #CHUNK_STEPS} steps: past the
     * last whole group the input's levels and scales are zeros, so the bytes read there (a shorter last group, the next
     * row's) add nothing; a row whose last chunk would read past the matrix goes to
     * {@link ScalarQ4Gemv#roundedRow}.
     */
    @Override
    public void multiply(Q4Matrix matrix, Q8Input x, float[] out, int first, int end) {
        if (PARTS < 1 || STEP_GROUPS < 1 || STEP_GROUPS > 2) {
            SCALAR.multiply(matrix, x, out, first, end);
            return;
        }
        Q4Gemv.checkInput(matrix, x, layout());
        MemorySegment values = MemorySegment.ofBuffer(matrix.valueMemory());
        MemorySegment scales = MemorySegment.ofBuffer(matrix.scaleMemory());
        long groupCount = scales.byteSize() / Short.BYTES;
        int groups = matrix.groups();
        int full = x.groups();
        int chunkGroups = (full + LANES - 1) / LANES * LANES;
        short[] levels = x.levels();
        float[] inputScales = x.scales();
        float[] offsets = x.offsets();
        for (int r = first; r < end; r++) {
            long rowGroup = (long) r * groups;
            if (rowGroup + chunkGroups > groupCount) {
                out[r] = ScalarQ4Gemv.roundedRow(matrix, x, r);
                continue;
            }
            FloatVector sums = FloatVector.zero(FLOATS);
            FloatVector offset = FloatVector.zero(FLOATS);
            for (int g0 = 0; g0 < full; g0 += LANES) {
                FloatVector d = halves(scales, rowGroup + g0);                               // d_w of the chunk's groups
                offset = d.fma(FloatVector.fromArray(FLOATS, offsets, g0), offset);
                IntVector factors = d.mul(FloatVector.fromArray(FLOATS, inputScales, g0)).reinterpretAsInts();
                for (int s = 0; s < CHUNK_STEPS; s++) {
                    int g = g0 + s * STEP_GROUPS;
                    ShortVector n = stepNibbles(values, rowGroup + g);
                    IntVector pairs = n.and((short) 0x0F).mul(ShortVector.fromArray(SHORTS, levels, g * Q4Matrix.GROUP))
                            .add(n.lanewise(VectorOperators.LSHR, 4)
                                    .mul(ShortVector.fromArray(SHORTS, levels, g * Q4Matrix.GROUP + SHORTS.length())))
                            .reinterpretAsInts();                                      // lane k: shorts 2k and 2k + 1
                    FloatVector sum = (FloatVector) pairs.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                            .add(pairs.lanewise(VectorOperators.ASHR, 16)).convert(VectorOperators.I2F, 0);
                    sums = sum.fma(IntVector.fromArray(INTS, SPREAD, s * LANES).selectFrom(factors).reinterpretAsFloats(), sums);
                }
            }
            out[r] = sums.sub(offset).reduceLanes(VectorOperators.ADD) + shortGroup(matrix, scales, rowGroup, full, x.values());
        }
    }

    /** The nibble bytes of the step starting at group {@code index}, zero-extended to shorts. */
    private static ShortVector stepNibbles(MemorySegment values, long index) {
        return (ShortVector) ByteVector.fromMemorySegment(STEP_BYTES, values, index * Q4Matrix.GROUP_BYTES,
                ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2S, SHORTS, 0);
    }

    /**
     * The FP16 scales of the {@link #LANES} groups from group {@code index}, as floats: {@code (h & 0x7FFF) << 13} read
     * as a float times 2^112 is the magnitude of any finite half (subnormals included), and the sign moves to bit 31.
     */
    private static FloatVector halves(MemorySegment scales, long index) {
        IntVector bits = (IntVector) ShortVector.fromMemorySegment(SCALE_HALVES, scales, index * Short.BYTES,
                ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_S2I, INTS, 0);
        return bits.and(0x7FFF).lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(0x1p112f)
                .reinterpretAsInts().or(bits.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
    }

    /** The sixteen values a nibble stands for. */
    private static final int LEVEL_COUNT = 16;

    /** {@code n - 8} for the nibbles {@code n = 0..15}, one per lane; null unless the float vectors have 16 lanes. */
    private static final FloatVector LEVELS = LANES == LEVEL_COUNT ? FloatVector.fromArray(FLOATS, levels(), 0) : null;

    private static float[] levels() {
        float[] levels = new float[LEVEL_COUNT];
        for (int n = 0; n < LEVEL_COUNT; n++) {
            levels[n] = n - Q4Quantizer.ZERO;
        }
        return levels;
    }

    /**
     * {@link #multiply} with 16 float lanes (AVX-512): per group, the sixteen levels times its scale make a table,
     * and each nibble picks its weight from that table with one lane permutation ({@code selectFrom}), in place of
     * masking, subtracting, converting and scaling; the low and high nibbles of even and odd groups accumulate in
     * four vectors. Measured stand-alone (one thread, 4-bit MLP matrices of the 1.5B shapes, more than the cache):
     * 1.09–1.11 × the conversion it replaces.
     */
    private static void multiplyByLookup(Q4Matrix matrix, MemorySegment values, MemorySegment scales, float[] x,
                                         float[] out, int first, int end) {
        int groups = matrix.groups();
        int full = matrix.cols() / Q4Matrix.GROUP;
        for (int r = first; r < end; r++) {
            long rowGroup = (long) r * groups;
            FloatVector lowEven = FloatVector.zero(FLOATS);
            FloatVector highEven = FloatVector.zero(FLOATS);
            FloatVector lowOdd = FloatVector.zero(FLOATS);
            FloatVector highOdd = FloatVector.zero(FLOATS);
            int g = 0;
            for (; g + 2 <= full; g += 2) {
                IntVector even = nibbleBytes(values, rowGroup + g);                       // 16 bytes, zero-extended
                IntVector odd = nibbleBytes(values, rowGroup + g + 1);
                IntVector evenTable = scaledLevels(scales, rowGroup + g);                 // FP32 bits of d·(n - 8)
                IntVector oddTable = scaledLevels(scales, rowGroup + g + 1);
                int at = g * Q4Matrix.GROUP;
                lowEven = lookUp(even.and(0x0F), evenTable).fma(FloatVector.fromArray(FLOATS, x, at), lowEven);
                highEven = lookUp(even.lanewise(VectorOperators.LSHR, 4), evenTable)
                        .fma(FloatVector.fromArray(FLOATS, x, at + Q4Matrix.GROUP_BYTES), highEven);
                lowOdd = lookUp(odd.and(0x0F), oddTable)
                        .fma(FloatVector.fromArray(FLOATS, x, at + Q4Matrix.GROUP), lowOdd);
                highOdd = lookUp(odd.lanewise(VectorOperators.LSHR, 4), oddTable)
                        .fma(FloatVector.fromArray(FLOATS, x, at + Q4Matrix.GROUP + Q4Matrix.GROUP_BYTES), highOdd);
            }
            if (g < full) {
                IntVector last = nibbleBytes(values, rowGroup + g);
                IntVector table = scaledLevels(scales, rowGroup + g);
                int at = g * Q4Matrix.GROUP;
                lowEven = lookUp(last.and(0x0F), table).fma(FloatVector.fromArray(FLOATS, x, at), lowEven);
                highEven = lookUp(last.lanewise(VectorOperators.LSHR, 4), table)
                        .fma(FloatVector.fromArray(FLOATS, x, at + Q4Matrix.GROUP_BYTES), highEven);
            }
            float total = lowEven.add(highEven).add(lowOdd.add(highOdd)).reduceLanes(VectorOperators.ADD);
            out[r] = total + shortGroup(matrix, scales, rowGroup, full, x);
        }
    }

    /** The 16 nibble bytes of group {@code index}, zero-extended to ints. */
    private static IntVector nibbleBytes(MemorySegment values, long index) {
        return (IntVector) ByteVector.fromMemorySegment(GROUP_BYTES, values, index * Q4Matrix.GROUP_BYTES,
                ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
    }

    /** {@link #scaledLevels(float)} of group {@code index}'s scale. */
    private static IntVector scaledLevels(MemorySegment scales, long index) {
        return scaledLevels(scale(scales, index));
    }

    /** The FP32 bits of {@code scale × (n - 8)} for the sixteen nibbles n, lane n for nibble n. */
    private static IntVector scaledLevels(float scale) {
        return LEVELS.mul(scale).reinterpretAsInts();
    }

    /**
     * How {@link #block} widens nibble bytes to ints: zero-extended for the 16-lane table lookup (the high nibble is
     * then a plain shift), sign-extended for {@link #low} and {@link #high} otherwise.
     */
    private static final VectorOperators.Conversion<Byte, Integer> BYTES_TO_INTS =
            LANES == LEVEL_COUNT ? VectorOperators.ZERO_EXTEND_B2I : VectorOperators.B2I;

    /** The table's value for each lane's nibble (0..15), as floats. */
    private static FloatVector lookUp(IntVector nibbles, IntVector table) {
        return nibbles.selectFrom(table).reinterpretAsFloats();
    }

    /**
     * Several inputs: blocks of four inputs times two weight rows ({@link InputBlocks}), so that every group's
     * nibbles are widened and scaled once per block and the eight sums live in registers.
     */
    @Override
    public void multiplyBatch(Q4Matrix matrix, float[][] inputs, float[][] outs, int first, int end) {
        if (PARTS < 1 || inputs.length == 1) {
            Q4Gemv.super.multiplyBatch(matrix, inputs, outs, first, end);
            return;
        }
        MemorySegment values = MemorySegment.ofBuffer(matrix.valueMemory());
        MemorySegment scales = MemorySegment.ofBuffer(matrix.scaleMemory());
        InputBlocks.multiply(inputs, outs, first, end, SMALLEST_BLOCK, (x, out, from, to) -> multiply(matrix, x, out, from, to),
                (r0, r1, x0, x1, x2, x3, o0, o1, o2, o3) -> block(matrix, values, scales, r0, r1, x0, x1, x2, x3,
                        o0, o1, o2, o3));
    }

    /** The fewest inputs multiplied as a block of four ({@link InputBlocks}): two inputs (BatchedGemvProbe). */
    private static final int SMALLEST_BLOCK = 2;

    /** Rows {@code r0} and {@code r1} times four inputs. */
    private static void block(Q4Matrix matrix, MemorySegment values, MemorySegment scales, int r0, int r1,
                              float[] x0, float[] x1, float[] x2, float[] x3,
                              float[] o0, float[] o1, float[] o2, float[] o3) {
        int groups = matrix.groups();
        int full = matrix.cols() / Q4Matrix.GROUP;
        long rowGroup0 = (long) r0 * groups;
        long rowGroup1 = (long) r1 * groups;
        FloatVector a00 = FloatVector.zero(FLOATS);
        FloatVector a01 = FloatVector.zero(FLOATS);
        FloatVector a02 = FloatVector.zero(FLOATS);
        FloatVector a03 = FloatVector.zero(FLOATS);
        FloatVector a10 = FloatVector.zero(FLOATS);
        FloatVector a11 = FloatVector.zero(FLOATS);
        FloatVector a12 = FloatVector.zero(FLOATS);
        FloatVector a13 = FloatVector.zero(FLOATS);
        for (int g = 0; g < full; g++) {
            float scale0 = scale(scales, rowGroup0 + g);
            float scale1 = scale(scales, rowGroup1 + g);
            FloatVector d0 = FloatVector.broadcast(FLOATS, scale0);
            FloatVector d1 = FloatVector.broadcast(FLOATS, scale1);
            // with 16 lanes the weights come from the groups' tables, as in multiplyByLookup (C2 folds the test)
            IntVector table0 = LANES == LEVEL_COUNT ? scaledLevels(scale0) : null;
            IntVector table1 = LANES == LEVEL_COUNT ? scaledLevels(scale1) : null;
            for (int p = 0; p < PARTS; p++) {
                IntVector bytes0 = partBytes(values, rowGroup0 + g, p, BYTES_TO_INTS);
                IntVector bytes1 = partBytes(values, rowGroup1 + g, p, BYTES_TO_INTS);
                FloatVector low0 = LANES == LEVEL_COUNT ? lookUp(bytes0.and(0x0F), table0) : low(bytes0).mul(d0);
                FloatVector low1 = LANES == LEVEL_COUNT ? lookUp(bytes1.and(0x0F), table1) : low(bytes1).mul(d1);
                FloatVector high0 = LANES == LEVEL_COUNT
                        ? lookUp(bytes0.lanewise(VectorOperators.LSHR, 4), table0) : high(bytes0).mul(d0);
                FloatVector high1 = LANES == LEVEL_COUNT
                        ? lookUp(bytes1.lanewise(VectorOperators.LSHR, 4), table1) : high(bytes1).mul(d1);
                int lo = g * Q4Matrix.GROUP + p * LANES;
                int hi = lo + Q4Matrix.GROUP_BYTES;
                FloatVector x = FloatVector.fromArray(FLOATS, x0, lo);
                a00 = low0.fma(x, a00);
                a10 = low1.fma(x, a10);
                x = FloatVector.fromArray(FLOATS, x1, lo);
                a01 = low0.fma(x, a01);
                a11 = low1.fma(x, a11);
                x = FloatVector.fromArray(FLOATS, x2, lo);
                a02 = low0.fma(x, a02);
                a12 = low1.fma(x, a12);
                x = FloatVector.fromArray(FLOATS, x3, lo);
                a03 = low0.fma(x, a03);
                a13 = low1.fma(x, a13);
                x = FloatVector.fromArray(FLOATS, x0, hi);
                a00 = high0.fma(x, a00);
                a10 = high1.fma(x, a10);
                x = FloatVector.fromArray(FLOATS, x1, hi);
                a01 = high0.fma(x, a01);
                a11 = high1.fma(x, a11);
                x = FloatVector.fromArray(FLOATS, x2, hi);
                a02 = high0.fma(x, a02);
                a12 = high1.fma(x, a12);
                x = FloatVector.fromArray(FLOATS, x3, hi);
                a03 = high0.fma(x, a03);
                a13 = high1.fma(x, a13);
            }
        }
        o0[r0] = a00.reduceLanes(VectorOperators.ADD) + shortGroup(matrix, scales, rowGroup0, full, x0);
        o1[r0] = a01.reduceLanes(VectorOperators.ADD) + shortGroup(matrix, scales, rowGroup0, full, x1);
        o2[r0] = a02.reduceLanes(VectorOperators.ADD) + shortGroup(matrix, scales, rowGroup0, full, x2);
        o3[r0] = a03.reduceLanes(VectorOperators.ADD) + shortGroup(matrix, scales, rowGroup0, full, x3);
        o0[r1] = a10.reduceLanes(VectorOperators.ADD) + shortGroup(matrix, scales, rowGroup1, full, x0);
        o1[r1] = a11.reduceLanes(VectorOperators.ADD) + shortGroup(matrix, scales, rowGroup1, full, x1);
        o2[r1] = a12.reduceLanes(VectorOperators.ADD) + shortGroup(matrix, scales, rowGroup1, full, x2);
        o3[r1] = a13.reduceLanes(VectorOperators.ADD) + shortGroup(matrix, scales, rowGroup1, full, x3);
    }

    /** The shorter last group of a row (whose first group counted over all rows is {@code rowGroup}), scaled; 0 when none. */
    private static float shortGroup(Q4Matrix matrix, MemorySegment scales, long rowGroup, int full, float[] x) {
        if (full == matrix.groups()) {
            return 0;
        }
        return ScalarQ4Gemv.groupDot(matrix.valueMemory(), rowGroup + full, matrix.cols(), full, x)
                * scale(scales, rowGroup + full);
    }

    /** {@code Σ (nibble - 8) × x[offset + i]} over a whole group, lane by lane (not yet reduced). */
    private static FloatVector groupSum(MemorySegment values, long index, float[] x, int offset) {
        FloatVector sum = FloatVector.zero(FLOATS);
        for (int p = 0; p < PARTS; p++) {
            IntVector bytes = partBytes(values, index, p, VectorOperators.B2I);                 // bytes p·LANES..
            sum = low(bytes).fma(FloatVector.fromArray(FLOATS, x, offset + p * LANES), sum);
            sum = high(bytes).fma(FloatVector.fromArray(FLOATS, x, offset + Q4Matrix.GROUP_BYTES + p * LANES), sum);
        }
        return sum;
    }

    /** Whether a part of a group's nibble bytes ({@link #LANES} of its 16) fills a vector shape of its own (64+ bits). */
    private static final boolean PART_LOADS = LANES * Byte.SIZE >= 64;
    /** The nibble bytes of one part: {@link #LANES} bytes (all 16 with 16 lanes, 8 with 8). */
    private static final VectorSpecies<Byte> PART_BYTES = PART_LOADS
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(LANES * Byte.SIZE)) : GROUP_BYTES;

    /**
     * Bytes {@code p·LANES ..} of group {@code index}'s 16 nibble bytes, widened to ints by {@code conversion}: each
     * part is loaded as a vector of its own and widened from its start (a widening of a later part of a wider vector
     * is not compiled to vector code on AVX2: the 8-lane products ran slower than the scalar kernel).
     */
    private static IntVector partBytes(MemorySegment values, long index, int p, VectorOperators.Conversion<Byte, Integer> conversion) {
        if (PART_LOADS) {
            return (IntVector) ByteVector.fromMemorySegment(PART_BYTES, values, index * Q4Matrix.GROUP_BYTES + (long) p * LANES,
                    ByteOrder.LITTLE_ENDIAN).convertShape(conversion, INTS, 0);
        }
        return (IntVector) ByteVector.fromMemorySegment(GROUP_BYTES, values, index * Q4Matrix.GROUP_BYTES,
                ByteOrder.LITTLE_ENDIAN).convertShape(conversion, INTS, p);
    }

    /** The low nibbles of (sign-extended) bytes minus 8, as floats: weights 0..15 of a group. */
    private static FloatVector low(IntVector bytes) {
        return (FloatVector) bytes.and(0x0F).sub(Q4Quantizer.ZERO).convert(VectorOperators.I2F, 0);
    }

    /** The high nibbles minus 8, as floats: weights 16..31 of a group. */
    private static FloatVector high(IntVector bytes) {
        return (FloatVector) bytes.lanewise(VectorOperators.ASHR, 4).and(0x0F).sub(Q4Quantizer.ZERO)
                .convert(VectorOperators.I2F, 0);
    }

    private static float scale(MemorySegment scales, long index) {
        return Float.float16ToFloat(scales.get(HALF_LE, index * Short.BYTES));
    }

    @Override
    public void dequantize(Q4Matrix matrix, ByteBuffer target, int first, int end) {
        if (PARTS < 1) {
            SCALAR.dequantize(matrix, target, first, end);
            return;
        }
        MemorySegment values = MemorySegment.ofBuffer(matrix.valueMemory());
        MemorySegment scales = MemorySegment.ofBuffer(matrix.scaleMemory());
        MemorySegment out = MemorySegment.ofBuffer(target);
        ByteBuffer tail = target.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        boolean offsets = matrix.offsetMemory() != null;
        int cols = matrix.cols();
        int groups = matrix.groups();
        int full = cols / Q4Matrix.GROUP;
        for (int r = first; r < end; r++) {
            long rowGroup = (long) r * groups;
            for (int g = 0; g < full; g++) {
                FloatVector scale = FloatVector.broadcast(FLOATS, scale(scales, rowGroup + g));
                // 0 without offsets (a weight of -0 then widens to +0): no vector that may be null, which C2 would box
                FloatVector offset = FloatVector.broadcast(FLOATS, offsets ? matrix.offset(rowGroup + g) : 0f);
                long at = ((long) r * cols + (long) g * Q4Matrix.GROUP) * Float.BYTES;
                for (int p = 0; p < PARTS; p++) {
                    IntVector bytes = partBytes(values, rowGroup + g, p, VectorOperators.B2I);
                    low(bytes).mul(scale).add(offset).intoMemorySegment(out, at + (long) p * LANES * Float.BYTES,
                            ByteOrder.LITTLE_ENDIAN);
                    high(bytes).mul(scale).add(offset).intoMemorySegment(out,
                            at + (long) (Q4Matrix.GROUP_BYTES + p * LANES) * Float.BYTES, ByteOrder.LITTLE_ENDIAN);
                }
            }
            if (full < groups) {
                ScalarQ4Gemv.dequantizeGroup(matrix, tail, r, full, groups, cols);
            }
        }
    }

    /** The offsets of {@link #LANES} groups at a time, as floats, times the input's group sums. */
    @Override
    public void addOffsetProducts(Q4Matrix matrix, float[] groupSums, float[] out, int first, int end) {
        if (LANES * Short.SIZE < 64) {                               // halves() reads LANES of them as one vector
            Q4Gemv.super.addOffsetProducts(matrix, groupSums, out, first, end);
            return;
        }
        MemorySegment offsets = MemorySegment.ofBuffer(matrix.offsetMemory());
        int groups = matrix.groups();
        for (int r = first; r < end; r++) {
            long rowGroup = (long) r * groups;
            FloatVector sum = FloatVector.zero(FLOATS);
            int g = 0;
            for (; g + LANES <= groups; g += LANES) {
                sum = halves(offsets, rowGroup + g).fma(FloatVector.fromArray(FLOATS, groupSums, g), sum);
            }
            float total = sum.reduceLanes(VectorOperators.ADD);
            for (; g < groups; g++) {
                total += matrix.offset(rowGroup + g) * groupSums[g];
            }
            out[r] += total;
        }
    }

    @Override
    public String name() {
        return "Vector API, " + LANES + " float lanes";
    }
}
