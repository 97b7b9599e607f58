package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.IValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Products of any number of input rows (a decode step, a batched step, a prompt) by int8 matrices with one scale per
 * row, by fbgemm ({@link PyTorchQuantizedOps#fbgemmLinear}: {@code quantized::linear_dynamic}): each call quantizes
 * its input to 8 bits with one scale and zero point for the whole tensor and multiplies int8 by int8 with int32 sums,
 * on PyTorch's intra-op threads. Int8 matrices with group scales and 4-bit matrices are not handled
 * ({@link #handles}).
 *
 * <p>Each matrix is packed once, when this object is made, into fbgemm's own layout (a copy as large as the int8
 * values). With {@code release}, the app's int8 values of a matrix are freed as soon as its packed copy exists, one
 * matrix at a time, so the weights never sit in memory twice; those matrices can then be multiplied only through
 * this object (their {@link QuantizedMatrix#multiply} and {@link QuantizedMatrix#dequantize} must not be called).
 * The packed copies and the module live in a sub-manager of the weights' manager and are freed by {@link #close()};
 * the weights must outlive this object.
 *
 * <p>{@code reduce_range} (inputs quantized to 7 bits instead of 8) is on unless the processor has VNNI
 * ({@code avx512_vnni} or {@code avx_vnni} among the {@code /proc/cpuinfo} flags): without VNNI, fbgemm multiplies
 * with {@code vpmaddubsw}, which adds two adjacent unsigned-8-bit × signed-8-bit products into a signed 16-bit lane
 * and saturates there (255 × 127 × 2 exceeds 32767), so full-range inputs could clip; VNNI's {@code vpdpbusd} sums
 * into 32 bits and cannot.
 */
final class FbgemmInt8Products implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FbgemmInt8Products.class);

    /**
     * The system property that chooses the kernel of int8 matrices with one scale per row: {@code java} (the
     * default: the Vector API GEMV on the app's int8 bytes for up to {@link QuantizedProjectionKernel#MAX_GEMV_ROWS}
     * rows, prompts widened into FP32) or {@code fbgemm} (this class, for every number of rows). Side by side on idle
     * machines fbgemm decoded one sequence no faster, loaded in two to three times the time and matched FP32's
     * greedy tokens in 395 of 400 responses against 400; it ran prompts faster on the AMD EPYC and the Intel Xeon
     * and eight sequences faster only on the Intel Xeon (docs/benchmarks.md, "INT8 weights" and "The kernels on
     * the Intel Xeon").
     */
    static final String PROPERTY = "thinktrace.int8.kernel";

    /** Whether {@link #PROPERTY} asks for fbgemm; any value other than fbgemm or java is refused. */
    static boolean chosen() {
        return KernelSwitch.isOn(PROPERTY, "java", "fbgemm", "fbgemm", "java");
    }

    private final NDManager manager;
    private final PyTorchQuantizedOps ops;
    private final boolean reduceRange;
    private final Map<Int8Matrix, IValue> packed = new IdentityHashMap<>();

    private FbgemmInt8Products(NDManager manager, PyTorchQuantizedOps ops, boolean reduceRange) {
        this.manager = manager;
        this.ops = ops;
        this.reduceRange = reduceRange;
    }

    /**
     * Loads fbgemm's kernels and packs every matrix of {@code weights} that this class {@link #handles}, or returns
     * null, logging why, when this PyTorch cannot load or run them (the caller then multiplies on the app's bytes).
     *
     * @param release free each packed matrix's int8 values (see the class comment)
     */
    static FbgemmInt8Products loadOrNull(DecoderWeights weights, boolean release) {
        return loadOrNull(weights, release, PyTorchQuantizedOps.SPEC);
    }

    /** As above with the operations compiled from {@code spec} (tests give one that PyTorch rejects). */
    static FbgemmInt8Products loadOrNull(DecoderWeights weights, boolean release, TorchScriptModuleSpec spec) {
        NDManager manager = weights.manager().newSubManager();
        FbgemmInt8Products products;
        try {
            products = new FbgemmInt8Products(manager, PyTorchQuantizedOps.load(manager, spec), !hasVnni());
            products.checkAgainstNaiveProduct();
        } catch (RuntimeException e) {
            LOG.warn("fbgemm's int8 kernels could not be loaded; int8 matrices are multiplied by the Java kernels "
                    + "instead (slower): {}", e.getMessage(), e);
            manager.close();
            return null;
        }
        long start = System.nanoTime();
        for (QuantizedMatrix matrix : weights.quantizedProjections()) {
            products.pack(matrix, release);
        }
        LOG.info("fbgemm packed {} int8 matrices in {} s{}", products.packed.size(),
                String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9),
                release ? ", freeing the app's int8 values of each" : "");
        return products;
    }

    /**
     * Runs a small product once against a naive one, since PyTorch compiles a method at its first call and a kernel
     * missing from this build would only fail there. The input's 8-bit (or 7-bit) quantization over its range
     * {@code [-64, 127]} moves each input by at most half a step, which bounds each result's error by half a step
     * times the row's sum of |weights|.
     *
     * @throws IllegalStateException when PyTorch fails or a result is outside that bound
     */
    private void checkAgainstNaiveProduct() {
        int rows = 3;
        int in = 64;
        int out = 16;
        float[] x = new float[rows * in];
        byte[] w = new byte[out * in];
        float[] scales = new float[out];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 37 % 192) - 64 + 0.25f * (i % 4);
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) ((i * 53 % 255) - 127);
        }
        for (int n = 0; n < out; n++) {
            scales[n] = 0.01f * (n + 1);
        }
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double halfStep = (max - min) / (reduceRange ? 127.0 : 255.0) / 2;
        try (NDManager check = manager.newSubManager();
             IValue weights = ops.packFbgemm(check.create(w, new Shape(out, in)), check.create(scales))) {
            float[] actual = ops.fbgemmLinear(check.create(x, new Shape(rows, in)), weights, reduceRange).toFloatArray();
            for (int m = 0; m < rows; m++) {
                for (int n = 0; n < out; n++) {
                    double sum = 0;
                    double absWeights = 0;
                    for (int k = 0; k < in; k++) {
                        sum += (double) x[m * in + k] * w[n * in + k] * scales[n];
                        absWeights += Math.abs(w[n * in + k] * scales[n]);
                    }
                    double bound = halfStep * absWeights * 1.01 + 1e-3 * Math.abs(sum) + 1e-3;
                    if (!(Math.abs(actual[m * out + n] - sum) <= bound)) {
                        throw new IllegalStateException("fbgemm's int8 product gave " + actual[m * out + n]
                                + " instead of " + sum + " (within " + bound + ") at row " + m + ", column " + n
                                + " of a check product");
                    }
                }
            }
        }
    }

    /** Packs a matrix this class handles (once), then, with {@code release}, frees its int8 values. */
    private void pack(QuantizedMatrix matrix, boolean release) {
        if (!handles(matrix) || packed.containsKey(matrix)) {
            return;
        }
        Int8Matrix int8 = (Int8Matrix) matrix;
        try (NDManager scratch = manager.newSubManager()) {
            NDArray rowScales = int8.scales().reshape(int8.rows());                        // [out], a view
            rowScales.attach(scratch);
            packed.put(int8, ops.packFbgemm(int8.values(), rowScales));
        }
        if (release) {
            int8.values().close();
        }
    }

    /** Whether {@link #linear} multiplies by this matrix: int8 with one scale per row. */
    static boolean handles(QuantizedMatrix matrix) {
        return matrix instanceof Int8Matrix int8 && int8.groups() == 1;
    }

    /**
     * {@code x · weightᵀ + bias} for a matrix of the weights this was loaded for that {@link #handles}, on the
     * calling thread's PyTorch intra-op threads.
     *
     * @param x    [..., in] FP32
     * @param bias [out] or null
     * @return [..., out] FP32, attached to x's manager
     */
    NDArray linear(NDArray x, Int8Matrix matrix, NDArray bias) {
        IValue weights = packed.get(matrix);
        if (weights == null) {
            throw new IllegalArgumentException("this int8 matrix (" + matrix.rows() + " x " + matrix.cols()
                    + ") is not one of the weights fbgemm packed");
        }
        return ProjectionKernel.rowsLinear(x, matrix.rows(), bias,
                rows -> ops.fbgemmLinear(rows, weights, reduceRange));                    // [M, in] -> [M, out]
    }

    /** The kernel's name for {@code bench}. */
    static String name() {
        return "fbgemm quantized::linear_dynamic, inputs quantized per call to " + (hasVnni() ? 8 : 7) + " bits";
    }

    /** Whether the processor multiplies 8-bit values with VNNI (its {@code /proc/cpuinfo} flags say so). */
    static boolean hasVnni() {
        return CpuInfo.current().hasVnni();
    }

    /** Frees the packed weights and the module. */
    @Override
    public void close() {
        packed.values().forEach(IValue::close);
        packed.clear();
        manager.close();
    }
}
