package org.thinktrace.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes GGUF tensor bytes of every {@link GgufTensorType} into floats, block by block, with the
 * same float operations in the same order as ggml's reference dequantizers, so the results equal
 * llama.cpp's bit for bit. The layouts are described on {@link GgufTensorType}.
 */
public final class GgufDequantizer {

    private GgufDequantizer() {
    }

    /**
     * Decodes {@code count} elements of {@code type} from {@code src} (starting at its position,
     * which advances past the blocks read) into {@code dst[dstOffset ..]}.
     *
     * @throws IllegalArgumentException when {@code count} is not a multiple of the block size
     * @throws java.nio.BufferUnderflowException when {@code src} holds fewer bytes than the blocks need
     */
    public static void dequantize(GgufTensorType type, ByteBuffer src, float[] dst, int dstOffset, int count) {
        if (count % type.blockSize() != 0) {
            throw new IllegalArgumentException(count + " elements are not whole " + type + " blocks of "
                    + type.blockSize());
        }
        ByteBuffer in = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        int needed = count / type.blockSize() * type.blockBytes();
        if (in.remaining() < needed) {
            throw new java.nio.BufferUnderflowException();
        }
        switch (type) {
            case F32 -> in.asFloatBuffer().get(dst, dstOffset, count);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = Float.float16ToFloat(in.getShort(2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = Float.intBitsToFloat((in.getShort(2 * i) & 0xFFFF) << 16);
                }
            }
            case Q8_0 -> forEachBlock(type, in, dst, dstOffset, count, GgufDequantizer::q8_0);
            case Q4_0 -> forEachBlock(type, in, dst, dstOffset, count, GgufDequantizer::q4_0);
            case Q4_1 -> forEachBlock(type, in, dst, dstOffset, count, GgufDequantizer::q4_1);
            case Q5_0 -> forEachBlock(type, in, dst, dstOffset, count, GgufDequantizer::q5_0);
            case Q5_1 -> forEachBlock(type, in, dst, dstOffset, count, GgufDequantizer::q5_1);
            case Q2_K -> forEachBlock(type, in, dst, dstOffset, count, GgufDequantizer::q2K);
            case Q3_K -> forEachBlock(type, in, dst, dstOffset, count, GgufDequantizer::q3K);
            case Q4_K -> forEachBlock(type, in, dst, dstOffset, count, GgufDequantizer::q4K);
            case Q5_K -> forEachBlock(type, in, dst, dstOffset, count, GgufDequantizer::q5K);
            case Q6_K -> forEachBlock(type, in, dst, dstOffset, count, GgufDequantizer::q6K);
            case IQ4_NL -> forEachBlock(type, in, dst, dstOffset, count, GgufDequantizer::iq4NL);
            case IQ4_XS -> forEachBlock(type, in, dst, dstOffset, count, GgufDequantizer::iq4XS);
        }
        src.position(src.position() + needed);
    }

    /** Decodes one block starting at byte {@code at} of {@code in} into {@code dst[out ..]}. */
    private interface BlockDecoder {
        void decode(ByteBuffer in, int at, float[] dst, int out);
    }

    private static void forEachBlock(GgufTensorType type, ByteBuffer in, float[] dst, int dstOffset, int count,
                                     BlockDecoder decoder) {
        int blocks = count / type.blockSize();
        for (int b = 0; b < blocks; b++) {
            decoder.decode(in, b * type.blockBytes(), dst, dstOffset + b * type.blockSize());
        }
    }

    private static float half(ByteBuffer in, int at) {
        return Float.float16ToFloat(in.getShort(at));
    }

    private static void q8_0(ByteBuffer in, int at, float[] dst, int out) {
        float d = half(in, at);
        for (int j = 0; j < 32; j++) {
            dst[out + j] = in.get(at + 2 + j) * d;
        }
    }

    private static void q4_0(ByteBuffer in, int at, float[] dst, int out) {
        float d = half(in, at);
        for (int j = 0; j < 16; j++) {
            int q = in.get(at + 2 + j) & 0xFF;
            dst[out + j] = ((q & 0x0F) - 8) * d;
            dst[out + j + 16] = ((q >>> 4) - 8) * d;
        }
    }

    /** Q4_1: d, m, 16 nibble bytes at +4 (as Q4_0's); element {@code nibble × d + m}. */
    private static void q4_1(ByteBuffer in, int at, float[] dst, int out) {
        float d = half(in, at);
        float m = half(in, at + 2);
        for (int j = 0; j < 16; j++) {
            int q = in.get(at + 4 + j) & 0xFF;
            dst[out + j] = (q & 0x0F) * d + m;
            dst[out + j + 16] = (q >>> 4) * d + m;
        }
    }

    /** Q5_0: d, the 32 fifth bits at +2, nibbles at +6; element {@code (q5 - 16) × d}. */
    private static void q5_0(ByteBuffer in, int at, float[] dst, int out) {
        float d = half(in, at);
        int high = in.getInt(at + 2);
        for (int j = 0; j < 16; j++) {
            int q = in.get(at + 6 + j) & 0xFF;
            dst[out + j] = (((q & 0x0F) | fifthBit(high, j)) - 16) * d;
            dst[out + j + 16] = (((q >>> 4) | fifthBit(high, j + 16)) - 16) * d;
        }
    }

    /** Q5_1: d, m, the 32 fifth bits at +4, nibbles at +8; element {@code q5 × d + m}. */
    private static void q5_1(ByteBuffer in, int at, float[] dst, int out) {
        float d = half(in, at);
        float m = half(in, at + 2);
        int high = in.getInt(at + 4);
        for (int j = 0; j < 16; j++) {
            int q = in.get(at + 8 + j) & 0xFF;
            dst[out + j] = ((q & 0x0F) | fifthBit(high, j)) * d + m;
            dst[out + j + 16] = ((q >>> 4) | fifthBit(high, j + 16)) * d + m;
        }
    }

    /** Bit {@code element} of {@code bits} as the value 16 or 0. */
    private static int fifthBit(int bits, int element) {
        return ((bits >>> element) & 1) << 4;
    }

    /**
     * Q2_K: 16 scale bytes (scale in the low nibble, min in the high one, one byte per 16 elements), 64 bytes of 2-bit
     * values at +16, d at +80, dmin at +82. Each half of 128 elements reads its 32 value bytes four times, two bits
     * further each time; run {@code r} (0..15) of 16 elements takes scale byte {@code r}.
     */
    private static void q2K(ByteBuffer in, int at, float[] dst, int out) {
        byte[] block = block(in, at, GgufTensorType.Q2_K);
        float d = halfOf(block, 80);
        float dmin = halfOf(block, 82);
        for (int run = 0; run < 16; run++) {
            int scale = block[run] & 0xFF;
            float dl = d * (scale & 0x0F);
            float ml = dmin * (scale >>> 4);
            int values = 16 + 32 * (run / 8) + 16 * (run % 2);
            int shift = 2 * ((run % 8) / 2);
            int y = out + 16 * run;
            for (int l = 0; l < 16; l++) {
                dst[y + l] = dl * ((block[values + l] >>> shift) & 3) - ml;
            }
        }
    }

    /**
     * Q3_K: 32 bytes of high bits, 64 bytes of 2-bit values at +32 (read as Q2_K's), 12 bytes of sixteen 6-bit scales
     * at +96, d at +108. Element {@code 32j + l} of half {@code h} (j = 0..3) has its high bit in bit {@code 4h + j}
     * of high-bit byte {@code l}; a clear high bit subtracts 4.
     */
    private static void q3K(ByteBuffer in, int at, float[] dst, int out) {
        byte[] block = block(in, at, GgufTensorType.Q3_K);
        float d = halfOf(block, 108);
        for (int run = 0; run < 16; run++) {
            float dl = d * (q3KScale(block, 96, run) - 32);
            int half = run / 8;
            int j = (run % 8) / 2;
            int values = 32 + 32 * half + 16 * (run % 2);
            int highBytes = 16 * (run % 2);
            int shift = 2 * j;
            int mask = 1 << (4 * half + j);
            int y = out + 16 * run;
            for (int l = 0; l < 16; l++) {
                int low = (block[values + l] >>> shift) & 3;
                dst[y + l] = dl * (low - ((block[highBytes + l] & mask) != 0 ? 0 : 4));
            }
        }
    }

    /**
     * Scale {@code s} (0..15, unsigned 6 bits) of a Q3_K block's 12 scale bytes at {@code from}: its low 4 bits are the
     * low nibble of byte {@code s} (s < 8) or the high nibble of byte {@code s - 8}; its high 2 bits are bits
     * {@code 2 (s / 4)} and up of byte {@code 8 + s % 4}.
     */
    private static int q3KScale(byte[] block, int from, int s) {
        int low = s < 8 ? block[from + s] & 0x0F : (block[from + s - 8] & 0xFF) >>> 4;
        int high = ((block[from + 8 + s % 4] & 0xFF) >>> (2 * (s / 4))) & 3;
        return low | high << 4;
    }

    /** Q4_K: d, dmin, 12 bytes of packed 6-bit scales and mins at +4, 128 bytes of nibbles at +16. */
    private static void q4K(ByteBuffer in, int at, float[] dst, int out) {
        byte[] block = block(in, at, GgufTensorType.Q4_K);
        float d = halfOf(block, 0);
        float dmin = halfOf(block, 2);
        for (int chunk = 0; chunk < 4; chunk++) {
            int lowSub = 2 * chunk;
            float d1 = d * kScale(block, 4, lowSub);
            float m1 = dmin * kMin(block, 4, lowSub);
            float d2 = d * kScale(block, 4, lowSub + 1);
            float m2 = dmin * kMin(block, 4, lowSub + 1);
            for (int l = 0; l < 32; l++) {
                int q = block[16 + 32 * chunk + l] & 0xFF;
                dst[out + 64 * chunk + l] = d1 * (q & 0x0F) - m1;
                dst[out + 64 * chunk + 32 + l] = d2 * (q >>> 4) - m2;
            }
        }
    }

    /** The 6-bit scale of sub-block {@code j} (0..7) of a Q4_K or Q5_K super-block's 12 scale bytes at {@code from}. */
    static int kScale(byte[] block, int from, int j) {
        if (j < 4) {
            return block[from + j] & 63;
        }
        return (block[from + j + 4] & 0x0F) | (((block[from + j - 4] & 0xFF) >>> 6) << 4);
    }

    /** The 6-bit min of sub-block {@code j} (0..7) of a Q4_K or Q5_K super-block's 12 scale bytes at {@code from}. */
    static int kMin(byte[] block, int from, int j) {
        if (j < 4) {
            return block[from + j + 4] & 63;
        }
        return ((block[from + j + 4] & 0xFF) >>> 4) | (((block[from + j] & 0xFF) >>> 6) << 4);
    }

    /**
     * Q5_K: d, dmin, 12 bytes of scales and mins at +4 (as Q4_K's), 32 bytes of fifth bits at +16, 128 bytes of nibbles
     * at +48 (as Q4_K's); element {@code 32 s + l} of sub-block {@code s} takes its fifth bit from bit {@code s} of
     * fifth-bit byte {@code l}.
     */
    private static void q5K(ByteBuffer in, int at, float[] dst, int out) {
        byte[] block = block(in, at, GgufTensorType.Q5_K);
        float d = halfOf(block, 0);
        float dmin = halfOf(block, 2);
        for (int sub = 0; sub < 8; sub++) {
            float ds = d * kScale(block, 4, sub);
            float ms = dmin * kMin(block, 4, sub);
            int nibbles = 48 + 32 * (sub / 2);
            int shift = 4 * (sub % 2);
            int y = out + 32 * sub;
            for (int l = 0; l < 32; l++) {
                int q = ((block[nibbles + l] & 0xFF) >>> shift) & 0x0F | (((block[16 + l] >>> sub) & 1) << 4);
                dst[y + l] = ds * q - ms;
            }
        }
    }

    /** IQ4_NL's sixteen levels, indexed by nibble. */
    private static final int[] IQ4_LEVELS = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

    /** IQ4_NL: d, 16 nibble bytes at +2 (as Q4_0's), each nibble an index into {@link #IQ4_LEVELS}. */
    private static void iq4NL(ByteBuffer in, int at, float[] dst, int out) {
        float d = half(in, at);
        for (int j = 0; j < 16; j++) {
            int q = in.get(at + 2 + j) & 0xFF;
            dst[out + j] = d * IQ4_LEVELS[q & 0x0F];
            dst[out + j + 16] = d * IQ4_LEVELS[q >>> 4];
        }
    }

    /**
     * IQ4_XS: d, a 16-bit word holding the high 2 bits of eight 6-bit scales (bits {@code 2s, 2s + 1}), 4 bytes of
     * their low 4 bits at +4 (scale {@code s} in byte {@code s / 2}, low nibble for even s), then per 32 elements 16
     * nibble bytes at +8 as IQ4_NL's.
     */
    private static void iq4XS(ByteBuffer in, int at, float[] dst, int out) {
        byte[] block = block(in, at, GgufTensorType.IQ4_XS);
        float d = halfOf(block, 0);
        int highBits = (block[2] & 0xFF) | (block[3] & 0xFF) << 8;
        for (int sub = 0; sub < 8; sub++) {
            int low = ((block[4 + sub / 2] & 0xFF) >>> (4 * (sub % 2))) & 0x0F;
            int scale = low | ((highBits >>> (2 * sub)) & 3) << 4;
            float dl = d * (scale - 32);
            int nibbles = 8 + 16 * sub;
            int y = out + 32 * sub;
            for (int j = 0; j < 16; j++) {
                int q = block[nibbles + j] & 0xFF;
                dst[y + j] = dl * IQ4_LEVELS[q & 0x0F];
                dst[y + j + 16] = dl * IQ4_LEVELS[q >>> 4];
            }
        }
    }

    /** The bytes of the block of {@code type} at {@code at}, in this thread's scratch array (valid until the next call). */
    private static byte[] block(ByteBuffer in, int at, GgufTensorType type) {
        byte[] block = BLOCK.get();
        in.get(at, block, 0, type.blockBytes());
        return block;
    }

    /** The little-endian F16 value at {@code at} of a block's bytes. */
    static float halfOf(byte[] block, int at) {
        return Float.float16ToFloat((short) ((block[at] & 0xFF) | block[at + 1] << 8));
    }

    /** One block's bytes, per thread (loads decode on two): as large as the largest block. */
    private static final ThreadLocal<byte[]> BLOCK = ThreadLocal.withInitial(() -> new byte[GgufTensorType.Q6_K.blockBytes()]);

    /**
     * Q6_K: ql (128 bytes), qh (64 bytes) at +128, 16 signed scales at +192, d at +208. The block is copied into an
     * array and each run of 16 elements that shares a scale takes {@code d × scale} once, as ggml computes it, in
     * loops the JIT vectorises (3 × the rate of a byte at a time from the buffer).
     */
    private static void q6K(ByteBuffer in, int at, float[] dst, int out) {
        byte[] block = block(in, at, GgufTensorType.Q6_K);
        float d = halfOf(block, 208);
        for (int half = 0; half < 2; half++) {
            int ql = 64 * half;
            int qh = 128 + 32 * half;
            int sc = 192 + 8 * half;
            int y = out + 128 * half;
            for (int is = 0; is < 2; is++) {
                float s1 = d * block[sc + is];
                float s2 = d * block[sc + is + 2];
                float s3 = d * block[sc + is + 4];
                float s4 = d * block[sc + is + 6];
                for (int l = 16 * is; l < 16 * is + 16; l++) {
                    int low = block[ql + l] & 0xFF;
                    int lowNext = block[ql + 32 + l] & 0xFF;
                    int high = block[qh + l] & 0xFF;
                    dst[y + l] = s1 * (((low & 0x0F) | ((high & 3) << 4)) - 32);
                    dst[y + l + 32] = s2 * (((lowNext & 0x0F) | (((high >>> 2) & 3) << 4)) - 32);
                    dst[y + l + 64] = s3 * (((low >>> 4) | (((high >>> 4) & 3) << 4)) - 32);
                    dst[y + l + 96] = s4 * (((lowNext >>> 4) | (((high >>> 6) & 3) << 4)) - 32);
                }
            }
        }
    }
}
