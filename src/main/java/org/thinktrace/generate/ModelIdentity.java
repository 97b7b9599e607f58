package org.thinktrace.generate;

import java.util.Objects;

/**
 * Which model generated a response, as exactly as it can be told: its name, for a local model the SHA-256 of its
 * weight files' bytes (see {@link WeightsHash}) and the precision its weights were held in; for a model behind a
 * server, the server's base URL (a remote server's weights cannot be hashed).
 *
 * @param name          the model's name (a local model's folder name, a remote server's model id)
 * @param weightsSha256 lower-case hex SHA-256 over the weight files' bytes; null when not known
 * @param endpoint      the base URL of the server that ran it; null for a local model
 * @param precision     a local model's weight precision as {@link org.thinktrace.model.ComputePrecision#optionName()}
 *                      writes it ({@code fp32}, {@code int8}, …); null when not recorded or remote. Kept as the
 *                      name, not the enum, so that a file naming a precision of a newer build still reads.
 */
public record ModelIdentity(String name, String weightsSha256, String endpoint, String precision) {

    public ModelIdentity {
        Objects.requireNonNull(name, "name");
        if (weightsSha256 != null && !weightsSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("weights hash '" + weightsSha256 + "' is not 64 lower-case hex digits");
        }
        if (precision != null && !precision.matches("[a-z0-9_]{1,16}")) {
            throw new IllegalArgumentException("precision '" + precision + "' is not a precision name such as int8");
        }
    }

    /** A model whose precision was not recorded. */
    public ModelIdentity(String name, String weightsSha256, String endpoint) {
        this(name, weightsSha256, endpoint, null);
    }

    /** A local model whose weights hash to {@code weightsSha256} (null when not known), precision not recorded. */
    public static ModelIdentity local(String name, String weightsSha256) {
        return new ModelIdentity(name, weightsSha256, null, null);
    }

    /** A local model whose weights hash to {@code weightsSha256} (null when not known), run at {@code precision}. */
    public static ModelIdentity local(String name, String weightsSha256, String precision) {
        return new ModelIdentity(name, weightsSha256, null, precision);
    }

    /** A model served at {@code baseUrl}. */
    public static ModelIdentity remote(String baseUrl, String model) {
        return new ModelIdentity(model, null, Objects.requireNonNull(baseUrl, "baseUrl"), null);
    }

    /** For people: the name, then the hash's first 12 digits and the precision, or the server. */
    public String describe() {
        if (endpoint != null) return name + " at " + endpoint;
        String hash = weightsSha256 == null ? null : "weights sha256 " + weightsSha256.substring(0, 12) + "…";
        String at = precision == null ? null : precision.toUpperCase(java.util.Locale.ROOT);
        if (hash == null && at == null) return name;
        return name + " (" + (hash == null ? at : at == null ? hash : hash + ", " + at) + ")";
    }
}
