package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The FP32 memory into which a projection kernel widens a weight held in another format (8-bit, 4-bit or FP16)
 * just before PyTorch's matrix product reads it in place, for products of several input rows (prompts).
 *
 * <p>A weight is widened and multiplied a slab of output rows at a time ({@link #linear}): each slab holds at
 * most {@code slabBytes} of FP32, so the staging memory stays bounded whatever the matrix (a 7B model's
 * {@code lm_head} would take 2.2 GB as FP32, more than one Java buffer can address). One staging tensor per
 * slab shape is kept from call to call, created on first use in a sub-manager of the given parent;
 * {@link #close()} frees them. Used by one thread at a time.
 */
final class StagingTensors implements AutoCloseable {

    /**
     * FP32 bytes of a slab unless told otherwise: 128 MB, the whole of every projection at the 1.5B shapes
     * (8,960 × 1,536 is 55 MB) and about 9,300 rows of the 7B shapes (its MLP matrices in three slabs, its
     * lm_head in 17). Slabs of 32 MB prefilled 4-bit prompts at 0.75–0.8 × the rate of whole matrices at 1.5B.
     */
    static final long DEFAULT_SLAB_BYTES = 128L << 20;

    /**
     * Writes rows {@code [first, end)} of a [rows, cols] weight as little-endian FP32 into {@code target} from
     * offset 0 (row {@code first} first), whatever the buffer's position and order.
     */
    @FunctionalInterface
    interface RowWidener {
        void widen(ByteBuffer target, int first, int end);
    }

    private final NDManager parent;
    private final long slabBytes;
    private final Map<Shape, NDArray> tensors = new HashMap<>();
    private NDManager manager;

    StagingTensors(NDManager parent) {
        this(parent, DEFAULT_SLAB_BYTES);
    }

    /** @param slabBytes FP32 bytes of the largest slab (at least one row is widened at a time, whatever its size) */
    StagingTensors(NDManager parent, long slabBytes) {
        if (slabBytes < 1) {
            throw new IllegalArgumentException("a staging slab needs at least one byte, got " + slabBytes);
        }
        this.parent = parent;
        this.slabBytes = slabBytes;
    }

    /** Rows of a weight with {@code cols} columns widened at once: as many as fit a slab, at least one. */
    int slabRows(int rows, int cols) {
        return (int) Math.max(1, Math.min(rows, slabBytes / ((long) cols * Float.BYTES)));
    }

    /**
     * {@code x · weightᵀ + bias} for a [rows, cols] weight that {@code widener} writes as FP32, slab by slab into
     * this object's staging memory; each slab's product goes to PyTorch and the slabs' outputs are joined along
     * the last axis.
     *
     * @param x    [..., cols] FP32
     * @param bias [rows] FP32, or null
     * @return [..., rows] FP32, attached to x's manager
     */
    NDArray linear(NDArray x, int rows, int cols, NDArray bias, RowWidener widener) {
        int slabRows = slabRows(rows, cols);
        NDArray staging = of(new Shape(slabRows, cols));                                   // [slab, cols] FP32
        ByteBuffer memory = memory(staging);
        if (slabRows == rows) {
            widener.widen(memory, 0, rows);
            return Linear.linear(x, staging, bias).singletonOrThrow();                     // [..., rows]
        }
        NDManager results = x.getManager();
        NDList parts = new NDList();
        for (int first = 0; first < rows; first += slabRows) {
            int end = Math.min(rows, first + slabRows);
            widener.widen(memory, first, end);
            NDArray weight = end - first == slabRows ? staging
                    : staging.get(results, new NDIndex("0:{}", end - first));              // [end - first, cols] view
            NDArray slabBias = bias == null ? null : bias.get(results, new NDIndex("{}:{}", first, end)); // [end - first]
            parts.add(Linear.linear(x, weight, slabBias).singletonOrThrow());             // [..., end - first]
        }
        return NDArrays.concat(parts, -1);                                                 // [..., rows]
    }

    /** The staging tensor of {@code shape} ([rows, cols] FP32), created on first use. */
    private NDArray of(Shape shape) {
        return tensors.computeIfAbsent(shape, s -> {
            if (manager == null) manager = parent.newSubManager();
            NDArray created = manager.create(s, DataType.FLOAT32);                    // [rows, cols]
            NDScope.unregister(created); // kept across calls: a forward's NDScope must not close it
            return created;
        });
    }

    /** The native memory of a staging tensor, for Java to write the widened weight into. */
    private static ByteBuffer memory(NDArray staging) {
        return WeightLoader.memoryOf(staging, staging.size() * Float.BYTES);
    }

    /** FP32 bytes of the staging tensors held now. */
    long heldBytes() {
        return tensors.values().stream().mapToLong(t -> t.size() * Float.BYTES).sum();
    }

    /** Frees every staging tensor; the next product creates them again. */
    @Override
    public void close() {
        if (manager != null) {
            manager.close();
            manager = null;
            tensors.clear();
        }
    }
}
