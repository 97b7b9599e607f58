package org.thinktrace.model;

/**
 * YaRN inverse frequencies, following HF {@code _compute_yarn_parameters} step by step (its
 * variable names in the comments). With {@code dim = headDim} and {@code base = rope_theta}:
 *
 * <pre>
 * pos_freqs[i]              = base^(2i / dim)                       i in [0, dim/2)
 * inv_freq_extrapolation[i] = 1 / pos_freqs[i]                      plain RoPE
 * inv_freq_interpolation[i] = 1 / (factor * pos_freqs[i])           position interpolation
 * find_correction_dim(n)    = dim * ln(original / (2 pi n)) / (2 ln base)
 *                             the (fractional) pair index that turns n times over the original context
 * low  = find_correction_dim(beta_fast), high = find_correction_dim(beta_slow)
 *        rounded outwards (floor, ceil) when truncate; then low = max(low, 0), high = min(high, dim - 1)
 * ramp[i] = clamp((i - low) / (high - low), 0, 1)                   high += 0.001 when low == high
 * inv_freq_extrapolation_factor[i] = 1 - ramp[i]
 * inv_freq[i] = inv_freq_interpolation[i] * (1 - inv_freq_extrapolation_factor[i])
 *             + inv_freq_extrapolation[i] * inv_freq_extrapolation_factor[i]
 * </pre>
 *
 * So fast pairs (small {@code i}, many turns) keep their frequency, slow pairs are divided by
 * {@code factor}, and the pairs between are blended linearly in the index.
 */
final class YarnFrequencies {

    private YarnFrequencies() {
    }

    /** The {@code headDim / 2} YaRN inverse frequencies for {@code theta} and {@code scaling}. */
    static double[] inverseFrequencies(int headDim, double theta, YarnRopeScaling scaling) {
        double[] range = correctionRange(headDim, theta, scaling);
        double low = range[0];
        double high = range[0] == range[1] ? range[1] + 0.001 : range[1];  // HF: prevent singularity
        double[] inv = new double[headDim / 2];
        for (int i = 0; i < inv.length; i++) {
            double posFreq = Math.pow(theta, (2.0 * i) / headDim);
            double extrapolation = 1.0 / posFreq;
            double interpolation = 1.0 / (scaling.factor() * posFreq);
            double ramp = Math.min(1.0, Math.max(0.0, (i - low) / (high - low)));
            double extrapolationFactor = 1 - ramp;
            inv[i] = interpolation * (1 - extrapolationFactor) + extrapolation * extrapolationFactor;
        }
        return inv;
    }

    /** HF {@code find_correction_range}: {@code {low, high}} pair indices bounding the ramp. */
    static double[] correctionRange(int headDim, double theta, YarnRopeScaling scaling) {
        double low = correctionDim(scaling.betaFast(), headDim, theta, scaling.originalMaxPositionEmbeddings());
        double high = correctionDim(scaling.betaSlow(), headDim, theta, scaling.originalMaxPositionEmbeddings());
        if (scaling.truncate()) {
            low = Math.floor(low);
            high = Math.ceil(high);
        }
        return new double[] {Math.max(low, 0), Math.min(high, headDim - 1)};
    }

    /** HF {@code find_correction_dim}: the pair index whose wavelength fits {@code rotations} times in the context. */
    private static double correctionDim(double rotations, int headDim, double theta, int originalContext) {
        return headDim * Math.log(originalContext / (rotations * 2 * Math.PI)) / (2 * Math.log(theta));
    }
}
