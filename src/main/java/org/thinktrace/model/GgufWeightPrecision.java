package org.thinktrace.model;

import java.util.Map;
import java.util.TreeSet;

/**
 * The precision a GGUF file's weights are held in once loaded, and the sentence that tells the user.
 *
 * <p>A file whose matrices are all F32, F16 or BF16 loads in the precision asked for, like a safetensors
 * checkpoint. A file with quantized matrices (Q8_0, Q4_0, Q4_K, Q6_K) is converted at load, block of rows by
 * block, to int8 with one FP32 scale per output row ({@link ComputePrecision#INT8}) when FP32 (the default) was
 * asked for, else to the smaller precision asked for (FP16, INT8, …); no FP32 copy of the model is ever held
 * (Q4_0 matrices in {@link ComputePrecision#Q4} are its own layout, kept as they are). Q8_0's groups of 32 with FP16 scales re-quantize to per-row
 * int8 with a small error; 4-bit values fit int8 exactly up to the per-row rescaling.
 *
 * @param precision the precision to load in
 * @param note      what happened to the file's weights, e.g. "Q4_K_M weights: converted to int8 at load";
 *                  empty when they load as stored
 */
public record GgufWeightPrecision(ComputePrecision precision, String note) {

    /** llama.cpp's {@code general.file_type} values ({@code llama_ftype}) for the types ThinkTrace reads. */
    private static final Map<Long, String> FILE_TYPES = Map.of(
            0L, "F32", 1L, "F16", 2L, "Q4_0", 7L, "Q8_0", 14L, "Q4_K_S", 15L, "Q4_K_M", 18L, "Q6_K", 32L, "BF16");

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
        if (precision == ComputePrecision.Q4 && quantized.equals(new TreeSet<>(java.util.Set.of("Q4_0")))) {
            return new GgufWeightPrecision(precision, kind + " weights: kept as they are in q4 (the same layout)");
        }
        return new GgufWeightPrecision(precision, kind + " weights: converted to "
                + precision.label().toLowerCase(java.util.Locale.ROOT) + " at load");
    }
}
