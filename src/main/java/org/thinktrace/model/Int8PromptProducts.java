package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Products of many input rows (a prompt) by int8 matrices with one scale per row, as PyTorch's int8 × int8
 * matrix product with int32 sums ({@link PyTorchQuantizedOps#int8Dynamic}): each input row is quantized to int8
 * with a scale of its own for the call, the weights are read as they are held (no FP32 copy, no repacking).
 * Int8 matrices with group scales and 4-bit matrices are not handled ({@link #handles}).
 *
 * <p>Prepared once for a set of weights: the PyTorch module, loaded into a sub-manager of the weights' manager,
 * and each matrix's scales seen as a vector. {@link #close()} frees both; the weights must outlive this object.
 */
final class Int8PromptProducts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Int8PromptProducts.class);

    /**
     * The system property that chooses how prompts multiply int8 matrices: {@code widen} (the default: FP32 copies
     * of the weights' rows, PyTorch's FP32 product) or {@code int-mm} (this class). On the 2-core AMD EPYC (Zen 5)
     * of docs/benchmarks.md, {@code int-mm} prefilled 64 tokens at 0.76 x and 512 tokens at 0.46 x the widening
     * path's rate, so it is not the default; it stays selectable for processors whose int8 matrix units may change
     * that (Intel AMX), where it has not been measured.
     */
    static final String PROPERTY = "thinktrace.int8.prompts";

    /** Whether {@link #PROPERTY} asks for PyTorch's int8 product; any value other than widen or int-mm is refused. */
    static boolean chosen() {
        return KernelSwitch.isOn(PROPERTY, "widen", "int-mm", "widen", "int-mm");
    }

    private final NDManager manager;
    private final PyTorchQuantizedOps ops;
    private final Map<Int8Matrix, NDArray> rowScales = new IdentityHashMap<>();

    private Int8PromptProducts(NDManager manager, PyTorchQuantizedOps ops) {
        this.manager = manager;
        this.ops = ops;
    }

    /**
     * Loads PyTorch's kernels for {@code weights} and prepares their matrices, or returns null, logging why, when
     * this PyTorch cannot load them (prompts then take the caller's other path).
     */
    static Int8PromptProducts loadOrNull(DecoderWeights weights) {
        return loadOrNull(weights, PyTorchQuantizedOps.SPEC);
    }

    /** As above with the operations compiled from {@code spec} (tests give one that PyTorch rejects). */
    static Int8PromptProducts loadOrNull(DecoderWeights weights, TorchScriptModuleSpec spec) {
        NDManager manager = weights.manager().newSubManager();
        Int8PromptProducts products;
        try {
            products = new Int8PromptProducts(manager, PyTorchQuantizedOps.load(manager, spec));
            products.checkOnIntegerValues();
        } catch (RuntimeException e) {
            LOG.warn("PyTorch's int8 matrix product could not be loaded; int8 prompts are multiplied in FP32 after "
                    + "widening the weights instead (slower): {}", e.getMessage(), e);
            manager.close();
            return null;
        }
        weights.quantizedProjections().forEach(products::prepare);
        return products;
    }

    /**
     * Runs the product once on values it must reproduce up to float rounding (every input row reaches 127, so it is
     * quantized without rounding, scales 1, integer sums), since PyTorch compiles a method at its first call and a
     * kernel missing from this build would only fail there.
     *
     * @throws IllegalStateException when PyTorch fails or returns other values
     */
    private void checkOnIntegerValues() {
        int rows = 9;
        int in = 32;
        int out = 16;
        float[] x = new float[rows * in];
        byte[] w = new byte[out * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % in == i / in ? 127 : (i * 37 % 255) - 127;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) ((i * 53 % 255) - 127);
        }
        try (NDManager check = manager.newSubManager()) {
            float[] actual = ops.int8Dynamic(check.create(x, new Shape(rows, in)), check.create(w, new Shape(out, in)),
                    check.ones(new Shape(out))).toFloatArray();
            for (int m = 0; m < rows; m++) {
                for (int n = 0; n < out; n++) {
                    long sum = 0;
                    for (int k = 0; k < in; k++) {
                        sum += (long) x[m * in + k] * w[n * in + k];
                    }
                    if (Math.abs(actual[m * out + n] - sum) > 1e-5 * Math.abs(sum) + 1e-3) {   // the row scale is 1 ± 1 ulp
                        throw new IllegalStateException("PyTorch's int8 product gave " + actual[m * out + n]
                                + " instead of " + sum + " at row " + m + ", column " + n + " of a check product");
                    }
                }
            }
        }
    }

    /** Keeps the scales of a matrix this class handles as a vector [out] (a view of them). */
    private void prepare(QuantizedMatrix matrix) {
        if (handles(matrix) && !rowScales.containsKey(matrix)) {
            Int8Matrix int8 = (Int8Matrix) matrix;
            NDArray vector = int8.scales().reshape(int8.rows());                            // [out], a view
            vector.attach(manager);
            rowScales.put(int8, vector);
        }
    }

    /** Whether {@link #linear} multiplies by this matrix: int8 with one scale per row. */
    static boolean handles(QuantizedMatrix matrix) {
        return matrix instanceof Int8Matrix int8 && int8.groups() == 1;
    }

    /**
     * {@code x · weightᵀ + bias} for a matrix of the weights this was loaded for that {@link #handles}.
     *
     * @param x    [..., in] FP32
     * @param bias [out] or null
     * @return [..., out] FP32, attached to x's manager
     */
    NDArray linear(NDArray x, Int8Matrix matrix, NDArray bias) {
        NDArray scales = rowScales.get(matrix);                                          // [out]
        if (scales == null) {
            throw new IllegalArgumentException("this int8 matrix (" + matrix.rows() + " x " + matrix.cols()
                    + ") is not one of the weights these products were prepared for");
        }
        return ProjectionKernel.rowsLinear(x, matrix.rows(), bias,
                rows -> ops.int8Dynamic(rows, matrix.values(), scales));                 // [M, in] -> [M, out]
    }

    /** Frees the module and the scale views. */
    @Override
    public void close() {
        manager.close();
        rowScales.clear();
    }
}
