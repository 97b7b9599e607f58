package org.thinktrace.model;

/**
 * Independent, deliberately naive conversions used as the reference in tests: values are decoded
 * from their bit fields with {@link Math#scalb}, and rounding picks the nearest of the two
 * neighbouring representable values by comparing distances in double precision.
 */
final class HalfFloatReference {

    private HalfFloatReference() {
    }

    /** Value of an IEEE binary16 bit pattern, from sign, exponent and mantissa fields. */
    static double f16Value(int bits) {
        return value(bits, 5, 10);
    }

    /** Value of a BF16 bit pattern, from sign, exponent and mantissa fields. */
    static double bf16Value(int bits) {
        return value(bits, 8, 7);
    }

    /** Value of a 16-bit pattern: 1 sign bit, {@code exponentBits}, {@code mantissaBits}, IEEE rules. */
    private static double value(int bits, int exponentBits, int mantissaBits) {
        int sign = (bits >> 15) & 1;
        int exponent = (bits >> mantissaBits) & ((1 << exponentBits) - 1);
        int mantissa = bits & ((1 << mantissaBits) - 1);
        int bias = (1 << (exponentBits - 1)) - 1;
        double magnitude;
        if (exponent == (1 << exponentBits) - 1) {
            magnitude = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (exponent == 0) {
            magnitude = Math.scalb((double) mantissa, 1 - bias - mantissaBits);
        } else {
            magnitude = Math.scalb((double) ((1 << mantissaBits) + mantissa), exponent - bias - mantissaBits);
        }
        return sign == 1 ? -magnitude : magnitude;
    }

    /** The F16 value nearest to {@code v} (ties to the even pattern), by scanning all patterns of v's sign. */
    static double nearestF16(float v) {
        return nearest(v, 16, HalfFloatReference::f16Value, 0x7C00);
    }

    /** The BF16 value nearest to {@code v} (ties to the even pattern), by scanning all patterns of v's sign. */
    static double nearestBf16(float v) {
        return nearest(v, 16, HalfFloatReference::bf16Value, 0x7F80);
    }

    private static double nearest(float v, int width, java.util.function.IntToDoubleFunction decode, int infinity) {
        int signBit = v < 0 || (v == 0 && 1 / v < 0) ? 1 << (width - 1) : 0;
        double target = v;
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int magnitude = 0; magnitude < infinity; magnitude++) {
            double candidate = decode.applyAsDouble(signBit | magnitude);
            double distance = Math.abs(candidate - target);
            if (distance < bestDistance || (distance == bestDistance && (magnitude & 1) == 0)) {
                best = signBit | magnitude;
                bestDistance = distance;
            }
        }
        double largest = decode.applyAsDouble(signBit | (infinity - 1));
        double halfUlpAbove = Math.abs(largest - decode.applyAsDouble(signBit | (infinity - 2))) / 2;
        if (Math.abs(target) >= Math.abs(largest) + halfUlpAbove) {
            return signBit != 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return decode.applyAsDouble(best);
    }
}
