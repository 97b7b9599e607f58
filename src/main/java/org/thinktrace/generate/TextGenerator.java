package org.thinktrace.generate;

import java.util.function.Consumer;

/**
 * Turns a conversation into a streamed response. Implementations run the model on a background thread
 * they own and call {@code listener} from that thread, in the order documented on
 * {@link GenerationEvent}. {@link #start} never blocks on the model. At most one generation runs at a
 * time per generator; starting another while one runs throws {@link IllegalStateException}.
 */
public interface TextGenerator extends AutoCloseable {

    GenerationHandle start(GenerationRequest request, Consumer<GenerationEvent> listener);

    /** A short human name of the loaded model, for status bars. */
    String modelName();

    /** Where the model runs, for status bars (e.g. "CPU, 2 threads, FP32"). */
    String deviceDescription();

    /** The context window in tokens. */
    int contextLength();

    @Override
    void close();
}
