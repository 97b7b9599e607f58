package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What the inspector's probes found about a version; each part null when that probe never ran. */
@JsonPropertyOrder({"convergence", "importance"})
public record StoredProbes(
        @JsonProperty("convergence") StoredConvergence convergence,
        @JsonProperty("importance") StoredImportance importance) {
}
