package org.thinktrace.chat.store;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a generation ended, as the file writes it. The codes are the format; the constant names are not. */
public enum StoredFinishReason {
    @JsonProperty("eos") EOS,
    @JsonProperty("length") LENGTH,
    @JsonProperty("stop") STOP,
    @JsonProperty("cancelled") CANCELLED
}
