package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding tables in the HuggingFace rotate-half layout.
 *
 * <p>Layout trap: HF checkpoints pair dimension {@code i} with dimension {@code i + headDim/2}
 * ("rotate half"), not the interleaved pairs {@code (2i, 2i+1)} of the original RoPE paper and of
 * GGUF / llama2.c files. The tables here therefore hold each frequency twice, once per half:
 * {@code cos[p, i] = cos[p, i + headDim/2] = cos(p * invFreq[i])}. A checkpoint converted from the
 * interleaved layout must have its q/k rows permuted (as the stories260K fixture has).
 *
 * <p>Frequencies: {@code invFreq[i] = ropeTheta^(-2i/headDim)}, then, when the config carries a
 * llama3 {@code rope_scaling} block, long wavelengths are divided by {@code factor} and the band
 * between the two wavelength thresholds is blended smoothly; with a yarn block, the frequencies
 * of {@code YarnFrequencies} are used instead and both tables are multiplied by the YaRN
 * attention factor (as HF multiplies {@code cos} and {@code sin} by {@code attention_scaling}), so
 * that every attention logit {@code q·k} grows by its square; with a GGUF file's per-frequency divisors, each frequency
 * is divided by its own. Every factor comes from the config or the file.
 */
public final class RotaryEmbedding {

    private final int headDim;
    private final double[] inverseFrequencies;
    private final double attentionFactor;

    /** Tables for the head width and RoPE constants of {@code config}. */
    public RotaryEmbedding(ModelConfig config) {
        this.headDim = config.headDim();
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head_dim must be even for rotary embeddings, got " + headDim);
        }
        this.inverseFrequencies = inverseFrequencies(headDim, config.ropeTheta(), config.ropeScaling());
        this.attentionFactor = attentionFactor(config.ropeScaling());
    }

    /**
     * The {@code headDim/2} inverse frequencies: plain when {@code scaling} is null, else scaled by
     * its rule (HF {@code _compute_llama3_parameters} or {@code _compute_yarn_parameters}).
     */
    static double[] inverseFrequencies(int headDim, double theta, RopeScaling scaling) {
        return switch (scaling) {
            case null -> unscaled(headDim, theta);
            case Llama3RopeScaling llama3 -> llama3(unscaled(headDim, theta), llama3);
            case YarnRopeScaling yarn -> YarnFrequencies.inverseFrequencies(headDim, theta, yarn);
            case RopeFrequencyFactors divisors -> divided(unscaled(headDim, theta), divisors, headDim);
        };
    }

    /** The factor on every cos and sin entry: YaRN's attention factor, 1 otherwise. */
    static double attentionFactor(RopeScaling scaling) {
        return scaling instanceof YarnRopeScaling yarn ? yarn.attentionFactor() : 1.0;
    }

    private static double[] unscaled(int headDim, double theta) {
        int half = headDim / 2;
        double[] inv = new double[half];
        for (int i = 0; i < half; i++) {
            inv[i] = 1.0 / Math.pow(theta, (2.0 * i) / headDim);
        }
        return inv;
    }

    private static double[] divided(double[] inv, RopeFrequencyFactors divisors, int headDim) {
        double[] factors = divisors.factors();
        if (factors.length != inv.length) {
            throw new IllegalArgumentException(factors.length + " RoPE frequency factors for a head of " + headDim
                    + " (" + inv.length + " frequencies)");
        }
        for (int i = 0; i < inv.length; i++) {
            inv[i] /= factors[i];
        }
        return inv;
    }

    private static double[] llama3(double[] inv, Llama3RopeScaling scaling) {
        double lowFreqWavelength = scaling.originalMaxPositionEmbeddings() / scaling.lowFreqFactor();
        double highFreqWavelength = scaling.originalMaxPositionEmbeddings() / scaling.highFreqFactor();
        for (int i = 0; i < inv.length; i++) {
            double wavelength = 2 * Math.PI / inv[i];
            if (wavelength > lowFreqWavelength) {
                inv[i] = inv[i] / scaling.factor();
            } else if (wavelength >= highFreqWavelength) {
                double smooth = (scaling.originalMaxPositionEmbeddings() / wavelength - scaling.lowFreqFactor())
                        / (scaling.highFreqFactor() - scaling.lowFreqFactor());
                inv[i] = (1 - smooth) * inv[i] / scaling.factor() + smooth * inv[i];
            }
        }
        return inv;
    }

    /** Cosines for positions {@code [start, start + count)}: {@code [count, headDim]} row-major. */
    public float[] cosines(int start, int count) {
        return table(start, count, true);
    }

    /** Sines for positions {@code [start, start + count)}: {@code [count, headDim]} row-major. */
    public float[] sines(int start, int count) {
        return table(start, count, false);
    }

    /** Cosines of positions {@code [start, start + count)} as an array {@code [count, headDim]} of {@code manager}. */
    public NDArray cosines(NDManager manager, int start, int count) {
        return manager.create(cosines(start, count), new Shape(count, headDim));
    }

    /** Sines of positions {@code [start, start + count)} as an array {@code [count, headDim]} of {@code manager}. */
    public NDArray sines(NDManager manager, int start, int count) {
        return manager.create(sines(start, count), new Shape(count, headDim));
    }

    /** Features per attention head (D). */
    public int headDim() {
        return headDim;
    }

    /**
     * The rotation of one position as a matrix R [D, D] (row-major) acting on row vectors,
     * {@code x · R = x·cos + rotate_half(x)·sin}: {@code R[i][i] = cos_i},
     * {@code R[i + D/2][i] = -sin_i} and {@code R[i][i + D/2] = sin_i} for {@code i < D/2}.
     * Like the tables, cos and sin carry the attention factor (YaRN), so both paths rotate alike.
     */
    public float[] rotation(int position) {
        int half = headDim / 2;
        float[] r = new float[headDim * headDim];
        for (int i = 0; i < half; i++) {
            double angle = (double) position * inverseFrequencies[i];
            float cos = (float) (attentionFactor * Math.cos(angle));
            float sin = (float) (attentionFactor * Math.sin(angle));
            r[i * headDim + i] = cos;                          // out_i      += x_i · cos
            r[(i + half) * headDim + i] = -sin;                // out_i      -= x_{i+D/2} · sin
            r[(i + half) * headDim + i + half] = cos;          // out_{i+D/2} += x_{i+D/2} · cos
            r[i * headDim + i + half] = sin;                   // out_{i+D/2} += x_i · sin
        }
        return r;
    }

    /** {@link #rotation(int)} as an array [D, D] of {@code manager}. */
    public NDArray rotation(NDManager manager, int position) {
        return RopeInputs.matrix(manager, rotation(position), headDim);
    }

    private float[] table(int start, int count, boolean cosine) {
        int half = headDim / 2;
        float[] out = new float[count * headDim];
        for (int p = 0; p < count; p++) {
            for (int i = 0; i < half; i++) {
                double angle = (double) (start + p) * inverseFrequencies[i];
                float v = (float) (attentionFactor * (cosine ? Math.cos(angle) : Math.sin(angle)));
                out[p * headDim + i] = v;          // first half
                out[p * headDim + i + half] = v;   // second half: same frequency (rotate-half layout)
            }
        }
        return out;
    }
}
