package org.thinktrace.generate;

import java.util.concurrent.CompletableFuture;

/** A running generation. */
public interface GenerationHandle {

    /** Asks the generation to stop; it ends with {@link FinishReason#CANCELLED} within one token. Idempotent. */
    void cancel();

    /** Completes with the last event ({@code Finished} or {@code Failed}) after it was delivered. */
    CompletableFuture<GenerationEvent> done();
}
