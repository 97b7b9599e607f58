package org.thinktrace.model;


/**
 * Reads {@code rope_scaling} of a config: JSON null or absent gives no scaling; type
 * {@code llama3} (under {@code rope_type}, or the older key {@code type}) gives a
 * {@link RopeScaling} whose four values all come from the file; any other type is refused by
 * name, because running a model with its position scaling ignored gives wrong outputs.
 */
final class RopeScalingReader {

    private static final String FIELD = "rope_scaling";

    private RopeScalingReader() {
    }

    static RopeScaling read(JsonFields config) {
        if (!config.has(FIELD)) {
            return null;
        }
        JsonFields scaling = config.nested(FIELD);
        String typeKey = scaling.has("rope_type") ? "rope_type" : "type";
        String type = scaling.text(typeKey);
        if (!type.equals("llama3")) {
            throw scaling.error(typeKey, "is \"" + type + "\"; ThinkTrace supports only \"llama3\" RoPE scaling"
                    + " (or none)");
        }
        double factor = scaling.positiveDouble("factor");
        if (factor < 1) {
            throw scaling.error("factor", "must be at least 1, got " + factor);
        }
        double low = scaling.positiveDouble("low_freq_factor");
        double high = scaling.positiveDouble("high_freq_factor");
        if (!(high > low)) {
            throw scaling.error("high_freq_factor", "(" + high + ") must be above low_freq_factor (" + low + ")");
        }
        int original = scaling.positiveInt("original_max_position_embeddings");
        return new RopeScaling(factor, low, high, original);
    }

}
