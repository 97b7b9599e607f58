package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * Projections of FP16 weights by fbgemm's FP16-weight product ({@link PyTorchQuantizedOps#fp16Linear}): FP32
 * activations, FP16 weights in fbgemm's packed layout, FP32 sums, for decode steps and prompts alike.
 *
 * <p>At construction every projection matrix and the {@code lm_head} is packed, a piece of rows at a time (with two
 * lanes, two pieces at once), and its FP16 tensor freed once packed (not the embedding table, which the lookup
 * reads, when a tied {@code lm_head} is it), so the weights are held once, in the packed form; the {@link Projection}s' weight
 * arrays stay as keys and for their shapes only. A matrix is cut into pieces of at most {@link #MAX_PIECE_ROWS} rows
 * and {@link #DEFAULT_PIECE_BYTES} of FP32 (packing makes an FP32 copy of a piece for the call), and with two lanes
 * a matrix of {@link #DEFAULT_MIN_SPLIT_BYTES} or more into at least two.
 *
 * <p>Every product runs with one PyTorch thread: with two lanes the pieces of a call's projections are dealt to the
 * calling thread and one worker thread by size, as in {@link RowSplitKernel}, for decode steps and prompts alike; a
 * decode call (up to {@link #MAX_LANE_ROWS} rows) whose matrices are all small stays on the calling thread. fbgemm's
 * own split over PyTorch's intra-op threads cost several milliseconds a call on the busy 2-core machine (an
 * 8960 × 1536 product of 64 rows in 1024-row pieces: 10–15 ms on one thread, 86–142 ms on two).
 *
 * <p>Inference only. The packed weights, the operations' module and the worker thread belong to this kernel:
 * {@link #close()} frees them; the weights' holder must not be used by another kernel afterwards.
 */
public final class FbgemmFp16Kernel implements ProjectionKernel, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FbgemmFp16Kernel.class);

    /**
     * The system property that chooses the FP16 projection kernel: {@code pytorch} (the default: PyTorch's FP16
     * matrix-vector product on row halves, prompts widened into FP32, {@link RowSplitKernel}) or {@code fbgemm}
     * (this class). Any other value is refused. This kernel's products alone ran up to 4 × as fast, but side by side
     * on an idle 2-core AMD EPYC (docs/benchmarks.md) the whole 1.5B model decoded at 0.85 × the default's rate,
     * prefilled 512 tokens at 0.47 × and loaded in four times the time, so it is not the default.
     */
    public static final String PROPERTY = "thinktrace.fp16.kernel";

    /** FP16 bytes from which a matrix is cut in two for the two lanes (smaller ones cost more to hand off). */
    static final long DEFAULT_MIN_SPLIT_BYTES = RowSplitKernel.DEFAULT_MIN_SPLIT_BYTES;
    /** FP32 bytes of the largest piece packed at once: the most the FP32 copy that packing makes can take. */
    static final long DEFAULT_PIECE_BYTES = StagingTensors.DEFAULT_SLAB_BYTES;
    /**
     * The most rows of a packed piece. fbgemm packs a piece column by column of the FP32 copy, reading every row
     * once per column: pieces of many rows miss the caches and the TLB for each value (an 8960 × 1536 matrix
     * packed in 0.75–1.1 s whole, in 0.14–0.57 s as pieces of 1024 rows, on a busy 2-core AMD EPYC).
     */
    static final long MAX_PIECE_ROWS = 1024;
    /** Inputs of at most this many rows (decode steps) stay on the calling thread when no matrix is split. */
    static final int MAX_LANE_ROWS = QuantizedProjectionKernel.MAX_GEMV_ROWS;

    private final NDManager manager;
    private final PyTorchQuantizedOps ops;
    private final Map<NDArray, Piece[]> pieces = new IdentityHashMap<>();
    private final PyTorchWorker worker;

    /** A packed piece of rows of a matrix (and its bias) and the FP16 weights it holds, for dealing to lanes. */
    private record Piece(IValue packed, long weights) {
    }

    /** Whether {@link #PROPERTY} asks for this kernel. */
    public static boolean chosen() {
        return KernelSwitch.isOn(PROPERTY, "pytorch", "fbgemm", "fbgemm", "pytorch");
    }

    /**
     * Packs {@code weights}' FP16 projections for this kernel, or returns null, logging why with the stack trace,
     * when this PyTorch cannot run fbgemm's FP16 product (the caller then takes another kernel; no weight was
     * freed).
     *
     * @param threads with two or more, products use two lanes (one PyTorch thread each)
     * @throws IllegalStateException when packing fails after the check product passed (weights may be freed)
     */
    static FbgemmFp16Kernel loadOrNull(DecoderWeights weights, int threads) {
        return loadOrNull(weights, threads, PyTorchQuantizedOps.SPEC, DEFAULT_MIN_SPLIT_BYTES, DEFAULT_PIECE_BYTES);
    }

    /** As above with the operations compiled from {@code spec}, and the given split and piece sizes. */
    static FbgemmFp16Kernel loadOrNull(DecoderWeights weights, int threads, TorchScriptModuleSpec spec,
                                       long minSplitBytes, long pieceBytes) {
        NDManager manager = weights.manager().newSubManager();
        PyTorchQuantizedOps ops;
        try {
            ops = PyTorchQuantizedOps.load(manager, spec);
            checkOnExactValues(ops, manager);
        } catch (RuntimeException e) {
            LOG.warn("fbgemm's FP16 product could not be loaded; FP16 projections run on PyTorch's FP16 and FP32 "
                    + "products instead (slower): {}", e.getMessage(), e);
            manager.close();
            return null;
        }
        return new FbgemmFp16Kernel(weights, threads, manager, ops, minSplitBytes, pieceBytes);
    }

    private FbgemmFp16Kernel(DecoderWeights weights, int threads, NDManager manager, PyTorchQuantizedOps ops,
                             long minSplitBytes, long pieceBytes) {
        this.manager = manager;
        this.ops = ops;
        boolean lanes = threads >= 2;
        this.worker = lanes ? new PyTorchWorker("thinktrace-fp16", manager, false) : null;
        try {
            for (LayerWeights w : weights.layers()) {
                pack(w.qProj(), w.qBias(), minSplitBytes, pieceBytes, weights);
                pack(w.kProj(), w.kBias(), minSplitBytes, pieceBytes, weights);
                pack(w.vProj(), w.vBias(), minSplitBytes, pieceBytes, weights);
                pack(w.oProj(), null, minSplitBytes, pieceBytes, weights);
                pack(w.gateProj(), null, minSplitBytes, pieceBytes, weights);
                pack(w.upProj(), null, minSplitBytes, pieceBytes, weights);
                pack(w.downProj(), null, minSplitBytes, pieceBytes, weights);
            }
            pack(weights.lmHead(), null, minSplitBytes, pieceBytes, weights);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Runs the product once on values it must reproduce up to float rounding (small integers in FP16, integer
     * sums), since PyTorch compiles a method at its first call and an operator missing from this build would only
     * fail there.
     *
     * @throws IllegalStateException when PyTorch fails or returns other values
     */
    private static void checkOnExactValues(PyTorchQuantizedOps ops, NDManager parent) {
        int rows = 3;
        int in = 24;
        int out = 20;
        float[] x = new float[rows * in];
        float[] w = new float[out * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7 % 11) - 5;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (i * 5 % 13) - 6;
        }
        try (NDManager check = parent.newSubManager()) {
            NDArray half = check.create(w, new Shape(out, in)).toType(DataType.FLOAT16, false);
            try (IValue packed = ops.packFp16(half, null)) {
                float[] actual = ops.fp16Linear(check.create(x, new Shape(rows, in)), packed).toFloatArray();
                for (int m = 0; m < rows; m++) {
                    for (int n = 0; n < out; n++) {
                        float sum = 0;
                        for (int k = 0; k < in; k++) {
                            sum += x[m * in + k] * w[n * in + k];
                        }
                        if (actual[m * out + n] != sum) {
                            throw new IllegalStateException("fbgemm's FP16 product gave " + actual[m * out + n]
                                    + " instead of " + sum + " at row " + m + ", column " + n + " of a check product");
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs {@code weight} [rows, cols] FP16 and its bias in pieces of rows (with two lanes, every other piece on
     * the worker) and frees the FP16 tensor, unless it is the embeddings' (a tied {@code lm_head}). A matrix seen
     * before (tied) is not packed again.
     */
    private void pack(NDArray weight, NDArray bias, long minSplitBytes, long pieceBytes, DecoderWeights weights) {
        if (pieces.containsKey(weight)) {
            return;
        }
        Shape shape = weight.getShape();                          // cached in the array: read after it is freed
        if (weight.getDataType() != DataType.FLOAT16 || shape.dimension() != 2) {
            throw new IllegalArgumentException("fbgemm's FP16 kernel takes [out, in] FP16 matrices, got "
                    + shape + " " + weight.getDataType());
        }
        long rows = shape.get(0);
        long cols = shape.get(1);
        long count = Math.max(Math.max((rows * cols * Float.BYTES + pieceBytes - 1) / pieceBytes,
                        (rows + MAX_PIECE_ROWS - 1) / MAX_PIECE_ROWS),
                worker != null && rows * cols * Short.BYTES >= minSplitBytes ? 2 : 1);
        count = Math.min(count, rows);
        long pieceRows = (rows + count - 1) / count;
        int total = Math.toIntExact((rows + pieceRows - 1) / pieceRows);
        Piece[] packed = new Piece[total];
        JniUtils.setNumThreads(1);
        try {
            Future<Void> other = worker == null ? null : worker.submit(() -> {
                packEvery(weight, bias, shape, pieceRows, 1, 2, packed);
                return null;
            });
            packEvery(weight, bias, shape, pieceRows, 0, other == null ? 1 : 2, packed);
            if (other != null) {
                worker.await(other);
            }
        } catch (RuntimeException e) {
            for (Piece p : packed) {
                if (p != null) {
                    p.packed().close();
                }
            }
            throw e;
        }
        pieces.put(weight, packed);
        if (weight != weights.embedTokens()) {
            weight.close();                                       // held packed from now on
        }
    }

    /** Packs pieces {@code first}, {@code first + step}, ... of {@code pieceRows} rows each into {@code packed}. */
    private void packEvery(NDArray weight, NDArray bias, Shape shape, long pieceRows, int first, int step,
                           Piece[] packed) {
        long rows = shape.get(0);
        for (int i = first; i < packed.length; i += step) {
            long from = i * pieceRows;
            long end = Math.min(rows, from + pieceRows);
            try (NDManager scratch = manager.newSubManager()) {
                NDIndex index = new NDIndex("{}:{}", from, end);
                NDArray part = weight.get(scratch, index);                                  // [end - from, cols] view
                NDArray partBias = bias == null ? null : bias.get(scratch, index);          // [end - from] view
                packed[i] = new Piece(ops.packFp16(part, partBias), (end - from) * shape.get(1));
            } catch (RuntimeException e) {
                throw new IllegalStateException("fbgemm could not pack the FP16 weights " + shape + " (rows " + from
                        + " to " + end + "): " + e.getMessage(), e);
            }
        }
    }

    @Override
    public NDArray[] project(NDArray x, Projection... projections) {
        long rows = x.getShape().size() / x.getShape().tail();   // B*T
        Piece[][] parts = new Piece[projections.length][];
        boolean anySplit = false;
        for (int i = 0; i < projections.length; i++) {
            parts[i] = pieces.get(projections[i].weight());
            if (parts[i] == null) {
                throw new IllegalArgumentException("this FP16 weight " + projections[i].weight().getShape()
                        + " is not one of the matrices this kernel packed");
            }
            anySplit |= parts[i].length > 1;
        }
        NDArray[][] results = new NDArray[projections.length][];
        JniUtils.setNumThreads(1);
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            results[i] = new NDArray[parts[i].length];
            for (int j = 0; j < parts[i].length; j++) {
                tasks.add(new Task(i, j, parts[i][j]));
            }
        }
        if (worker == null || !anySplit && rows <= MAX_LANE_ROWS) {
            runInto(x, tasks, results);                          // small decode products: not worth a hand-off
        } else {
            List<Task> local = new ArrayList<>();
            List<Task> remote = new ArrayList<>();
            RowSplitKernel.deal(tasks, t -> t.part.weights(), local, remote);
            Future<Void> other = worker.submit(() -> {
                runInto(x, remote, results);
                return null;
            });
            runInto(x, local, results);
            worker.await(other);
        }
        NDArray[] out = new NDArray[projections.length];
        for (int i = 0; i < out.length; i++) {
            // [..., rows of piece 0] ++ [..., rows of piece 1] ++ ... -> [..., out]
            out[i] = results[i].length == 1 ? results[i][0] : NDArrays.concat(new NDList(results[i]), -1);
        }
        return out;
    }

    /** Each task's product into its slot of {@code results} (distinct slots per thread). */
    private void runInto(NDArray x, List<Task> tasks, NDArray[][] results) {
        for (Task t : tasks) {
            results[t.projection][t.piece] = ops.fp16Linear(x, t.part.packed());          // [..., piece rows]
        }
    }

    /** The pieces a matrix was packed in (tests). */
    int pieceCount(NDArray weight) {
        Piece[] packed = pieces.get(weight);
        return packed == null ? 0 : packed.length;
    }

    private void closePieces() {
        for (Piece[] packed : pieces.values()) {
            for (Piece p : packed) {
                p.packed().close();
            }
        }
        pieces.clear();
    }

    /** Stops the worker thread, frees the packed weights and the operations' module. */
    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        closePieces();
        ops.close();
        manager.close();
    }

    private record Task(int projection, int piece, Piece part) {
    }
}
