package org.thinktrace.inspect;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.thinktrace.generate.Continuation;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.ModelSession;
import org.thinktrace.generate.PromptCodec;

/**
 * A session that forwards every call to {@code session} but {@link ModelSession#greedyAfterCuts}, which keeps the
 * interface's default: the cuts one after another, as on a model that does not decode branches.
 */
record OneAfterAnotherSession(ModelSession session) implements ModelSession {

    @Override
    public PromptCodec codec() {
        return session.codec();
    }

    @Override
    public float[] prefill(int[] ids) {
        return session.prefill(ids);
    }

    @Override
    public float[] append(int[] ids) {
        return session.append(ids);
    }

    @Override
    public void truncate(int length) {
        session.truncate(length);
    }

    @Override
    public int length() {
        return session.length();
    }

    @Override
    public int contextLength() {
        return session.contextLength();
    }

    @Override
    public GenerationEvent.Finished continueFrom(GenerationRequest request, Continuation continuation,
                                                 Consumer<GenerationEvent> listener) {
        return session.continueFrom(request, continuation, listener);
    }

    @Override
    public List<GenerationEvent> runTogether(List<GenerationRequest> requests,
                                             List<Consumer<GenerationEvent>> listeners,
                                             List<BooleanSupplier> cancels) {
        return session.runTogether(requests, listeners, cancels);
    }

    @Override
    public boolean cancelled() {
        return session.cancelled();
    }
}
