package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every GGUF element type decodes like a naive reference written here from the block layouts:
 * one element at a time, from its byte and bit positions, values from {@link HalfFloatReference}
 * (llama.cpp's own decoder is the reference of {@link GgufDequantizerOracleTest}).
 * The blocks are random, with extreme, subnormal, zero and negative scales and all-zero blocks.
 */
class GgufDequantizerTest {

    /** F16 bit patterns for scales: largest finite, smallest subnormal, zeros, negatives, ordinary values. */
    private static final short[] SPECIAL_HALVES = {
        0x7BFF, (short) 0xFBFF, 0x0001, (short) 0x8001, 0x0000, (short) 0x8000, 0x3C00, (short) 0xBC00, 0x0400, 0x1234,
    };

    @ParameterizedTest
    @EnumSource(GgufTensorType.class)
    void randomBlocksDecodeLikeTheReference(GgufTensorType type) {
        Random random = new Random(20261202L + type.id());
        int blocks = 64;
        byte[] bytes = new byte[blocks * type.blockBytes()];
        random.nextBytes(bytes);
        for (int b = 0; b < blocks; b++) {
            int at = b * type.blockBytes();
            if (b % 16 == 5) {
                java.util.Arrays.fill(bytes, at, at + type.blockBytes(), (byte) 0);
            } else if (type.isQuantized() && b % 3 == 0) {
                for (int field : halfFields(type)) {
                    short h = SPECIAL_HALVES[random.nextInt(SPECIAL_HALVES.length)];
                    bytes[at + field] = (byte) h;
                    bytes[at + field + 1] = (byte) (h >> 8);
                }
            } else if (!type.isQuantized()) {
                sanitizeNaN(type, bytes, at);
            }
        }
        int count = blocks * type.blockSize();
        float[] out = new float[count + 3];
        ByteBuffer src = ByteBuffer.wrap(bytes);
        GgufDequantizer.dequantize(type, src, out, 3, count);
        assertEquals(bytes.length, src.position(), "the source advances past the blocks");
        for (int i = 0; i < count; i++) {
            double expected = reference(type, bytes, i);
            assertEquals((float) expected, out[3 + i], 0f, type + " element " + i + " (block " + i / type.blockSize() + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgufTensorType.class, names = {"Q8_0", "Q4_K"})
    void partialBlocksAreRefused(GgufTensorType type) {
        ByteBuffer src = ByteBuffer.allocate(type.blockBytes() * 2);
        assertThrows(IllegalArgumentException.class,
                () -> GgufDequantizer.dequantize(type, src, new float[1024], 0, type.blockSize() + 1));
        assertThrows(java.nio.BufferUnderflowException.class,
                () -> GgufDequantizer.dequantize(type, src, new float[1024], 0, type.blockSize() * 3));
    }

    /** Byte offsets of the F16 scale fields within a block. */
    private static int[] halfFields(GgufTensorType type) {
        return switch (type) {
            case Q8_0, Q4_0, Q5_0, IQ4_NL, IQ4_XS -> new int[] {0};
            case Q4_1, Q5_1, Q4_K, Q5_K -> new int[] {0, 2};
            case Q2_K -> new int[] {80, 82};
            case Q3_K -> new int[] {108};
            case Q6_K -> new int[] {208};
            default -> new int[0];
        };
    }

    /** Replaces NaN floats by 1.5 so that exact comparison is meaningful for the float types. */
    private static void sanitizeNaN(GgufTensorType type, byte[] bytes, int at) {
        if (type == GgufTensorType.F32 && Float.isNaN(Float.intBitsToFloat(le(bytes, at, 4)))) {
            bytes[at + 3] = 0x3F;
            bytes[at + 2] = (byte) 0xC0;
        } else if (type != GgufTensorType.F32 && ((bytes[at + 1] & 0x7F) == 0x7F || (type == GgufTensorType.F16
                && (bytes[at + 1] & 0x7C) == 0x7C))) {
            bytes[at + 1] = 0x3C;
        }
    }

    private static int le(byte[] b, int at, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v |= (b[at + i] & 0xFF) << (8 * i);
        }
        return v;
    }

    private static float f16(byte[] b, int at) {
        return (float) HalfFloatReference.f16Value(le(b, at, 2));
    }

    /** Element {@code i} of the tensor bytes {@code b}, from the format description. */
    static double reference(GgufTensorType type, byte[] b, int i) {
        int block = i / type.blockSize();
        int e = i % type.blockSize();
        int at = block * type.blockBytes();
        return switch (type) {
            case F32 -> Float.intBitsToFloat(le(b, 4 * i, 4));
            case F16 -> HalfFloatReference.f16Value(le(b, 2 * i, 2));
            case BF16 -> HalfFloatReference.bf16Value(le(b, 2 * i, 2));
            case Q8_0 -> b[at + 2 + e] * f16(b, at);
            case Q4_0 -> {
                int q = b[at + 2 + e % 16] & 0xFF;
                int nibble = e < 16 ? q & 15 : q >> 4;
                yield (nibble - 8) * f16(b, at);
            }
            case Q4_1 -> nibble(b, at + 4, e) * f16(b, at) + f16(b, at + 2);
            case Q5_0 -> (nibble(b, at + 6, e) + 16 * bit(le(b, at + 2, 4), e) - 16) * f16(b, at);
            case Q5_1 -> (nibble(b, at + 8, e) + 16 * bit(le(b, at + 4, 4), e)) * f16(b, at) + f16(b, at + 2);
            case Q2_K -> q2K(b, at, e);
            case Q3_K -> q3K(b, at, e);
            case Q4_K -> q4K(b, at, e);
            case Q5_K -> q5K(b, at, e);
            case Q6_K -> q6K(b, at, e);
            case IQ4_NL -> f16(b, at) * IQ4_LEVELS[nibble(b, at + 2, e)];
            case IQ4_XS -> iq4XS(b, at, e);
        };
    }

    /** IQ4_NL's levels (ggml's {@code kvalues_iq4nl}). */
    private static final int[] IQ4_LEVELS = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

    /** Element {@code e} (0..31) of 16 bytes of nibbles at {@code from}: low nibbles are elements 0-15, high ones 16-31. */
    private static int nibble(byte[] b, int from, int e) {
        int q = b[from + e % 16] & 0xFF;
        return e < 16 ? q & 15 : q >> 4;
    }

    private static int bit(int bits, int index) {
        return (bits >>> index) & 1;
    }

    /**
     * Q2_K and Q3_K's 2-bit values: 64 bytes at {@code from}; element 32j + w of half h (j = 0..3, w = 0..31) is bits
     * 2j and 2j + 1 of byte 32h + w.
     */
    private static int twoBits(byte[] b, int from, int e) {
        int h = e / 128;
        int j = (e % 128) / 32;
        int w = e % 32;
        return ((b[from + 32 * h + w] & 0xFF) >> (2 * j)) & 3;
    }

    /** Q2_K: scale byte e / 16 at +0 (scale low nibble, min high), values at +16, d at +80, dmin at +82. */
    private static float q2K(byte[] b, int at, int e) {
        int packed = b[at + e / 16] & 0xFF;
        float scaledD = f16(b, at + 80) * (packed % 16);
        float scaledMin = f16(b, at + 82) * (packed / 16);
        return scaledD * twoBits(b, at + 16, e) - scaledMin;
    }

    /**
     * Q3_K: high bits at +0 (element 32j + w of half h: bit 4h + j of byte w), values at +32, scales at +96, d at
     * +108. The sixteen 6-bit scales are unpacked as ggml does, on little-endian 32-bit words of the 12 bytes:
     * word 0 = low nibbles of bytes 0-3 with bits 0-1 of bytes 8-11 above them, word 1 = low nibbles of bytes 4-7
     * with bits 2-3, word 2 = high nibbles of bytes 0-3 with bits 4-5, word 3 = high nibbles of bytes 4-7 with
     * bits 6-7; scale s is byte s of the four words.
     */
    private static float q3K(byte[] b, int at, int e) {
        int a0 = le(b, at + 96, 4);
        int a1 = le(b, at + 100, 4);
        int tmp = le(b, at + 104, 4);
        int[] words = {
            (a0 & 0x0F0F0F0F) | ((tmp & 0x03030303) << 4),
            (a1 & 0x0F0F0F0F) | (((tmp >>> 2) & 0x03030303) << 4),
            ((a0 >>> 4) & 0x0F0F0F0F) | (((tmp >>> 4) & 0x03030303) << 4),
            ((a1 >>> 4) & 0x0F0F0F0F) | (((tmp >>> 6) & 0x03030303) << 4),
        };
        int s = e / 16;
        int scale = (words[s / 4] >>> (8 * (s % 4))) & 0xFF;
        int h = e / 128;
        int j = (e % 128) / 32;
        int high = bit(b[at + e % 32] & 0xFF, 4 * h + j);
        float scaled = f16(b, at + 108) * (scale - 32);
        return scaled * (twoBits(b, at + 32, e) - (high == 1 ? 0 : 4));
    }

    /** Q5_K: Q4_K's scales, mins and nibbles (at +48) with fifth bits at +16: element 32s + w, bit s of byte w. */
    private static float q5K(byte[] b, int at, int e) {
        int sub = e / 32;
        int[] scaleMin = kScaleMin(b, at + 4, sub);
        int q = b[at + 48 + 32 * (sub / 2) + e % 32] & 0xFF;
        int value = (sub % 2 == 0 ? q % 16 : q / 16) + 16 * bit(b[at + 16 + e % 32] & 0xFF, sub);
        float scaledD = f16(b, at) * scaleMin[0];
        float scaledMin = f16(b, at + 2) * scaleMin[1];
        return scaledD * value - scaledMin;
    }

    /**
     * IQ4_XS: d, a 16-bit word of scales' high bits (bits 2s, 2s + 1), low nibbles of the scales at +4 (scale s in
     * byte s / 2, low nibble first), 16 nibble bytes per 32 elements at +8.
     */
    private static float iq4XS(byte[] b, int at, int e) {
        int sub = e / 32;
        int low = ((b[at + 4 + sub / 2] & 0xFF) >> (4 * (sub % 2))) % 16;
        int high = (le(b, at + 2, 2) >> (2 * sub)) % 4;
        float scaled = f16(b, at) * (low + 16 * high - 32);
        return scaled * IQ4_LEVELS[nibble(b, at + 8 + 16 * sub, e % 32)];
    }

    /**
     * Q4_K: 8 sub-blocks of 32 with 6-bit scales and mins packed in 12 bytes at +4: bytes 0-3 hold
     * scales 0-3 in their low 6 bits and the top 2 bits of scales 4-7; bytes 4-7 likewise for the
     * mins; bytes 8-11 hold the low 4 bits of scales 4-7 (low nibble) and mins 4-7 (high nibble).
     * Each 32 bytes of nibbles at +16 hold sub-block 2k in low nibbles and 2k+1 in high nibbles.
     */
    private static float q4K(byte[] b, int at, int e) {
        float d = f16(b, at);
        float dmin = f16(b, at + 2);
        int sub = e / 32;
        int[] scaleMin = kScaleMin(b, at + 4, sub);
        int q = b[at + 16 + 32 * (sub / 2) + e % 32] & 0xFF;
        int nibble = sub % 2 == 0 ? q % 16 : q / 16;
        float scaledD = d * scaleMin[0];
        float scaledMin = dmin * scaleMin[1];
        return scaledD * nibble - scaledMin;
    }

    /** The 6-bit scale and min of sub-block {@code sub} from the 12 packed bytes at {@code from} (Q4_K, Q5_K). */
    private static int[] kScaleMin(byte[] b, int from, int sub) {
        int[] packed = new int[12];
        for (int k = 0; k < 12; k++) {
            packed[k] = b[from + k] & 0xFF;
        }
        if (sub < 4) {
            return new int[] {packed[sub] % 64, packed[sub + 4] % 64};
        }
        return new int[] {packed[sub + 4] % 16 + 16 * (packed[sub - 4] / 64), packed[sub + 4] / 16 + 16 * (packed[sub] / 64)};
    }

    /**
     * Q6_K: two halves of 128 elements; in half h, element 32k + l (k = 0..3) takes its low 4 bits
     * from ql[64h + l + 32 (k odd)] (low nibble for k < 2, high for k >= 2), its high 2 bits from
     * bits 2k..2k+1 of qh[32h + l], and scale number 8h + 2k + l/16; value (d * scale) * (q - 32).
     */
    private static float q6K(byte[] b, int at, int e) {
        int h = e / 128;
        int k = (e % 128) / 32;
        int l = e % 32;
        int lowByte = b[at + 64 * h + l + (k % 2 == 1 ? 32 : 0)] & 0xFF;
        int low = k < 2 ? lowByte % 16 : lowByte / 16;
        int high = ((b[at + 128 + 32 * h + l] & 0xFF) >> (2 * k)) % 4;
        int q = low + 16 * high - 32;
        byte scale = b[at + 192 + 8 * h + 2 * k + l / 16];
        float d = f16(b, at + 208);
        float scaled = d * scale;
        return scaled * q;
    }
}
