package org.thinktrace.generate;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Turns a conversation into a streamed response. Implementations run the model on a background thread
 * they own and call {@code listener} from that thread, in the order documented on
 * {@link GenerationEvent}. {@link #start} never blocks on the model. At most one generation runs at a
 * time per generator; starting another while one runs throws {@link IllegalStateException}.
 */
public interface TextGenerator extends AutoCloseable {

    GenerationHandle start(GenerationRequest request, Consumer<GenerationEvent> listener);

    /**
     * Generates a response that resumes inside an earlier one (see {@link Continuation}). A generator that cannot
     * (one without a KV cache of its own, such as a remote server) reports a {@link GenerationEvent.Failed} that says
     * so, on the calling thread, and returns a finished handle.
     */
    default GenerationHandle continueFrom(GenerationRequest request, Continuation continuation,
                                          Consumer<GenerationEvent> listener) {
        GenerationEvent failed = new GenerationEvent.Failed(modelName()
                + " cannot continue a response from inside it: branching and editing a thought need a local model", null);
        listener.accept(failed);
        return new GenerationHandle() {
            @Override
            public void cancel() {
            }

            @Override
            public CompletableFuture<GenerationEvent> done() {
                return CompletableFuture.completedFuture(failed);
            }
        };
    }

    /** A short human name of the loaded model, for status bars. */
    String modelName();

    /**
     * Which model this is, recorded with every response it generates. By default the name alone; a local model
     * adds the hash of its weights, a remote one its server.
     */
    default ModelIdentity identity() {
        return ModelIdentity.local(modelName(), null);
    }

    /** Where the model runs, for status bars (e.g. "CPU, 2 threads, FP32"). */
    String deviceDescription();

    /** The context window in tokens. */
    int contextLength();

    @Override
    void close();
}
