package org.thinktrace.generate;

import org.thinktrace.model.RuntimeSettings;

/**
 * How a model is loaded.
 *
 * @param contextLimit tokens of context (KV cache) to reserve; capped at the model's max_position_embeddings
 * @param runtime      threads and precision of the PyTorch runtime (and of the decoder's projections)
 */
public record LoadOptions(int contextLimit, RuntimeSettings runtime) {

    /** Tokens of KV cache reserved when no limit is given (R1 distills allow 128k, which would take gigabytes). */
    public static final int DEFAULT_CONTEXT_LIMIT = 16_384;

    public LoadOptions {
        if (contextLimit < 1) throw new IllegalArgumentException("context limit must be >= 1, got " + contextLimit);
    }

    public static LoadOptions defaults() {
        return new LoadOptions(DEFAULT_CONTEXT_LIMIT, RuntimeSettings.defaults());
    }

    public LoadOptions withContextLimit(int limit) {
        return new LoadOptions(limit, runtime);
    }
}
