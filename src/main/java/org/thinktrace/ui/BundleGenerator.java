package org.thinktrace.ui;

import java.util.function.Consumer;
import org.thinktrace.generate.Continuation;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.Generator;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.ModelBundle;
import org.thinktrace.generate.ModelIdentity;
import org.thinktrace.generate.TextGenerator;

/** The generator of a loaded {@link ModelBundle}; closing it frees the whole bundle (model, native memory, tokenizer). */
final class BundleGenerator implements TextGenerator {

    private final ModelBundle bundle;
    private final ModelIdentity identity;

    BundleGenerator(ModelBundle bundle, ModelIdentity identity) {
        this.bundle = bundle;
        this.identity = identity;
    }

    @Override
    public GenerationHandle start(GenerationRequest request, Consumer<GenerationEvent> listener) {
        return bundle.generator().start(request, listener);
    }

    @Override
    public GenerationHandle continueFrom(GenerationRequest request, Continuation continuation,
                                         Consumer<GenerationEvent> listener) {
        return bundle.generator().continueFrom(request, continuation, listener);
    }

    /** The bundle's generator, for probes that run on its KV cache. */
    Generator generator() {
        return bundle.generator();
    }

    @Override
    public String modelName() {
        return bundle.generator().modelName();
    }

    @Override
    public ModelIdentity identity() {
        return identity;
    }

    @Override
    public String deviceDescription() {
        return bundle.generator().deviceDescription();
    }

    @Override
    public int contextLength() {
        return bundle.generator().contextLength();
    }

    @Override
    public void close() {
        bundle.close();
    }
}
