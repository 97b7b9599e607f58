package org.thinktrace.model;

/**
 * Conversions between {@code float} and the two 16-bit float formats of safetensors files, on raw
 * bit patterns held in a {@code short}.
 *
 * <p>BF16 is the upper half of an IEEE binary32, so widening is a shift and narrowing rounds the
 * dropped 16 bits to nearest, ties to even (NaN stays a quiet NaN of the same sign). F16 is IEEE
 * binary16; the JDK's {@link Float#floatToFloat16} and {@link Float#float16ToFloat} already round
 * to nearest even and handle subnormals, infinities and NaN.
 */
public final class HalfFloats {

    private HalfFloats() {
    }

    /** The float whose upper 16 bits are {@code bits} and whose lower 16 bits are zero. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** The BF16 nearest to {@code value}, ties to even. */
    public static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int lsbOfResult = (bits >>> 16) & 1;
        return (short) ((bits + 0x7FFF + lsbOfResult) >>> 16);
    }

    /** The IEEE binary16 value of {@code bits} as a float (exact). */
    public static float f16ToFloat(short bits) {
        return Float.float16ToFloat(bits);
    }

    /** The IEEE binary16 nearest to {@code value}, ties to even. */
    public static short floatToF16(float value) {
        return Float.floatToFloat16(value);
    }
}
