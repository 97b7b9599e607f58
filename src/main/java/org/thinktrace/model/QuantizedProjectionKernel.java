package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Projections of quantized weights ({@link DecoderWeights#quantized}: int8 or 4-bit); projections
 * of other weights go to {@link ProjectionKernel#linear}.
 *
 * <p>A single input row (decode) is multiplied in Java by the format's {@link QuantizedGemv}
 * straight on the quantized bytes, so a step reads one byte per weight in int8 and 4.5 bits in
 * 4-bit; so are a few rows at once (up to {@link #MAX_GEMV_ROWS}: a batched decode step), every row against a
 * chunk of weights while it is in cache. With two lanes, a call's rows are cut into chunks of
 * about {@link #CHUNK_BYTES} that the calling thread and one worker thread take in turn from a
 * shared counter, so that a lane the scheduler holds back does not hold up the other (a call whose
 * weights are small stays on the calling thread). More input rows (prefill) are multiplied by PyTorch: when
 * {@link Int8PromptProducts#PROPERTY} asks for it, by int8 matrices with one scale per row through its int8 × int8
 * product ({@link Int8PromptProducts}: the rows quantized to int8 per call, no copy of the weights); by default, and
 * for other quantized matrices, against FP32 copies of the weight's rows that Java writes, a slab at a time, into reused staging memory of bounded size ({@link StagingTensors}) just before
 * each product, so PyTorch's matrix-matrix kernels use all intra-op threads and no FP32 weights stay resident.
 *
 * <p>For inference ({@link #QuantizedProjectionKernel(DecoderWeights, int)}) int8 matrices with one scale per row
 * skip all of the above when {@link FbgemmInt8Products#PROPERTY} says {@code fbgemm}: every product with them, of
 * any number of rows, then goes to fbgemm ({@link FbgemmInt8Products}), whose packed copies replace their int8 bytes.
 *
 * <p>Inference only. Close it to stop the worker thread.
 */
public final class QuantizedProjectionKernel implements ProjectionKernel, LaneSharing, AutoCloseable {

    /** Below this many weight bytes in one call, a hand-off to the worker costs more than it saves. */
    static final long DEFAULT_MIN_SPLIT_BYTES = 1L << 20;

    private final DecoderWeights weights;
    private final int prefillThreads;
    private final long minSplitBytes;
    private final int chunkBytes;
    private final NDManager workerManager;
    private final PyTorchWorker worker;
    private final Map<NDArray, float[]> biases = new IdentityHashMap<>();
    /** The FP32 tensors into which prefill widens one quantized matrix at a time. */
    private final StagingTensors staging;
    /** Prefill of int8 matrices with one scale per row by PyTorch's int8 product; null: widening for all. */
    private final Int8PromptProducts int8Prompts;
    /** Every product of int8 matrices with one scale per row, by fbgemm; null: the Java kernels and {@link #int8Prompts}. */
    private final FbgemmInt8Products fbgemm;

    /**
     * The kernel for inference: int8 matrices with one scale per row go to fbgemm when
     * {@link FbgemmInt8Products#PROPERTY} says {@code fbgemm} (and fbgemm can be loaded); fbgemm's packed copies
     * then replace their int8 values, which are freed, so the weights must from then on be multiplied only through
     * this kernel.
     *
     * @param weights weights with quantized matrices (not owned)
     * @param threads PyTorch intra-op threads for prefill (and every fbgemm product); with two or more, the Java
     *                kernels' decode uses two lanes
     */
    public QuantizedProjectionKernel(DecoderWeights weights, int threads) {
        this(weights, threads, DEFAULT_MIN_SPLIT_BYTES, CHUNK_BYTES, StagingTensors.DEFAULT_SLAB_BYTES,
                Int8PromptProducts.chosen(), FbgemmInt8Products.chosen() ? Fbgemm.RELEASING : Fbgemm.OFF);
    }

    /** Whether int8 matrices with one scale per row go to fbgemm, and whether their int8 values are freed then. */
    enum Fbgemm { OFF, KEEPING, RELEASING }

    /** As above, splitting calls of at least {@code minSplitBytes} into chunks of about {@code chunkBytes}. */
    QuantizedProjectionKernel(DecoderWeights weights, int threads, long minSplitBytes, int chunkBytes) {
        this(weights, threads, minSplitBytes, chunkBytes, StagingTensors.DEFAULT_SLAB_BYTES,
                Int8PromptProducts.chosen());
    }

    /** As above, widening a prompt's weights in slabs of at most {@code slabBytes} of FP32. */
    QuantizedProjectionKernel(DecoderWeights weights, int threads, long minSplitBytes, int chunkBytes, long slabBytes) {
        this(weights, threads, minSplitBytes, chunkBytes, slabBytes, Int8PromptProducts.chosen());
    }

    /**
     * As above; with
     * {@code int8Products} false, prefill widens int8 matrices into FP32 as it does 4-bit ones.
     */
    QuantizedProjectionKernel(DecoderWeights weights, int threads, long minSplitBytes, int chunkBytes,
                              boolean int8Products) {
        this(weights, threads, minSplitBytes, chunkBytes, StagingTensors.DEFAULT_SLAB_BYTES, int8Products);
    }

    /** As below, without fbgemm. */
    QuantizedProjectionKernel(DecoderWeights weights, int threads, long minSplitBytes, int chunkBytes, long slabBytes,
                              boolean int8Products) {
        this(weights, threads, minSplitBytes, chunkBytes, slabBytes, int8Products, Fbgemm.OFF);
    }

    /**
     * The full form: slabs of at most {@code slabBytes} of FP32, int8 prompts by PyTorch's int8 product or widened,
     * unless {@code fbgemm} sends int8 matrices with one scale per row to fbgemm for every number of rows.
     */
    QuantizedProjectionKernel(DecoderWeights weights, int threads, long minSplitBytes, int chunkBytes, long slabBytes,
                              boolean int8Products, Fbgemm fbgemm) {
        this.weights = weights;
        this.chunkBytes = chunkBytes;
        this.prefillThreads = threads;
        this.minSplitBytes = minSplitBytes;
        for (LayerWeights w : weights.layers()) {
            for (NDArray bias : new NDArray[] {w.qBias(), w.kBias(), w.vBias()}) {
                if (bias != null) {
                    biases.put(bias, bias.toType(DataType.FLOAT32, false).toFloatArray());
                }
            }
        }
        this.staging = new StagingTensors(weights.manager(), slabBytes);
        boolean rowScaled = hasRowScaledInt8(weights);
        this.fbgemm = fbgemm != Fbgemm.OFF && rowScaled
                ? FbgemmInt8Products.loadOrNull(weights, fbgemm == Fbgemm.RELEASING) : null;
        this.int8Prompts = this.fbgemm == null && int8Products && rowScaled ? Int8PromptProducts.loadOrNull(weights) : null;
        this.workerManager = threads >= 2 ? weights.manager().newSubManager() : null;
        this.worker = threads >= 2 ? new PyTorchWorker("thinktrace-quantized", workerManager, false) : null;
    }

    /**
     * The matrix-vector kernel that decode steps in {@code precision} (INT8 or Q4) run on in this JVM (for INT8, the
     * one {@link FbgemmInt8Products#PROPERTY} chooses; a fallback from fbgemm to Java is logged when it happens; for Q4,
     * noting that a step's input is rounded to 8 bits), and whether a single sequence's steps run in Java
     * ({@link JavaDecodeStep}).
     *
     * @throws IllegalArgumentException when {@code precision} is not quantized
     */
    public static String decodeKernelName(ComputePrecision precision) {
        return switch (precision) {
            case INT8 -> FbgemmInt8Products.chosen() ? FbgemmInt8Products.name() : Int8Gemv.best().name() + javaSteps();
            case Q4 -> Q4Gemv.best().name() + ", inputs rounded to 8 bits" + javaSteps();
            default -> throw new IllegalArgumentException(precision + " is not a quantized precision");
        };
    }

    private static String javaSteps() {
        return JavaDecodeStep.enabled() ? "; decode steps in Java (" + DecodeArithmetic.best().name() + ")" : "";
    }

    @Override
    public NDArray[] project(NDArray x, Projection... projections) {
        if (fbgemm == null) {
            return projectHere(x, projections);
        }
        NDArray[] out = new NDArray[projections.length];
        List<Projection> others = new ArrayList<>();
        for (int i = 0; i < projections.length; i++) {
            QuantizedMatrix matrix = weights.quantized(projections[i].weight());
            if (FbgemmInt8Products.handles(matrix)) {
                JniUtils.setNumThreads(prefillThreads);
                out[i] = fbgemm.linear(x, (Int8Matrix) matrix, projections[i].bias());
            } else {
                others.add(projections[i]);
            }
        }
        if (!others.isEmpty()) {
            NDArray[] rest = projectHere(x, others.toArray(Projection[]::new));
            for (int i = 0, r = 0; i < out.length; i++) {
                if (out[i] == null) {
                    out[i] = rest[r++];
                }
            }
        }
        return out;
    }

    /** The projections on the Java kernels (a few rows) or PyTorch's products (a prompt), without fbgemm. */
    private NDArray[] projectHere(NDArray x, Projection... projections) {
        long rows = x.getShape().size() / x.getShape().tail();   // B*T
        if (rows <= MAX_GEMV_ROWS) {
            JniUtils.setNumThreads(1);
            return multiplyRows(x, (int) rows, projections);
        }
        JniUtils.setNumThreads(prefillThreads);
        NDArray[] out = new NDArray[projections.length];
        for (int i = 0; i < projections.length; i++) {
            QuantizedMatrix matrix = weights.quantized(projections[i].weight());
            if (matrix == null) {
                out[i] = ProjectionKernel.linear(x, projections[i].weight(), projections[i].bias());
            } else if (int8Prompts != null && Int8PromptProducts.handles(matrix)) {
                out[i] = int8Prompts.linear(x, (Int8Matrix) matrix, projections[i].bias());
            } else {
                out[i] = widenedLinear(x, matrix, projections[i].bias());
            }
        }
        return out;
    }

    /**
     * Inputs of at most this many rows (the branches of a batched decode step, short continuations) are multiplied
     * on the quantized bytes, one chunk of weight rows at a time for every input row while the chunk is in cache,
     * so the weights are read from memory about once; more rows (a prompt) go to PyTorch's matrix products.
     */
    static final int MAX_GEMV_ROWS = 8;

    /**
     * The projections of a few input rows on the quantized bytes ({@link #products}), biases added in Java.
     *
     * @param x [..., in] with {@code count} rows in all
     * @return one [..., out] per projection, attached to x's manager
     */
    private NDArray[] multiplyRows(NDArray x, int count, Projection... projections) {
        float[] flat = x.toFloatArray();                                     // [count * in]
        int in = Math.toIntExact(x.getShape().tail());
        float[][] inputs = new float[count][];
        for (int b = 0; b < count; b++) {
            inputs[b] = Arrays.copyOfRange(flat, b * in, (b + 1) * in); // [in]
        }
        NDArray[] out = new NDArray[projections.length];
        QuantizedMatrix[] matrices = new QuantizedMatrix[projections.length];
        for (int i = 0; i < projections.length; i++) {
            matrices[i] = weights.quantized(projections[i].weight());
            if (matrices[i] == null) {
                out[i] = ProjectionKernel.linear(x, projections[i].weight(), projections[i].bias());
            }
        }
        float[][][] results = products(inputs, matrices);
        Shape inShape = x.getShape();
        for (int i = 0; i < projections.length; i++) {
            if (matrices[i] != null) {
                int outRows = matrices[i].rows();
                float[] joined = new float[count * outRows];                 // [count * out]
                for (int b = 0; b < count; b++) {
                    addBias(results[i][b], projections[i].bias());
                    System.arraycopy(results[i][b], 0, joined, b * outRows, outRows);
                }
                Shape outShape = inShape.slice(0, inShape.dimension() - 1).add(outRows);
                out[i] = x.getManager().create(joined, outShape);           // [..., out]
            }
        }
        return out;
    }

    /**
     * {@code x · weightᵀ + bias} of each input row for each projection on the Java kernels, as {@link #project}
     * computes them for up to {@link #MAX_GEMV_ROWS} rows (a single row meets 4-bit matrices rounded to 8 bits; several rows meet each chunk
     * of weights together), with no PyTorch call: for decode steps that keep their activations in Java
     * ({@link JavaDecodeStep}).
     *
     * @param x one or more rows (a step's branches: every chunk of weights meets each of them while it is in cache),
     *          each [cols] of every projection's weight, each of which must be quantized
     * @return per projection, in order, one [rows] per input row
     * @throws IllegalStateException when a matrix goes to fbgemm here ({@link #multipliesEveryMatrixInJava})
     */
    float[][][] multiply(float[][] x, Projection... projections) {
        if (!multipliesEveryMatrixInJava()) {
            throw new IllegalStateException("int8 matrices go to fbgemm in this kernel, not to the Java kernels");
        }
        QuantizedMatrix[] matrices = new QuantizedMatrix[projections.length];
        for (int i = 0; i < projections.length; i++) {
            matrices[i] = weights.quantized(projections[i].weight());
        }
        float[][][] results = products(x, matrices);
        for (int i = 0; i < projections.length; i++) {
            for (float[] row : results[i]) {
                addBias(row, projections[i].bias());
            }
        }
        return results;
    }

    /**
     * Runs {@code work} for tasks {@code 0 .. count-1}, each exactly once, on the calling thread and, when this kernel
     * has two lanes, the worker too (as the chunks of a product), returning when all are done: for a decode step's
     * other work that splits into independent tasks ({@link JavaDecodeStep}'s attention, one task per kv head).
     */
    @Override
    public void inLanes(int count, IntConsumer work) {
        if (worker != null) {
            worker.shareTasks(count, work);
        } else {
            for (int t = 0; t < count; t++) {
                work.accept(t);
            }
        }
    }

    /** Whether every quantized matrix is multiplied by the Java kernels (none by fbgemm), so {@link #multiply} runs. */
    boolean multipliesEveryMatrixInJava() {
        return fbgemm == null;
    }

    /**
     * {@code inputs} times each non-null matrix: each chunk of weight rows (about {@link #CHUNK_BYTES}) is multiplied
     * with every input row before the next chunk, shared with the worker. A single row meets 4-bit weights rounded to
     * 8 bits per group of 32 ({@link Q8Input}, once for all of them), as llama.cpp multiplies them; several rows
     * multiply in float.
     *
     * @return per matrix, one [rows] per input (null for a null matrix)
     */
    private float[][][] products(float[][] inputs, QuantizedMatrix[] matrices) {
        int count = inputs.length;
        float[][][] results = new float[matrices.length][][];
        List<RowChunk> chunks = new ArrayList<>();
        long bytes = 0;
        boolean fourBit = false;
        for (int i = 0; i < matrices.length; i++) {
            if (matrices[i] != null) {
                results[i] = new float[count][matrices[i].rows()];
                bytes += matrices[i].rows() * matrices[i].rowBytes();
                RowChunk.split(i, matrices[i].rows(), matrices[i].rowBytes(), chunkBytes, chunks);
                fourBit |= matrices[i] instanceof Q4Matrix;
            }
        }
        // a single row is rounded once for every 4-bit matrix and chunk
        Q8Input rounded = count == 1 && fourBit ? Q4Matrix.roundInput(inputs[0]) : null;
        IntConsumer work = c -> {
            RowChunk chunk = chunks.get(c);
            QuantizedMatrix matrix = matrices[chunk.projection()];
            if (rounded != null && matrix instanceof Q4Matrix q4) {
                q4.multiply(rounded, results[chunk.projection()][0], chunk.first(), chunk.end());
            } else {
                matrix.multiplyBatch(inputs, results[chunk.projection()], chunk.first(), chunk.end());
            }
        };
        if (worker != null && bytes >= minSplitBytes) {
            worker.shareTasks(chunks.size(), work);
        } else {
            for (int c = 0; c < chunks.size(); c++) {
                work.accept(c);
            }
        }
        return results;
    }

    /**
     * Weight bytes per shared chunk: small enough that neither lane waits long for the other's last one, large enough
     * that a chunk's fixed cost (a kernel call, the hand-off) stays small beside its products. Side by side in one JVM
     * (Zen 5), 1 MB decoded one sequence 1.05 × (4-bit) and 1.07 × (int8) as fast as 256 KB, and eight together as
     * fast (docs/benchmarks.md, "Chunks of a decode step").
     */
    static final int CHUNK_BYTES = 1 << 20;

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
     * memory a slab of rows at a time (two lanes when there is a worker), which PyTorch reads in place.
     *
     * @param x [..., in] FP32
     * @return [..., out] FP32, attached to x's manager
     */
    private NDArray widenedLinear(NDArray x, QuantizedMatrix matrix, NDArray bias) {
        NDManager views = x.getManager();
        return staging.linear(x, matrix.rows(), matrix.cols(), bias, (target, first, end) -> {
            QuantizedMatrix slab = first == 0 && end == matrix.rows() ? matrix : matrix.rowRange(first, end, views);
            if (worker != null) {
                List<RowChunk> chunks = new ArrayList<>();
                RowChunk.split(0, slab.rows(), slab.rowBytes(), chunkBytes, chunks);
                worker.shareTasks(chunks.size(), c -> slab.dequantize(target, chunks.get(c).first(), chunks.get(c).end()));
            } else {
                slab.dequantize(target, 0, slab.rows());
            }
        });
    }

    /** Whether prefill would give any of these weights' matrices to {@link Int8PromptProducts}. */
    private static boolean hasRowScaledInt8(DecoderWeights weights) {
        return Int8PromptProducts.handles(weights.quantized(weights.lmHead()))
                || weights.layers().stream().anyMatch(l -> Int8PromptProducts.handles(weights.quantized(l.gateProj())));
    }

    /** The kernel that prompts (more than {@link #MAX_GEMV_ROWS} rows) are multiplied by, for {@code bench}. */
    public String promptKernelName() {
        return fbgemm != null ? FbgemmInt8Products.name() : int8Prompts != null ? "PyTorch int8 x int8 (aten::_int_mm), inputs quantized per row"
                : "widening into FP32 + PyTorch FP32 GEMM";
    }

    /** Stops the worker thread and frees the staging tensors, PyTorch's int8 kernels and fbgemm's packed weights. */
    @Override
    public void close() {
        if (fbgemm != null) {
            fbgemm.close();
        }
        if (int8Prompts != null) {
            int8Prompts.close();
        }
        staging.close();
        if (worker != null) {
            worker.close();
            workerManager.close();
        }
    }
}
