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
            case Q4_K -> forEachBlock(type, in, dst, dstOffset, count, GgufDequantizer::q4K);
            case Q6_K -> forEachBlock(type, in, dst, dstOffset, count, GgufDequantizer::q6K);
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

    /** Q4_K: d, dmin, 12 bytes of packed 6-bit scales and mins at +4, 128 bytes of nibbles at +16. */
    private static void q4K(ByteBuffer in, int at, float[] dst, int out) {
        float d = half(in, at);
        float dmin = half(in, at + 2);
        int scales = at + 4;
        int qs = at + 16;
        for (int chunk = 0; chunk < 4; chunk++) {
            int lowSub = 2 * chunk;
            float d1 = d * q4KScale(in, scales, lowSub);
            float m1 = dmin * q4KMin(in, scales, lowSub);
            float d2 = d * q4KScale(in, scales, lowSub + 1);
            float m2 = dmin * q4KMin(in, scales, lowSub + 1);
            for (int l = 0; l < 32; l++) {
                int q = in.get(qs + 32 * chunk + l) & 0xFF;
                dst[out + 64 * chunk + l] = d1 * (q & 0x0F) - m1;
                dst[out + 64 * chunk + 32 + l] = d2 * (q >>> 4) - m2;
            }
        }
    }

    /** The 6-bit scale of sub-block {@code j} (0..7) of a Q4_K super-block's 12 scale bytes. */
    private static int q4KScale(ByteBuffer in, int scales, int j) {
        if (j < 4) {
            return in.get(scales + j) & 63;
        }
        return (in.get(scales + j + 4) & 0x0F) | (((in.get(scales + j - 4) & 0xFF) >>> 6) << 4);
    }

    /** The 6-bit min of sub-block {@code j} (0..7) of a Q4_K super-block's 12 scale bytes. */
    private static int q4KMin(ByteBuffer in, int scales, int j) {
        if (j < 4) {
            return in.get(scales + j + 4) & 63;
        }
        return ((in.get(scales + j + 4) & 0xFF) >>> 4) | (((in.get(scales + j) & 0xFF) >>> 6) << 4);
    }

    /**
     * Q6_K: ql (128 bytes), qh (64 bytes) at +128, 16 signed scales at +192, d at +208. The block is copied into an
     * array and each run of 16 elements that shares a scale takes {@code d × scale} once, as ggml computes it, in
     * loops the JIT vectorises (3 × the rate of a byte at a time from the buffer).
     */
    private static void q6K(ByteBuffer in, int at, float[] dst, int out) {
        byte[] block = Q6K_BLOCK.get();
        in.get(at, block);
        float d = Float.float16ToFloat((short) ((block[208] & 0xFF) | block[209] << 8));
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

    /** One Q6_K block's bytes, per thread (loads decode on two). */
    private static final ThreadLocal<byte[]> Q6K_BLOCK =
            ThreadLocal.withInitial(() -> new byte[GgufTensorType.Q6_K.blockBytes()]);
}
