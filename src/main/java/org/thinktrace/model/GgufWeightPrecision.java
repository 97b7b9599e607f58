package org.thinktrace.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The precision a GGUF file's weights are held in once loaded, and the sentence that tells the user.
 *
 * <p>A file whose matrices are all F32, F16 or BF16 loads in the precision asked for, like a safetensors
 * checkpoint. A file with quantized matrices (any block type of {@link GgufTensorType}: Q8_0, Q6_K, Q5_K,
 * Q5_0/Q5_1, Q4_K, Q4_0/Q4_1, IQ4_XS/IQ4_NL, Q3_K, Q2_K) is converted at load, block of rows by block: Auto asks for
 * the format nearest the file's own ({@link #auto}); FP32 gives int8 with one FP32 scale per output row
 * ({@link ComputePrecision#INT8}); a smaller precision asked for (FP16, INT8, Q4) is used as it is. No FP32 copy of
 * the model is ever held. In {@link ComputePrecision#Q4}, Q4_0 matrices are its own layout and Q4_1 and Q4_K ones its
 * layout with an offset per group: all three are kept as they are (Q4_K's sub-block scales and offsets rounded to
 * FP16). Re-quantizing to int8 (255 levels per row) adds a small error to any of these types; re-quantizing to q4 a
 * larger one.
 *
 * @param precision the precision to load in
 * @param note      what happened to the file's weights, e.g. "Q4_K_M weights: converted to int8 at load";
 *                  empty when they load as stored
 */
public record GgufWeightPrecision(ComputePrecision precision, String note) {

    private static final Logger LOG = LoggerFactory.getLogger(GgufWeightPrecision.class);

    /** llama.cpp's {@code general.file_type} values ({@code llama_ftype}) for the types ThinkTrace reads. */
    private static final Map<Long, String> FILE_TYPES = Map.ofEntries(
            Map.entry(0L, "F32"), Map.entry(1L, "F16"), Map.entry(2L, "Q4_0"), Map.entry(3L, "Q4_1"),
            Map.entry(7L, "Q8_0"), Map.entry(8L, "Q5_0"), Map.entry(9L, "Q5_1"), Map.entry(10L, "Q2_K"),
            Map.entry(11L, "Q3_K_S"), Map.entry(12L, "Q3_K_M"), Map.entry(13L, "Q3_K_L"), Map.entry(14L, "Q4_K_S"),
            Map.entry(15L, "Q4_K_M"), Map.entry(16L, "Q5_K_S"), Map.entry(17L, "Q5_K_M"), Map.entry(18L, "Q6_K"),
            Map.entry(21L, "Q2_K_S"), Map.entry(25L, "IQ4_NL"), Map.entry(30L, "IQ4_XS"), Map.entry(32L, "BF16"));

    /** Block types q4 holds as they are: Q4_0 in its own layout, Q4_1 and Q4_K with an offset per group. */
    private static final Set<String> KEPT_IN_Q4 = Set.of("Q4_0", "Q4_1", "Q4_K");

    /** Block types of at most 4.5 bits per weight: a file mostly of these is nearest to q4. */
    private static final Set<GgufTensorType> FOUR_BITS_OR_FEWER = EnumSet.of(GgufTensorType.Q2_K,
            GgufTensorType.Q3_K, GgufTensorType.Q4_0, GgufTensorType.Q4_1, GgufTensorType.Q4_K, GgufTensorType.IQ4_NL,
            GgufTensorType.IQ4_XS);

    /**
     * What Auto asks for a GGUF file: the format nearest the file's own for a quantized file with the Vector API
     * running, that is {@link ComputePrecision#Q4} when most of its quantized weights are stored in 4.5 bits or fewer
     * (Q4_K_M, Q4_0, IQ4_XS, Q3_K, Q2_K files: Q4_0, Q4_1 and Q4_K tensors are then kept as they are), else
     * {@link ComputePrecision#INT8} (Q8_0, Q6_K, Q5_K files), or Q4 in its place when int8's weights would not fit
     * {@code available} bytes and q4's would ({@link AutoPrecision#fitting}); {@code floatAuto}'s pick (Auto's for
     * the model, asked only then) for a file of float weights or without the Vector API. A choice of the nearest
     * format is logged.
     *
     * @param bytesIn   bytes the weights take in a precision
     * @param available free bytes, negative when unknown
     */
    public static ComputePrecision auto(GgufFile gguf, Supplier<ComputePrecision> floatAuto, boolean vectorApi,
                                        ToLongFunction<ComputePrecision> bytesIn, long available) {
        long narrow = 0;
        long all = 0;
        for (GgufTensorInfo tensor : gguf.tensors().values()) {
            if (tensor.type().isQuantized() && tensor.dims().length == 2) {
                all += tensor.elementCount();
                narrow += FOUR_BITS_OR_FEWER.contains(tensor.type()) ? tensor.elementCount() : 0;
            }
        }
        if (all == 0 || !vectorApi) {
            return floatAuto.get();
        }
        ComputePrecision nearest = 2 * narrow > all ? ComputePrecision.Q4 : ComputePrecision.INT8;
        ComputePrecision chosen = AutoPrecision.fitting(nearest, bytesIn, available);
        LOG.info("precision Auto: {} for {}, the format nearest its weights'", chosen.label(), gguf.file().getFileName());
        return chosen;
    }

    /** {@link #auto} in this JVM for {@code config}'s model, with the machine's free memory. */
    public static ComputePrecision auto(GgufFile gguf, ModelConfig config) {
        List<ParameterSpec> specs = ParameterSpec.all(config);
        return auto(gguf, () -> AutoPrecision.choose(config), GemvSelection.vectorApiAvailable(),
                p -> WeightLoader.heldBytes(specs, p), MemoryBudget.availableBytes());
    }

    /** The precision for {@code gguf}'s weights when {@code requested} was asked for. */
    public static GgufWeightPrecision choose(GgufFile gguf, ComputePrecision requested) {
        TreeSet<String> quantized = new TreeSet<>();
        for (GgufTensorInfo tensor : gguf.tensors().values()) {
            if (tensor.type().isQuantized() && tensor.dims().length == 2) {
                quantized.add(tensor.type().name());
            }
        }
        if (quantized.isEmpty()) {
            return new GgufWeightPrecision(requested, "");
        }
        String kind = FILE_TYPES.getOrDefault(gguf.metadata().integerOr("general.file_type", -1),
                String.join("+", quantized));
        ComputePrecision precision = requested == ComputePrecision.FP32 ? ComputePrecision.INT8 : requested;
        if (precision == ComputePrecision.Q4) {
            TreeSet<String> kept = new TreeSet<>(quantized);
            kept.retainAll(KEPT_IN_Q4);
            TreeSet<String> converted = new TreeSet<>(quantized);
            converted.removeAll(KEPT_IN_Q4);
            if (converted.isEmpty()) {
                return new GgufWeightPrecision(precision, kind + " weights: kept as they are in q4");
            }
            if (!kept.isEmpty()) {
                return new GgufWeightPrecision(precision, kind + " weights: " + String.join(", ", kept)
                        + " kept as they are in q4, " + String.join(", ", converted) + " converted to q4 at load");
            }
        }
        return new GgufWeightPrecision(precision, kind + " weights: converted to "
                + precision.label().toLowerCase(Locale.ROOT) + " at load");
    }
}
