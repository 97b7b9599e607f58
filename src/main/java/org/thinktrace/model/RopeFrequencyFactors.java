package org.thinktrace.model;

import java.util.Arrays;

/**
 * RoPE scaling as a GGUF file carries it: llama.cpp's {@code rope_freqs.weight} tensor, one divisor per rotary
 * frequency, {@code invFreq[i] = ropeTheta^(-2i/headDim) / factors[i]}. llama.cpp's converter writes it for Llama 3.1's
 * {@code llama3} scaling ({@link Llama3RopeScaling} computed once per frequency: 1 for short wavelengths,
 * {@code factor} for long ones, the blend between), since a GGUF file has no metadata for that rule.
 *
 * @param factors one positive finite divisor per frequency ({@code headDim / 2} of them); a copy is kept
 */
public record RopeFrequencyFactors(double[] factors) implements RopeScaling {

    /** @throws IllegalArgumentException when there are no factors or one is not positive and finite */
    public RopeFrequencyFactors {
        if (factors.length == 0) {
            throw new IllegalArgumentException("no RoPE frequency factors");
        }
        factors = factors.clone();
        for (int i = 0; i < factors.length; i++) {
            if (!(factors[i] > 0) || Double.isInfinite(factors[i])) {
                throw new IllegalArgumentException("RoPE frequency factor " + i + " is " + factors[i]
                        + ", not a positive finite number");
            }
        }
    }

    @Override
    public double[] factors() {
        return factors.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RopeFrequencyFactors that && Arrays.equals(factors, that.factors);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(factors);
    }

    @Override
    public String toString() {
        return "RopeFrequencyFactors" + Arrays.toString(factors);
    }
}
