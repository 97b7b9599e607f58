package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The model that generated a version: its name, and for a local model the SHA-256 of its weight files' bytes
 * (lower-case hex; null when it was not known), for a remote one the server's base URL.
 */
@JsonPropertyOrder({"name", "weightsSha256", "endpoint"})
public record StoredModel(
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty("weightsSha256") String weightsSha256,
        @JsonProperty("endpoint") String endpoint) {
}
