package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.IValue;

import java.util.List;

/**
 * PyTorch's quantized CPU matrix products, which DJL has no call for, reached through a generated
 * {@link TorchScriptModule}:
 * <ul>
 *   <li>{@link #int8WeightOnly}: {@code aten::_weight_int8pack_mm}, FP32 activations times int8 weights with one
 *       scale per output row;</li>
 *   <li>{@link #int8Dynamic}: {@code aten::_int_mm}, int8 × int8 with int32 sums, the activations quantized per
 *       row for the call;</li>
 *   <li>{@link #packInt4} and {@link #int4WeightOnly}: {@code aten::_convert_weight_to_int4pack_for_cpu} and
 *       {@code aten::_weight_int4pack_mm_for_cpu}, 4-bit weights in groups of {@value #INT4_GROUP} along the
 *       input dimension, {@code w = (q - 8) × scale + zero};</li>
 *   <li>{@link #packFbgemm} and {@link #fbgemmLinear}: {@code quantized::linear_prepack} and
 *       {@code quantized::linear_dynamic} (fbgemm): the activations quantized per call to 8 bits (one scale per
 *       tensor), int8 × int8 products with int32 sums.</li>
 *   <li>{@link #packFp16} and {@link #fp16Linear}: {@code quantized::linear_prepack_fp16} and
 *       {@code quantized::linear_dynamic_fp16} (fbgemm): FP16 weights packed once into fbgemm's blocked layout, FP32
 *       activations, FP32 sums.</li>
 * </ul>
 * Shapes follow PyTorch's {@code linear}: x [M, K] FP32 contiguous, weights [N, K] (out × in), results [M, N]
 * FP32 attached to x's manager.
 */
public final class PyTorchQuantizedOps implements AutoCloseable {

    /** Input values per scale and zero of the 4-bit kernel. */
    public static final int INT4_GROUP = 32;
    /** K-tiles per packed 4-bit block row, as {@code _convert_weight_to_int4pack_for_cpu} takes it. */
    static final int INT4_INNER_K_TILES = 2;

    private static final String PACKED = "__torch__.torch.classes.quantized.LinearPackedParamsBase";
    private static final int INT8 = 1;
    private static final int INT64 = 4;
    private static final int FLOAT32 = 6;
    private static final int FLOAT64 = 7;

    static final TorchScriptModuleSpec SPEC = new TorchScriptModuleSpec("QuantizedOps", List.of(
            """
            def int8_mm(self, x: Tensor, w: Tensor, scales: Tensor) -> Tensor:
              return torch._weight_int8pack_mm(x, w, scales)
            """,
            """
            def int8_dynamic(self, x: Tensor, w: Tensor, scales: Tensor) -> Tensor:
              x_scales = torch.mul(torch.clamp_min(torch.amax(torch.abs(x), [1], True), %1$s), %2$s)
              xq = torch.to(torch.round(torch.mul(x, torch.reciprocal(x_scales))), %3$d)
              sums = torch._int_mm(xq, torch.t(w))
              return torch.mul(torch.mul(torch.to(sums, %4$d), x_scales), scales)
            """.formatted(Double.toString(Float.MIN_NORMAL), Double.toString(1.0 / 127), INT8, FLOAT32),
            """
            def int4_pack(self, w: Tensor) -> Tensor:
              return torch._convert_weight_to_int4pack_for_cpu(w, %d)
            """.formatted(INT4_INNER_K_TILES),
            """
            def int4_mm(self, x: Tensor, packed: Tensor, scales_and_zeros: Tensor) -> Tensor:
              return torch._weight_int4pack_mm_for_cpu(x, packed, %d, scales_and_zeros)
            """.formatted(INT4_GROUP),
            """
            def fbgemm_pack(self, w: Tensor, scales: Tensor) -> %1$s:
              zeros = torch.zeros([torch.size(scales, 0)], dtype=%2$d)
              q = torch._make_per_channel_quantized_tensor(w, torch.to(scales, %3$d), zeros, 0)
              return ops.quantized.linear_prepack(q, None)
            """.formatted(PACKED, INT64, FLOAT64),
            """
            def fbgemm_mm(self, x: Tensor, packed: %s, reduce_range: bool) -> Tensor:
              return ops.quantized.linear_dynamic(x, packed, reduce_range)
            """.formatted(PACKED),
            """
            def fp16_pack(self, w: Tensor) -> %s:
              return ops.quantized.linear_prepack_fp16(torch.to(w, %d), None)
            """.formatted(PACKED, FLOAT32),
            """
            def fp16_pack_with_bias(self, w: Tensor, b: Tensor) -> %s:
              return ops.quantized.linear_prepack_fp16(torch.to(w, %d), torch.to(b, %d))
            """.formatted(PACKED, FLOAT32, FLOAT32),
            """
            def fp16_mm(self, x: Tensor, packed: %s) -> Tensor:
              return ops.quantized.linear_dynamic_fp16(x, packed)
            """.formatted(PACKED)));

    private final TorchScriptModule module;

    private PyTorchQuantizedOps(TorchScriptModule module) {
        this.module = module;
    }

    /**
     * Compiles the operations' module.
     *
     * @param owner owns the module's native memory
     * @throws IllegalStateException when this PyTorch cannot load or compile it (the message says why)
     */
    public static PyTorchQuantizedOps load(NDManager owner) {
        return load(owner, SPEC);
    }

    /** As above from another spec with the same methods (tests give one that PyTorch rejects). */
    static PyTorchQuantizedOps load(NDManager owner, TorchScriptModuleSpec spec) {
        return new PyTorchQuantizedOps(TorchScriptModule.load(spec, owner));
    }

    /**
     * {@code x · (w × scales)ᵀ}.
     *
     * @param w      [N, K] INT8
     * @param scales [N] FP32, one per output row
     */
    public NDArray int8WeightOnly(NDArray x, NDArray w, NDArray scales) {
        return module.call("int8_mm", x, w, scales);
    }

    /**
     * {@code x · (w × scales)ᵀ} as int8 × int8 products with int32 sums ({@code aten::_int_mm}): each row of x is
     * quantized for the call to int8 with a scale of its own, {@code max|x[m]| / 127}, and the sums scaled back by
     * that row's and the output row's scales. No copy of the weights is made.
     *
     * @param x      [M, K] FP32
     * @param w      [N, K] INT8
     * @param scales [N] FP32, one per output row
     */
    public NDArray int8Dynamic(NDArray x, NDArray w, NDArray scales) {
        return module.call("int8_dynamic", x, w, scales);
    }

    /**
     * The packed form of 4-bit values for {@link #int4WeightOnly}.
     *
     * @param values [N, K] INT32 in 0..15; N a multiple of 16
     * @return [N, K / 2] UINT8, attached to values' manager
     */
    public NDArray packInt4(NDArray values) {
        return module.call("int4_pack", values);
    }

    /**
     * {@code x · wᵀ} with {@code w[n][k] = (q[n][k] - 8) × scale[k / 32][n] + zero[k / 32][n]}.
     *
     * @param packed         {@link #packInt4} of q
     * @param scalesAndZeros [K / 32, N, 2] FP32: scale, then zero
     */
    public NDArray int4WeightOnly(NDArray x, NDArray packed, NDArray scalesAndZeros) {
        return module.call("int4_mm", x, packed, scalesAndZeros);
    }

    /**
     * fbgemm's packed form of int8 weights with one scale per output row (zero points 0).
     *
     * @param w      [N, K] INT8
     * @param scales [N] FP32
     * @return the packed weights (a TorchScript object); the caller closes it
     */
    public IValue packFbgemm(NDArray w, NDArray scales) {
        try (IValue values = IValue.from((PtNDArray) w); IValue rowScales = IValue.from((PtNDArray) scales)) {
            return module.invoke("fbgemm_pack", values, rowScales);
        }
    }

    /**
     * {@code x · wᵀ} by fbgemm, x quantized for the call to 8 bits (7 with {@code reduceRange}) with one scale for the
     * whole tensor.
     *
     * @param packed      from {@link #packFbgemm}
     * @param reduceRange quantize x to 7 bits, as processors without VNNI need: their 8-bit multiply-add
     *                    ({@code vpmaddubsw}) saturates pairs of 8-bit products at 16 bits
     */
    public NDArray fbgemmLinear(NDArray x, IValue packed, boolean reduceRange) {
        try (IValue input = IValue.from((PtNDArray) x); IValue reduce = IValue.from(reduceRange);
             IValue result = module.invoke("fbgemm_mm", input, packed, reduce)) {
            return result.toTensor((PtNDManager) x.getManager());
        }
    }

    /**
     * fbgemm's packed FP16 form of a weight and its bias for {@link #fp16Linear}. The weight's values are rounded to
     * FP16 (saturating at ±65504), so FP16 weights are packed exactly; an FP32 copy of the weight lives for the call.
     *
     * @param w    [N, K] FP16 or FP32
     * @param bias [N] of any float type, or null
     * @return the packed weights (a TorchScript object, about 2 × N × K bytes of native memory); the caller closes it
     */
    public IValue packFp16(NDArray w, NDArray bias) {
        try (IValue values = IValue.from((PtNDArray) w)) {
            if (bias == null) {
                return module.invoke("fp16_pack", values);
            }
            try (IValue b = IValue.from((PtNDArray) bias)) {
                return module.invoke("fp16_pack_with_bias", values, b);
            }
        }
    }

    /**
     * {@code x · wᵀ + bias} by fbgemm's FP16-weight kernel: FP32 activations, FP16 weights widened in registers, FP32
     * sums; its rows spread over the calling thread's PyTorch intra-op threads.
     *
     * @param x      [M, K] FP32 (M ≥ 1)
     * @param packed from {@link #packFp16}
     * @return [M, N] FP32, attached to x's manager
     */
    public NDArray fp16Linear(NDArray x, IValue packed) {
        try (IValue input = IValue.from((PtNDArray) x); IValue result = module.invoke("fp16_mm", input, packed)) {
            return result.toTensor((PtNDManager) x.getManager());
        }
    }

    /** Frees the module. */
    @Override
    public void close() {
        module.close();
    }
}
