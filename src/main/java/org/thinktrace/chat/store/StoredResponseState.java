package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a response stands, as the file writes it. The codes are the format; the constant names are not. */
public enum StoredResponseState {
    @JsonProperty("in_progress") IN_PROGRESS,
    @JsonProperty("complete") COMPLETE,
    @JsonProperty("stopped") STOPPED,
    @JsonProperty("failed") FAILED
}
