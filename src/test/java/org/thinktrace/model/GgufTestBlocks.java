package org.thinktrace.model;

import java.util.Random;

/** Random GGUF blocks for tests: random nibbles and scale bytes, the FP16 fields set to sane finite values. */
final class GgufTestBlocks {

    private GgufTestBlocks() {
    }

    /** {@code count} Q4_K super-blocks (144 bytes each) with {@code d} and {@code dmin} in [1, 2) × 10⁻³. */
    static byte[] q4K(Random random, int count) {
        byte[] blocks = new byte[count * 144];
        random.nextBytes(blocks);
        for (int at = 0; at < blocks.length; at += 144) {
            putHalf(blocks, at, 1e-3f + random.nextFloat() * 1e-3f);
            putHalf(blocks, at + 2, 1e-3f + random.nextFloat() * 1e-3f);
        }
        return blocks;
    }

    /** {@code value} as FP16, little-endian, at {@code at}. */
    static void putHalf(byte[] bytes, int at, float value) {
        short h = Float.floatToFloat16(value);
        bytes[at] = (byte) h;
        bytes[at + 1] = (byte) (h >> 8);
    }
}
