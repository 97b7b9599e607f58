package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The model that generated a version: its name, and for a local model the SHA-256 of its weight files' bytes
 * (lower-case hex; null when it was not known) and the precision its weights were held in ({@code fp32},
 * {@code int8}, …; absent when not recorded), for a remote one the server's base URL. {@code precision} is
 * optional within format version 2: files written before it was recorded lack it, and builds that do not know it
 * ignore it.
 */
@JsonPropertyOrder({"name", "weightsSha256", "endpoint", "precision"})
public record StoredModel(
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty("weightsSha256") String weightsSha256,
        @JsonProperty("endpoint") String endpoint,
        @JsonProperty("precision") @JsonInclude(JsonInclude.Include.NON_NULL) String precision) {
}
