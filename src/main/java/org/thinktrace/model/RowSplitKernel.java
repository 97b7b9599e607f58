package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * Decode-step projections spread over two Java threads, each running PyTorch with one thread.
 *
 * <p>Why: PyTorch's CPU kernels run a single-row matrix-vector product on one thread whatever the
 * intra-op thread count, so one decode step would read the weights at one core's bandwidth. Here
 * every large weight (4 MB or more) is viewed as two row halves (made once, at construction) and
 * the halves of one step's independent products are dealt to two lanes of about equal bytes: the
 * calling thread and one worker thread. Calls whose weights are all small stay on the calling
 * thread, since a hand-off would cost more than it saves. Inputs with more than one row (the branches of a batched
 * step, prefill) go to PyTorch's matrix-matrix kernels, which use all intra-op threads themselves; for more than
 * {@link ProjectionKernel#MAX_HALF_ROWS} rows (a prompt) an FP16 weight is first widened by Java into a reused FP32
 * staging tensor; from {@link #MIN_TRANSPOSED_ROWS} to {@link #MAX_TRANSPOSED_ROWS} rows (a batched
 * decode step of eight branches, a short prompt) with an FP32 weight are multiplied as {@code (weight · xᵀ)ᵀ}
 * ({@link #fewRowsLinear}).
 *
 * <p>Inference only: the worker thread records no gradients. Close it to stop the worker thread.
 */
public final class RowSplitKernel implements ProjectionKernel, LaneSharing, AutoCloseable {

    /**
     * Weights below this size are not split: handing a product to the worker costs tens of
     * microseconds, more than half of a small product (at R1-Distill-Qwen-1.5B shapes the 1.5 MB
     * key and value projections ran slower split than whole).
     */
    static final long DEFAULT_MIN_SPLIT_BYTES = 4L << 20;

    private final Map<NDArray, NDArray[]> halves = new IdentityHashMap<>();
    /** The FP32 memory into which prefill widens FP16 weights, a slab of rows at a time. */
    private final StagingTensors staging;
    private final NDManager viewManager;
    private final PyTorchWorker worker;
    private final int prefillThreads;

    /**
     * @param weights        the weights whose large matrices get split (views; the weights stay owned by their holder)
     * @param prefillThreads PyTorch intra-op threads of the calling thread for multi-row inputs
     */
    public RowSplitKernel(DecoderWeights weights, int prefillThreads) {
        this(weights, prefillThreads, DEFAULT_MIN_SPLIT_BYTES);
    }

    /** As above, splitting every projection whose weight has at least {@code minSplitBytes} bytes. */
    RowSplitKernel(DecoderWeights weights, int prefillThreads, long minSplitBytes) {
        this(weights, prefillThreads, minSplitBytes, StagingTensors.DEFAULT_SLAB_BYTES);
    }

    /** As above, widening a prompt's FP16 weights in slabs of at most {@code slabBytes} of FP32. */
    RowSplitKernel(DecoderWeights weights, int prefillThreads, long minSplitBytes, long slabBytes) {
        this.prefillThreads = prefillThreads;
        this.viewManager = weights.manager().newSubManager();
        this.staging = new StagingTensors(viewManager, slabBytes);
        List<Projection> projections = new ArrayList<>();
        for (LayerWeights w : weights.layers()) {
            projections.add(new Projection(w.qProj(), w.qBias()));
            projections.add(new Projection(w.kProj(), w.kBias()));
            projections.add(new Projection(w.vProj(), w.vBias()));
            projections.add(new Projection(w.oProj(), null));
            projections.add(new Projection(w.gateProj(), null));
            projections.add(new Projection(w.upProj(), null));
            projections.add(new Projection(w.downProj(), null));
        }
        projections.add(new Projection(weights.lmHead(), null));
        for (Projection p : projections) {
            NDArray weight = p.weight();
            if (weight.size() * weight.getDataType().getNumOfBytes() >= minSplitBytes && !halves.containsKey(weight)) {
                halves.put(weight, split(weight));
                if (p.bias() != null) {
                    halves.put(p.bias(), split(p.bias()));      // a bias splits where its weight does
                }
            }
        }
        this.worker = new PyTorchWorker("thinktrace-projection", viewManager, false);
    }

    private NDArray[] split(NDArray matrix) {
        long rows = matrix.getShape().get(0);
        long half = rows / 2;
        return new NDArray[] {
            matrix.get(viewManager, new NDIndex("0:{}", half)),              // [rows/2, ...] view
            matrix.get(viewManager, new NDIndex("{}:", half))                // [rows - rows/2, ...] view
        };
    }

    @Override
    public NDArray[] project(NDArray x, Projection... projections) {
        long rows = x.getShape().size() / x.getShape().tail();   // B*T
        if (rows > 1) {
            JniUtils.setNumThreads(prefillThreads);
            NDArray[] out = new NDArray[projections.length];
            for (int i = 0; i < projections.length; i++) {
                Projection p = projections[i];
                boolean widen = p.weight().getDataType() == DataType.FLOAT16 && rows > MAX_HALF_ROWS;
                boolean transposed = rows >= MIN_TRANSPOSED_ROWS && rows <= MAX_TRANSPOSED_ROWS
                        && p.weight().getDataType() == DataType.FLOAT32;
                out[i] = widen ? widenedLinear(x, p.weight(), p.bias())
                        : transposed ? fewRowsLinear(x, p.weight(), p.bias())
                        : ProjectionKernel.linear(x, p.weight(), p.bias());
            }
            return out;
        }
        JniUtils.setNumThreads(1);
        boolean anySplit = false;
        for (Projection p : projections) {
            anySplit |= halves.containsKey(p.weight());
        }
        if (!anySplit) {
            return SERIAL.project(x, projections);              // all small: not worth a hand-off
        }
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < projections.length; i++) {
            Projection p = projections[i];
            NDArray[] parts = halves.get(p.weight());
            if (parts == null) {
                tasks.add(new Task(i, 0, p.weight(), p.bias()));
            } else {
                NDArray[] biasParts = p.bias() == null ? new NDArray[2] : halves.get(p.bias());
                tasks.add(new Task(i, 0, parts[0], biasParts[0]));
                tasks.add(new Task(i, 1, parts[1], biasParts[1]));
            }
        }
        List<Task> remote = new ArrayList<>();
        List<Task> local = new ArrayList<>();
        deal(tasks, t -> t.weight.size(), local, remote);
        Future<NDArray[]> remoteResults = worker.submit(() -> run(x, remote));
        NDArray[] localResults = run(x, local);
        NDArray[] remoteOut = worker.await(remoteResults);
        NDArray[][] pieces = new NDArray[projections.length][2];
        for (int i = 0; i < local.size(); i++) {
            pieces[local.get(i).projection][local.get(i).half] = localResults[i];
        }
        for (int i = 0; i < remote.size(); i++) {
            pieces[remote.get(i).projection][remote.get(i).half] = remoteOut[i];
        }
        NDArray[] out = new NDArray[projections.length];
        for (int i = 0; i < projections.length; i++) {
            // [..., out/2] ++ [..., out - out/2] -> [..., out]
            out[i] = pieces[i][1] == null ? pieces[i][0] : pieces[i][0].concat(pieces[i][1], -1);
        }
        return out;
    }

    /**
     * The fewest and the most input rows that {@link #project} multiplies with an FP32 weight as
     * {@link #fewRowsLinear}; others go to {@link ProjectionKernel#linear}. Measured side by side
     * ({@code BatchedFp32Probe}, the MLP matrices of two R1-Distill-Qwen-1.5B layers, 2 threads, AMD EPYC): the
     * transposed product took 0.76 × {@code linear}'s time at 7 and 8 rows, 0.47 × at 12, 0.75 × at 16, 0.93 ×
     * at 32, but 1.94 × at 2 rows, 1.02–1.06 × at 4 to 6 and 1.15 × at 64.
     */
    static final int MIN_TRANSPOSED_ROWS = 7;
    static final int MAX_TRANSPOSED_ROWS = 32;

    /**
     * {@code x · weightᵀ + bias} for a few input rows and an FP32 weight, computed as {@code (weight · xᵀ)ᵀ}: with
     * the weight as the first operand of PyTorch's matrix product rather than the transposed second one, oneMKL
     * takes another kernel, which between {@link #MIN_TRANSPOSED_ROWS} and {@link #MAX_TRANSPOSED_ROWS} rows reads
     * the weight faster.
     *
     * @param x      [..., in] FP32, a few rows in all
     * @param weight [out, in] FP32
     * @param bias   [out] FP32 or null
     * @return [..., out] FP32, attached to x's manager
     */
    static NDArray fewRowsLinear(NDArray x, NDArray weight, NDArray bias) {
        return ProjectionKernel.rowsLinear(x, Math.toIntExact(weight.getShape().get(0)), bias, rows -> {
            NDArray product = weight.matMul(rows.transpose());                         // [out, M]
            product.attach(x.getManager());                  // matMul attaches its result to the weight's manager
            return product.transpose().toDevice(product.getDevice(), true);           // [M, out], a copy
        });
    }

    /**
     * {@code x · weightᵀ + bias} for more than {@link ProjectionKernel#MAX_HALF_ROWS} input rows (a prompt) and an
     * FP16 weight: Java widens the weight to FP32 a slab
     * of rows at a time into reused staging memory of bounded size (half of each slab on the worker), and
     * PyTorch's FP32 matrix product reads it in place. A fresh FP32 copy per product would allocate, and fault in,
     * the whole model's FP32 size on every forward pass.
     *
     * @param x [..., in] FP32
     * @return [..., out] FP32, attached to x's manager
     */
    private NDArray widenedLinear(NDArray x, NDArray weight, NDArray bias) {
        int rows = Math.toIntExact(weight.getShape().get(0));
        int cols = Math.toIntExact(weight.getShape().get(1));
        ByteBuffer half = WeightLoader.memoryOf(weight, weight.size() * Short.BYTES);
        NDArray wideBias = bias == null ? null : bias.toType(DataType.FLOAT32, false);   // [out] FP32
        return staging.linear(x, rows, cols, wideBias, (target, first, end) -> {
            int from = first * cols;
            int to = end * cols;
            int middle = from + (to - from) / 2;
            Future<Void> other = worker.submit(() -> {
                widen(half, target, from, middle, to);
                return null;
            });
            widen(half, target, from, from, middle);
            worker.await(other);
        });
    }

    /**
     * FP16 values {@code [from, to)} of {@code half} as FP32 into {@code target}, value {@code origin} at offset 0, in
     * the buffers' own byte order (little-endian, as {@link WeightLoader#memoryOf} gives them). Compiled, this loop
     * converts 13.8 million values in about 4 ms on one core (AMD EPYC, Zen 5), half the time of a pass through heap
     * arrays with bulk copies.
     */
    static void widen(ByteBuffer half, ByteBuffer target, int origin, int from, int to) {
        for (int i = from; i < to; i++) {
            target.putFloat((i - origin) * Float.BYTES, Float.float16ToFloat(half.getShort(i * Short.BYTES)));
        }
    }

    /** Deals tasks, largest first by {@code weightCount}, to the lane with fewer weight elements so far. */
    static <T> void deal(List<T> tasks, java.util.function.ToLongFunction<T> weightCount, List<T> local, List<T> remote) {
        List<T> sorted = new ArrayList<>(tasks);
        sorted.sort((a, b) -> Long.compare(weightCount.applyAsLong(b), weightCount.applyAsLong(a)));
        long localLoad = 0;
        long remoteLoad = 0;
        for (T t : sorted) {
            if (localLoad <= remoteLoad) {
                local.add(t);
                localLoad += weightCount.applyAsLong(t);
            } else {
                remote.add(t);
                remoteLoad += weightCount.applyAsLong(t);
            }
        }
    }

    private static NDArray[] run(NDArray x, List<Task> tasks) {
        NDArray[] out = new NDArray[tasks.size()];
        for (int i = 0; i < tasks.size(); i++) {
            // x [..., in] · part [rows, in]ᵀ (+ bias part) -> [..., rows], attached to x's manager
            out[i] = ProjectionKernel.linear(x, tasks.get(i).weight, tasks.get(i).bias);
        }
        return out;
    }

    @Override
    public void inLanes(int count, java.util.function.IntConsumer work) {
        worker.shareTasks(count, work);
    }

    /** Stops the worker thread and frees the weight views. */
    @Override
    public void close() {
        worker.close();
        staging.close();
        viewManager.close();
    }

    private record Task(int projection, int half, NDArray weight, NDArray bias) {
    }
}
