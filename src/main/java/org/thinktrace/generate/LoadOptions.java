package org.thinktrace.generate;

import org.thinktrace.model.PrecisionChoice;
import org.thinktrace.model.RuntimeSettings;

/**
 * How a model is loaded.
 *
 * @param contextLimit tokens of context (KV cache) to reserve; capped at the model's max_position_embeddings
 * @param runtime      threads of the PyTorch runtime (its CPU precision is replaced by {@code precision}'s pick)
 * @param precision    the weight precision asked for; Auto is resolved per model when it loads
 */
public record LoadOptions(int contextLimit, RuntimeSettings runtime, PrecisionChoice precision) {

    /** Tokens of KV cache reserved when no limit is given (R1 distills allow 128k, which would take gigabytes). */
    public static final int DEFAULT_CONTEXT_LIMIT = 16_384;

    public LoadOptions {
        if (contextLimit < 1) throw new IllegalArgumentException("context limit must be >= 1, got " + contextLimit);
        if (runtime == null) throw new IllegalArgumentException("runtime settings must be given");
        if (precision == null) throw new IllegalArgumentException("precision must be given (PrecisionChoice.AUTO for Auto)");
    }

    /** Exactly the runtime's CPU precision. */
    public LoadOptions(int contextLimit, RuntimeSettings runtime) {
        this(contextLimit, runtime, PrecisionChoice.of(runtime.cpuPrecision()));
    }

    /** The default context limit, default runtime settings, precision Auto. */
    public static LoadOptions defaults() {
        return new LoadOptions(DEFAULT_CONTEXT_LIMIT, RuntimeSettings.defaults(), PrecisionChoice.AUTO);
    }

    public LoadOptions withContextLimit(int limit) {
        return new LoadOptions(limit, runtime, precision);
    }

    public LoadOptions withPrecision(PrecisionChoice choice) {
        return new LoadOptions(contextLimit, runtime, choice);
    }
}
