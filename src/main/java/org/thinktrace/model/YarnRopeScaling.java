package org.thinktrace.model;

/**
 * {@code rope_type: "yarn"} scaling (Peng et al. 2023, "YaRN"), as HuggingFace
 * {@code _compute_yarn_parameters} computes it; used by DeepSeek-R1-0528-Qwen3-8B
 * (factor 4 over an original context of 32,768).
 *
 * <p>Dimension pairs that turn more than {@code betaFast} times over the original context keep
 * their frequency (extrapolation), pairs that turn fewer than {@code betaSlow} times are divided by
 * {@code factor} (interpolation), and a linear ramp over the dimension index blends the two in
 * between. The cos and sin tables are then multiplied by {@code attentionFactor}.
 *
 * @param factor                        {@code factor}: how much longer the extended context is; at least 1
 * @param originalMaxPositionEmbeddings {@code original_max_position_embeddings} (HF default: {@code max_position_embeddings})
 * @param betaFast                      {@code beta_fast} (HF default 32): rotation count above which a pair is extrapolated
 * @param betaSlow                      {@code beta_slow} (HF default 1): rotation count below which a pair is interpolated
 * @param truncate                      {@code truncate} (HF default true): round the ramp's ends outwards to whole dimensions
 * @param attentionFactor               the resolved factor on cos and sin ({@code attention_scaling} in HF); see
 *                                      {@link #defaultAttentionFactor(double, double, double)} for its default
 */
public record YarnRopeScaling(double factor, int originalMaxPositionEmbeddings, double betaFast, double betaSlow,
                              boolean truncate, double attentionFactor) implements RopeScaling {

    /** HF's default {@code beta_fast}. */
    public static final double DEFAULT_BETA_FAST = 32;
    /** HF's default {@code beta_slow}. */
    public static final double DEFAULT_BETA_SLOW = 1;

    /**
     * The attention factor HF uses when a config gives no {@code attention_factor}: with both
     * {@code mscale} and {@code mscale_all_dim} non-zero (DeepSeek-V3 style) it is
     * {@code mscale(factor, mscale) / mscale(factor, mscaleAllDim)}, else {@code mscale(factor, 1)}
     * = {@code 0.1 ln(factor) + 1}. Pass 0 for an absent {@code mscale} or {@code mscale_all_dim}.
     */
    public static double defaultAttentionFactor(double factor, double mscale, double mscaleAllDim) {
        if (mscale != 0 && mscaleAllDim != 0) {
            return mscale(factor, mscale) / mscale(factor, mscaleAllDim);
        }
        return mscale(factor, 1);
    }

    /** HF {@code get_mscale}: {@code 0.1 * mscale * ln(scale) + 1}, and 1 for {@code scale <= 1}. */
    static double mscale(double scale, double mscale) {
        return scale <= 1 ? 1.0 : 0.1 * mscale * Math.log(scale) + 1.0;
    }
}
