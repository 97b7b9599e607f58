package org.thinktrace.model;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A deliberately naive decoder in plain Java float arithmetic (double accumulators), written from
 * the HuggingFace modeling code and independent of the DJL implementation: it recomputes the whole
 * sequence and returns the logits of every position.
 */
final class ReferenceDecoder {

    private final ModelConfig c;
    private final Map<String, float[]> w;
    private final UnaryOperator<float[]> inputRounding;
    private final int roundedFrom;

    ReferenceDecoder(ModelConfig config, Map<String, float[]> weights) {
        this(config, weights, UnaryOperator.identity(), Integer.MAX_VALUE);
    }

    /**
     * A reference whose projections round their input by {@code inputRounding} as a decoder's single-row products
     * do: the layers' from position {@code roundedFrom} on (one token at a time after a prompt of that many), and
     * the lm_head's at every position (a step's logits come from its last row alone).
     */
    ReferenceDecoder(ModelConfig config, Map<String, float[]> weights, UnaryOperator<float[]> inputRounding, int roundedFrom) {
        this.c = config;
        this.w = weights;
        this.inputRounding = inputRounding;
        this.roundedFrom = roundedFrom;
    }

    /** Logits [T][vocab] of every position of {@code ids}. */
    float[][] logits(int[] ids) {
        int t = ids.length;
        int hidden = c.hiddenSize();
        float[] embed = w.get("model.embed_tokens.weight");
        float[][] x = new float[t][hidden];
        for (int p = 0; p < t; p++) {
            System.arraycopy(embed, ids[p] * hidden, x[p], 0, hidden);
        }
        for (int layer = 0; layer < c.numHiddenLayers(); layer++) {
            x = layer(layer, x);
        }
        float[] lmHead = w.getOrDefault("lm_head.weight", embed);          // tied: the embeddings, unless given apart
        float[][] out = new float[t][];
        for (int p = 0; p < t; p++) {
            float[] normed = rmsNorm(x[p], w.get("model.norm.weight"));
            out[p] = matVec(lmHead, null, roundedFrom == Integer.MAX_VALUE ? normed : inputRounding.apply(normed), c.vocabSize());
        }
        return out;
    }

    private float[][] layer(int layer, float[][] x) {
        String prefix = "model.layers." + layer + ".";
        int t = x.length;
        int heads = c.numAttentionHeads();
        int kvHeads = c.numKeyValueHeads();
        int d = c.headDim();
        float[][] q = new float[t][];
        float[][] k = new float[t][];
        float[][] v = new float[t][];
        for (int p = 0; p < t; p++) {
            float[] h = input(p, rmsNorm(x[p], w.get(prefix + "input_layernorm.weight")));
            q[p] = matVec(w.get(prefix + "self_attn.q_proj.weight"), w.get(prefix + "self_attn.q_proj.bias"), h, heads * d);
            k[p] = matVec(w.get(prefix + "self_attn.k_proj.weight"), w.get(prefix + "self_attn.k_proj.bias"), h, kvHeads * d);
            v[p] = matVec(w.get(prefix + "self_attn.v_proj.weight"), w.get(prefix + "self_attn.v_proj.bias"), h, kvHeads * d);
            for (int head = 0; head < heads; head++) {
                if (c.qkNorm()) {
                    normHead(q[p], head, d, w.get(prefix + "self_attn.q_norm.weight"));
                }
                rotate(q[p], head, d, p);
            }
            for (int head = 0; head < kvHeads; head++) {
                if (c.qkNorm()) {
                    normHead(k[p], head, d, w.get(prefix + "self_attn.k_norm.weight"));
                }
                rotate(k[p], head, d, p);
            }
        }
        float[][] next = new float[t][];
        int group = heads / kvHeads;
        for (int p = 0; p < t; p++) {
            float[] context = new float[heads * d];
            for (int head = 0; head < heads; head++) {
                int kvHead = head / group;
                double[] scores = new double[p + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s <= p; s++) {
                    double dot = 0;
                    for (int i = 0; i < d; i++) {
                        dot += (double) q[p][head * d + i] * k[s][kvHead * d + i];
                    }
                    scores[s] = dot / Math.sqrt(d);
                    max = Math.max(max, scores[s]);
                }
                double sum = 0;
                for (int s = 0; s <= p; s++) {
                    scores[s] = Math.exp(scores[s] - max);
                    sum += scores[s];
                }
                for (int i = 0; i < d; i++) {
                    double acc = 0;
                    for (int s = 0; s <= p; s++) {
                        acc += scores[s] / sum * v[s][kvHead * d + i];
                    }
                    context[head * d + i] = (float) acc;
                }
            }
            float[] o = matVec(w.get(prefix + "self_attn.o_proj.weight"), null, input(p, context), c.hiddenSize());
            float[] residual = add(x[p], o);
            float[] h = input(p, rmsNorm(residual, w.get(prefix + "post_attention_layernorm.weight")));
            float[] gate = matVec(w.get(prefix + "mlp.gate_proj.weight"), null, h, c.intermediateSize());
            float[] up = matVec(w.get(prefix + "mlp.up_proj.weight"), null, h, c.intermediateSize());
            float[] act = new float[gate.length];
            for (int i = 0; i < act.length; i++) {
                act[i] = (float) (gate[i] / (1 + Math.exp(-gate[i])) * up[i]);
            }
            float[] down = matVec(w.get(prefix + "mlp.down_proj.weight"), null, input(p, act), c.hiddenSize());
            next[p] = add(residual, down);
        }
        return next;
    }

    /** A layer projection's input at position {@code p}: rounded from {@link #roundedFrom} on. */
    private float[] input(int p, float[] x) {
        return p >= roundedFrom ? inputRounding.apply(x) : x;
    }

    /**
     * Rotate-half RoPE of one head: pairs (i, i + d/2) turn by position * invFreq[i]; with YaRN
     * the rotated pair is also multiplied by the attention factor (HF scales cos and sin by it).
     */
    private void rotate(float[] vector, int head, int d, int position) {
        double[] inv = inverseFrequencies(d);
        double scale = c.ropeScaling() instanceof YarnRopeScaling y ? y.attentionFactor() : 1.0;
        int half = d / 2;
        int base = head * d;
        for (int i = 0; i < half; i++) {
            double angle = position * inv[i];
            double a = vector[base + i];
            double b = vector[base + i + half];
            vector[base + i] = (float) (scale * (a * Math.cos(angle) - b * Math.sin(angle)));
            vector[base + i + half] = (float) (scale * (b * Math.cos(angle) + a * Math.sin(angle)));
        }
    }

    /** HF _compute_default_rope_parameters, then _compute_llama3_parameters or _compute_yarn_parameters. */
    private double[] inverseFrequencies(int d) {
        double[] inv = new double[d / 2];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = 1.0 / Math.pow(c.ropeTheta(), (double) (2 * i) / d);
        }
        if (c.ropeScaling() instanceof YarnRopeScaling y) {
            return yarn(inv, d, y);
        }
        if (!(c.ropeScaling() instanceof Llama3RopeScaling s)) {
            return inv;
        }
        double lowWavelength = s.originalMaxPositionEmbeddings() / s.lowFreqFactor();
        double highWavelength = s.originalMaxPositionEmbeddings() / s.highFreqFactor();
        for (int i = 0; i < inv.length; i++) {
            double wavelength = 2 * Math.PI / inv[i];
            double scaled = wavelength > lowWavelength ? inv[i] / s.factor() : inv[i];
            double smooth = (s.originalMaxPositionEmbeddings() / wavelength - s.lowFreqFactor())
                    / (s.highFreqFactor() - s.lowFreqFactor());
            double smoothed = (1 - smooth) * scaled / s.factor() + smooth * scaled;
            boolean medium = !(wavelength < highWavelength) && !(wavelength > lowWavelength);
            inv[i] = medium ? smoothed : scaled;
        }
        return inv;
    }

    /**
     * YaRN written from the formula: pair i turns L * inv[i] / (2 pi) times over the original
     * context L; solving that for i = beta gives the index d ln(L / (2 pi beta)) / (2 ln theta).
     * Pairs up to the beta_fast index keep inv[i], pairs from the beta_slow index on get inv[i] / s,
     * and between them the share kept unscaled falls linearly with i.
     */
    private double[] yarn(double[] inv, int d, YarnRopeScaling y) {
        double from = indexTurning(y.betaFast(), d, y.originalMaxPositionEmbeddings());
        double to = indexTurning(y.betaSlow(), d, y.originalMaxPositionEmbeddings());
        if (y.truncate()) {
            from = Math.floor(from);
            to = Math.ceil(to);
        }
        from = Math.max(from, 0);
        to = Math.min(to, d - 1);
        if (to == from) {
            to += 0.001;
        }
        double[] out = new double[inv.length];
        for (int i = 0; i < inv.length; i++) {
            double kept;
            if (i <= from) {
                kept = 1;
            } else if (i >= to) {
                kept = 0;
            } else {
                kept = (to - i) / (to - from);
            }
            out[i] = inv[i] * (kept + (1 - kept) / y.factor());
        }
        return out;
    }

    private double indexTurning(double turns, int d, int context) {
        return d * Math.log(context / (2 * Math.PI * turns)) / (2 * Math.log(c.ropeTheta()));
    }

    private void normHead(float[] vector, int head, int d, float[] weight) {
        float[] slice = new float[d];
        System.arraycopy(vector, head * d, slice, 0, d);
        System.arraycopy(rmsNorm(slice, weight), 0, vector, head * d, d);
    }

    private float[] rmsNorm(float[] x, float[] weight) {
        double sum = 0;
        for (float f : x) {
            sum += (double) f * f;
        }
        double scale = 1 / Math.sqrt(sum / x.length + c.rmsNormEps());
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] * scale * weight[i]);
        }
        return out;
    }

    private static float[] matVec(float[] matrix, float[] bias, float[] x, int rows) {
        int cols = x.length;
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            double acc = bias == null ? 0 : bias[r];
            for (int j = 0; j < cols; j++) {
                acc += (double) matrix[r * cols + j] * x[j];
            }
            out[r] = (float) acc;
        }
        return out;
    }

    private static float[] add(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }
}
