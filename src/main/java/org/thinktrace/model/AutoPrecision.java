package org.thinktrace.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link PrecisionChoice#AUTO} loads a model in, by a fixed rule (docs/benchmarks.md, "Choosing a precision",
 * has the measurements behind it): <b>INT8</b> when the model has at least {@link #INT8_FROM_PARAMETERS} parameters
 * and this JVM runs the Vector API int8 kernel; <b>FP32</b> otherwise. Small models fit the processor's caches, where
 * a step costs its calls, not its weight bytes, and PyTorch's FP32 kernels are the fastest; from tens of millions of
 * parameters a step reads its weights from memory, and int8 reads a quarter of FP32's bytes. Without the Vector API
 * (Java 21, or a JVM started without {@code --add-modules jdk.incubator.vector}) int8 runs on a scalar Java kernel
 * slower than FP32, so Auto stays at FP32 and says which flag would change that. On a GPU the runtime uses FP16
 * whatever is chosen.
 */
public final class AutoPrecision {

    private static final Logger LOG = LoggerFactory.getLogger(AutoPrecision.class);

    /** Parameters from which Auto picks INT8 (when the Vector API kernel runs). */
    public static final long INT8_FROM_PARAMETERS = 50_000_000L;

    /** The rule in a phrase, for help texts. */
    public static final String RULE = "int8 for models of " + INT8_FROM_PARAMETERS / 1_000_000
            + "M parameters and more when the Vector API runs, else fp32";

    private AutoPrecision() {
    }

    /** Auto's pick for {@code config}'s model in this JVM, logged with its reason. */
    public static ComputePrecision choose(ModelConfig config) {
        long parameters = parameters(config);
        boolean vector = Int8GemvSelection.vectorApiAvailable();
        ComputePrecision chosen = choose(parameters, vector);
        if (parameters >= INT8_FROM_PARAMETERS && !vector) {
            LOG.warn("precision Auto: FP32 for this {}-parameter model, because int8 would run on the scalar Java"
                    + " kernel; start Java {} or newer with --add-modules {} (the thinktrace launch script beside the jar"
                    + " does) to get INT8", parameters, 22,
                    Int8GemvSelection.VECTOR_MODULE);
        } else {
            LOG.info("precision Auto: {} for this {}-parameter model (INT8 from {} parameters with the Vector API)",
                    chosen.label(), parameters, INT8_FROM_PARAMETERS);
        }
        return chosen;
    }

    /** The rule itself: INT8 for at least {@link #INT8_FROM_PARAMETERS} parameters with the Vector API, else FP32. */
    public static ComputePrecision choose(long parameters, boolean vectorApi) {
        return parameters >= INT8_FROM_PARAMETERS && vectorApi ? ComputePrecision.INT8 : ComputePrecision.FP32;
    }

    /** Every parameter of the model's checkpoint (embeddings, projections, norms, biases). */
    public static long parameters(ModelConfig config) {
        long count = 0;
        for (ParameterSpec spec : ParameterSpec.all(config)) count += spec.elementCount();
        return count;
    }
}
