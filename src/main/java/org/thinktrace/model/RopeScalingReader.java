package org.thinktrace.model;

/**
 * Reads {@code rope_scaling} of a config: JSON null or absent gives no scaling; the type (under
 * {@code rope_type}, or the older key {@code type}) selects {@link Llama3RopeScaling} or
 * {@link YarnRopeScaling}; any other type is refused by name, because running a model with its
 * position scaling ignored gives wrong outputs. Required values must be present; optional ones
 * take HuggingFace's defaults; every bad value is an error naming the file and the field.
 */
final class RopeScalingReader {

    private static final String FIELD = "rope_scaling";

    private RopeScalingReader() {
    }

    /**
     * The scaling of {@code config}, or null.
     *
     * @param maxPositionEmbeddings the config's {@code max_position_embeddings}, YaRN's default original length
     */
    static RopeScaling read(JsonFields config, int maxPositionEmbeddings) {
        if (!config.has(FIELD)) {
            return null;
        }
        JsonFields scaling = config.nested(FIELD);
        String typeKey = scaling.has("rope_type") ? "rope_type" : "type";
        String type = scaling.text(typeKey);
        return switch (type) {
            case "llama3" -> llama3(scaling);
            case "yarn" -> yarn(scaling, maxPositionEmbeddings);
            default -> throw scaling.error(typeKey, "is \"" + type + "\"; ThinkTrace supports \"llama3\" and"
                    + " \"yarn\" RoPE scaling (or none)");
        };
    }

    private static Llama3RopeScaling llama3(JsonFields scaling) {
        double factor = factor(scaling);
        double low = scaling.positiveDouble("low_freq_factor");
        double high = scaling.positiveDouble("high_freq_factor");
        if (!(high > low)) {
            throw scaling.error("high_freq_factor", "(" + high + ") must be above low_freq_factor (" + low + ")");
        }
        int original = scaling.positiveInt("original_max_position_embeddings");
        return new Llama3RopeScaling(factor, low, high, original);
    }

    /**
     * YaRN keys as HF reads them, plus {@code attn_factor}: DeepSeek-R1-0528-Qwen3-8B's config
     * carries {@code "attn_factor": 0.878…} = 1 / (0.1 ln 4 + 1), the key vLLM and SGLang read
     * as a multiplier on the default attention factor, so that the net factor on cos/sin is 1.
     * HF does not know that key (it warns and ignores it, scaling by 1.139); ThinkTrace follows
     * the engines the checkpoint's authors wrote it for. A config giving both
     * {@code attention_factor} and {@code attn_factor} is refused as ambiguous.
     */
    private static YarnRopeScaling yarn(JsonFields scaling, int maxPositionEmbeddings) {
        double factor = factor(scaling);
        int original = scaling.positiveInt("original_max_position_embeddings", maxPositionEmbeddings);
        double betaFast = scaling.positiveDouble("beta_fast", YarnRopeScaling.DEFAULT_BETA_FAST);
        double betaSlow = scaling.positiveDouble("beta_slow", YarnRopeScaling.DEFAULT_BETA_SLOW);
        if (betaFast < betaSlow) {
            throw scaling.error("beta_fast", "(" + betaFast + ") must not be below beta_slow (" + betaSlow + ")");
        }
        boolean truncate = scaling.bool("truncate", true);
        double mscale = scaling.nonNegativeDouble("mscale", 0);
        double mscaleAllDim = scaling.nonNegativeDouble("mscale_all_dim", 0);
        double attentionFactor;
        if (scaling.has("attention_factor")) {
            if (scaling.has("attn_factor")) {
                throw scaling.error("attn_factor", "is given together with attention_factor; keep one of them");
            }
            attentionFactor = scaling.positiveDouble("attention_factor");
        } else {
            attentionFactor = YarnRopeScaling.defaultAttentionFactor(factor, mscale, mscaleAllDim)
                    * scaling.positiveDouble("attn_factor", 1.0);
        }
        return new YarnRopeScaling(factor, original, betaFast, betaSlow, truncate, attentionFactor);
    }

    private static double factor(JsonFields scaling) {
        double factor = scaling.positiveDouble("factor");
        if (factor < 1) {
            throw scaling.error("factor", "must be at least 1, got " + factor);
        }
        return factor;
    }
}
