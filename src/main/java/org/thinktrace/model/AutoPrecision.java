package org.thinktrace.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What {@link PrecisionChoice#AUTO} loads a model in, by a fixed rule (docs/benchmarks.md, "Choosing a precision",
 * has the measurements behind it): <b>INT8</b> when the model has at least {@link #INT8_FROM_PARAMETERS} parameters
 * and this JVM runs the Vector API int8 kernel, or <b>Q4</b> when int8's weights would not fit the free memory and
 * 4-bit ones would; <b>FP32</b> otherwise. Quantized GGUF files take the format nearest their own instead
 * ({@link GgufWeightPrecision#auto}). Small models fit the processor's caches, where
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
            + "M parameters and more when the Vector API runs (q4 when int8 does not fit free memory), else fp32;"
            + " quantized GGUF files in the format nearest their own (q4 or int8)";

    private AutoPrecision() {
    }

    /** Auto's pick for {@code config}'s model in this JVM, logged with its reason. */
    public static ComputePrecision choose(ModelConfig config) {
        long parameters = parameters(config);
        boolean vector = GemvSelection.vectorApiAvailable();
        ComputePrecision chosen = choose(parameters, vector);
        if (chosen == ComputePrecision.INT8) {
            List<ParameterSpec> specs = ParameterSpec.all(config);
            long available = MemoryBudget.availableBytes();
            chosen = fitting(chosen, p -> WeightLoader.heldBytes(specs, p), available);
            if (chosen == ComputePrecision.Q4) {
                LOG.info("precision Auto: Q4 for this {}-parameter model: its INT8 weights ({}) do not fit the {} free,"
                        + " its 4-bit weights ({}) do", parameters,
                        MemoryBudget.gigabytes(WeightLoader.heldBytes(specs, ComputePrecision.INT8)),
                        MemoryBudget.gigabytes(available), MemoryBudget.gigabytes(WeightLoader.heldBytes(specs, chosen)));
                return chosen;
            }
        }
        if (parameters >= INT8_FROM_PARAMETERS && !vector) {
            LOG.warn("precision Auto: FP32 for this {}-parameter model, because int8 would run on the scalar Java"
                    + " kernel; start Java {} or newer with --add-modules {} (the thinktrace launch script beside the jar"
                    + " does) to get INT8", parameters, 22,
                    GemvSelection.VECTOR_MODULE);
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

    /**
     * {@code chosen}, or Q4 in place of INT8 when INT8's weights need more than {@code available} bytes and Q4's do
     * not (when neither fits, INT8 stays and the load is refused with advice, see {@link MemoryBudget}).
     *
     * @param bytesIn   bytes the weights take in a precision
     * @param available free bytes, negative when unknown (nothing is then changed)
     */
    static ComputePrecision fitting(ComputePrecision chosen, ToLongFunction<ComputePrecision> bytesIn, long available) {
        if (chosen != ComputePrecision.INT8 || available < 0 || bytesIn.applyAsLong(chosen) <= available) {
            return chosen;
        }
        return bytesIn.applyAsLong(ComputePrecision.Q4) <= available ? ComputePrecision.Q4 : chosen;
    }

    /** Every parameter of the model's checkpoint (embeddings, projections, norms, biases). */
    public static long parameters(ModelConfig config) {
        long count = 0;
        for (ParameterSpec spec : ParameterSpec.all(config)) count += spec.elementCount();
        return count;
    }
}
