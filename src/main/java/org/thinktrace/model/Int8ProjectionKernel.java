package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import com.sun.jna.Memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * Projections of int8 weights ({@link DecoderWeights#quantized}); projections of other weights go
 * to {@link ProjectionKernel#linear}.
 *
 * <p>A single input row (decode) is multiplied in Java by {@link Int8Gemv} straight on the int8
 * bytes, so a step reads one byte per weight. With two lanes, every projection's rows are split in
 * two halves: the worker thread computes the second halves of all of a call's projections while
 * the calling thread computes the first halves (a call whose weights are small stays on the
 * calling thread). Several input rows (prefill) are multiplied by PyTorch against an FP32 copy of
 * the weight that Java writes into one reused staging buffer just before the product, so
 * PyTorch's matrix-matrix kernels use all intra-op threads and no FP32 weights stay resident.
 *
 * <p>Inference only. Close it to stop the worker thread.
 */
public final class Int8ProjectionKernel implements ProjectionKernel, AutoCloseable {

    /** Below this many weight bytes in one call, a hand-off to the worker costs more than it saves. */
    static final long DEFAULT_MIN_SPLIT_BYTES = 1L << 20;

    private final DecoderWeights weights;
    private final Int8Gemv gemv;
    private final int prefillThreads;
    private final long minSplitBytes;
    private final NDManager workerManager;
    private final PyTorchWorker worker;
    private final Map<NDArray, float[]> biases = new IdentityHashMap<>();
    /** FP32 copy of one int8 matrix at a time, for prefill products; grown on demand, freed by close. */
    private Memory staging;

    /**
     * @param weights weights with int8 matrices (not owned)
     * @param threads PyTorch intra-op threads for prefill; with two or more, decode uses two lanes
     */
    public Int8ProjectionKernel(DecoderWeights weights, int threads) {
        this(weights, threads, Int8Gemv.best(), DEFAULT_MIN_SPLIT_BYTES);
    }

    Int8ProjectionKernel(DecoderWeights weights, int threads, Int8Gemv gemv, long minSplitBytes) {
        this.weights = weights;
        this.gemv = gemv;
        this.prefillThreads = threads;
        this.minSplitBytes = minSplitBytes;
        for (LayerWeights w : weights.layers()) {
            for (NDArray bias : new NDArray[] {w.qBias(), w.kBias(), w.vBias()}) {
                if (bias != null) {
                    biases.put(bias, bias.toType(DataType.FLOAT32, false).toFloatArray());
                }
            }
        }
        this.workerManager = threads >= 2 ? weights.manager().newSubManager() : null;
        this.worker = threads >= 2 ? new PyTorchWorker("thinktrace-int8", workerManager, false) : null;
    }

    /** The matrix-vector kernel int8 decode steps run on in this JVM. */
    public static String decodeKernelName() {
        return Int8Gemv.best().name();
    }

    @Override
    public NDArray[] project(NDArray x, Projection... projections) {
        long rows = x.getShape().size() / x.getShape().tail();   // B*T
        NDArray[] out = new NDArray[projections.length];
        if (rows > 1) {
            JniUtils.setNumThreads(prefillThreads);
            for (int i = 0; i < projections.length; i++) {
                Int8Matrix matrix = weights.quantized(projections[i].weight());
                out[i] = matrix == null
                        ? ProjectionKernel.linear(x, projections[i].weight(), projections[i].bias())
                        : widenedLinear(x, matrix, projections[i].bias());
            }
            return out;
        }
        JniUtils.setNumThreads(1);
        float[] input = x.toFloatArray();                                    // [in]
        Int8Matrix[] matrices = new Int8Matrix[projections.length];
        float[][] results = new float[projections.length][];
        long bytes = 0;
        for (int i = 0; i < projections.length; i++) {
            matrices[i] = weights.quantized(projections[i].weight());
            if (matrices[i] == null) {
                out[i] = ProjectionKernel.linear(x, projections[i].weight(), projections[i].bias());
            } else {
                results[i] = new float[matrices[i].rows()];
                bytes += matrices[i].values().size();
            }
        }
        if (worker != null && bytes >= minSplitBytes) {
            Future<Void> second = worker.submit(() -> {
                multiplyHalves(matrices, input, results, false);
                return null;
            });
            multiplyHalves(matrices, input, results, true);
            worker.await(second);
        } else {
            for (int i = 0; i < matrices.length; i++) {
                if (matrices[i] != null) {
                    gemv.multiply(matrices[i], input, results[i], 0, matrices[i].rows());
                }
            }
        }
        Shape inShape = x.getShape();
        for (int i = 0; i < projections.length; i++) {
            if (matrices[i] != null) {
                addBias(results[i], projections[i].bias());
                Shape outShape = inShape.slice(0, inShape.dimension() - 1).add(matrices[i].rows());
                out[i] = x.getManager().create(results[i], outShape);        // [..., out]
            }
        }
        return out;
    }

    /** The first (or second) row half of every int8 projection. */
    private void multiplyHalves(Int8Matrix[] matrices, float[] input, float[][] results, boolean first) {
        for (int i = 0; i < matrices.length; i++) {
            if (matrices[i] != null) {
                int half = matrices[i].rows() / 2;
                gemv.multiply(matrices[i], input, results[i], first ? 0 : half, first ? half : matrices[i].rows());
            }
        }
    }

    private void addBias(float[] values, NDArray bias) {
        if (bias == null) {
            return;
        }
        float[] b = biases.computeIfAbsent(bias, key -> key.toType(DataType.FLOAT32, false).toFloatArray());
        for (int j = 0; j < values.length; j++) {
            values[j] += b[j];
        }
    }

    /**
     * {@code x · weightᵀ + bias} with the weight widened to FP32 by Java into this kernel's staging
     * memory (two lanes when there is a worker), which PyTorch reads in place.
     *
     * @param x [..., in] FP32
     * @return [..., out] FP32, attached to x's manager
     */
    private NDArray widenedLinear(NDArray x, Int8Matrix matrix, NDArray bias) {
        long bytes = (long) matrix.rows() * matrix.cols() * Float.BYTES;
        if (staging == null || staging.size() < bytes) {
            if (staging != null) {
                staging.close();
            }
            staging = new Memory(bytes);
        }
        ByteBuffer target = staging.getByteBuffer(0, bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (worker != null) {
            int half = matrix.rows() / 2;
            Future<Void> second = worker.submit(() -> {
                gemv.dequantize(matrix, target, half, matrix.rows());
                return null;
            });
            gemv.dequantize(matrix, target, 0, half);
            worker.await(second);
        } else {
            gemv.dequantize(matrix, target, 0, matrix.rows());
        }
        try (NDManager scratch = x.getManager().newSubManager()) {
            NDArray weight = scratch.create(target, new Shape(matrix.rows(), matrix.cols()), DataType.FLOAT32); // [out, in] view
            return Linear.linear(x, weight, bias).singletonOrThrow();                 // [..., out], x's manager
        }
    }

    /**
     * {@code (x · qᵀ) × scales + bias} with q widened to FP32 by PyTorch for this product only
     * (measured against {@link #widenedLinear}: several times slower).
     *
     * @param x [..., in] FP32
     * @return [..., out] FP32, attached to x's manager
     */
    static NDArray dequantizedLinear(NDArray x, Int8Matrix matrix, NDArray bias) {
        try (NDManager scratch = x.getManager().newSubManager()) {
            NDArray wide = matrix.values().toType(DataType.FLOAT32, false);           // [out, in] FP32
            wide.attach(scratch);
            NDArray product;
            if (matrix.groups() == 1) {
                NDArray rowScales = matrix.scales().reshape(matrix.rows());             // [out]
                rowScales.attach(scratch);
                NDArray unscaled = Linear.linear(x, wide, null).singletonOrThrow();     // [..., out]
                unscaled.attach(scratch);
                product = unscaled.mul(rowScales);                                      // [..., out]
            } else {
                NDArray groupScales = matrix.scales().expandDims(2);                    // [out, groups, 1]
                groupScales.attach(scratch);
                NDArray weight = wide.reshape(matrix.rows(), matrix.groups(), matrix.groupSize())
                        .mul(groupScales).reshape(matrix.rows(), matrix.cols());        // [out, in]
                product = Linear.linear(x, weight, null).singletonOrThrow();            // [..., out]
            }
            product.attach(x.getManager());
            if (bias != null) {
                product = product.add(bias);                                           // [..., out]
            }
            return product;
        }
    }

    /** Stops the worker thread and frees the staging memory. */
    @Override
    public void close() {
        if (staging != null) {
            staging.close();
            staging = null;
        }
        if (worker != null) {
            worker.close();
            workerManager.close();
        }
    }
}
