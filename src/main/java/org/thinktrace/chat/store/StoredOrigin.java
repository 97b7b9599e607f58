package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Where a version branched off another version of the same response (0-based version and token index). */
@JsonPropertyOrder({"fromVersion", "tokenIndex", "replaced", "inserted", "edited"})
public record StoredOrigin(
        @JsonProperty(value = "fromVersion", required = true) int fromVersion,
        @JsonProperty(value = "tokenIndex", required = true) int tokenIndex,
        @JsonProperty(value = "replaced", required = true) String replaced,
        @JsonProperty(value = "inserted", required = true) String inserted,
        @JsonProperty(value = "edited", required = true) boolean edited) {
}
