package org.thinktrace.generate;

import java.util.Objects;

/**
 * Which model generated a response, as exactly as it can be told: its name, and for a local model the SHA-256 of
 * its weight files' bytes (see {@link WeightsHash}); for a model behind a server, the server's base URL (a remote
 * server's weights cannot be hashed).
 *
 * @param name          the model's name (a local model's folder name, a remote server's model id)
 * @param weightsSha256 lower-case hex SHA-256 over the weight files' bytes; null when not known
 * @param endpoint      the base URL of the server that ran it; null for a local model
 */
public record ModelIdentity(String name, String weightsSha256, String endpoint) {

    public ModelIdentity {
        Objects.requireNonNull(name, "name");
        if (weightsSha256 != null && !weightsSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("weights hash '" + weightsSha256 + "' is not 64 lower-case hex digits");
        }
    }

    /** A local model whose weights hash to {@code weightsSha256} (null when not known). */
    public static ModelIdentity local(String name, String weightsSha256) {
        return new ModelIdentity(name, weightsSha256, null);
    }

    /** A model served at {@code baseUrl}. */
    public static ModelIdentity remote(String baseUrl, String model) {
        return new ModelIdentity(model, null, Objects.requireNonNull(baseUrl, "baseUrl"));
    }

    /** For people: the name, then the hash's first 12 digits or the server. */
    public String describe() {
        if (endpoint != null) return name + " at " + endpoint;
        return weightsSha256 == null ? name : name + " (weights sha256 " + weightsSha256.substring(0, 12) + "…)";
    }
}
