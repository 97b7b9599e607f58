package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;

/**
 * Keys and values of every layer for one sequence, or for several rows of sequences decoded together,
 * preallocated at full capacity: per layer two arrays [rows, kvHeads, capacity, headDim] into which each step
 * writes its slice in place. Reads are views of the first {@code length} positions (of the first rows, for rows of
 * sequences), so no step copies the cache. Which positions are valid is the caller's
 * business (the {@link Decoder} and the {@link BranchDecoder} keep the lengths).
 */
final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private final int rows;
    private final int capacity;

    /** A cache of one sequence. */
    KvCache(NDManager parent, ModelConfig config, int capacity) {
        this(parent, config, 1, capacity);
    }

    /** A cache of {@code rows} sequences of up to {@code capacity} tokens each. */
    KvCache(NDManager parent, ModelConfig config, int rows, int capacity) {
        this.manager = parent.newSubManager();
        this.rows = rows;
        this.capacity = capacity;
        int layers = config.numHiddenLayers();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
        Shape shape = new Shape(rows, config.numKeyValueHeads(), capacity, config.headDim()); // [R, kvHeads, capacity, D]
        try {
            for (int i = 0; i < layers; i++) {
                // uninitialised memory: pages are touched only as positions are written
                keys[i] = manager.create(shape, DataType.FLOAT32);
                values[i] = manager.create(shape, DataType.FLOAT32);
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Positions the cache holds. */
    int capacity() {
        return capacity;
    }

    /** Bytes of native memory the cache reserves. */
    long byteSize() {
        long bytes = 0;
        for (int i = 0; i < keys.length; i++) {
            bytes += (keys[i].size() + values[i].size()) * Float.BYTES;
        }
        return bytes;
    }

    /**
     * Stores the keys and values of positions {@code [start, start + T)} of one layer, every row.
     *
     * @param k [R, kvHeads, T, D]
     * @param v [R, kvHeads, T, D]
     */
    void write(int layer, NDArray k, NDArray v, int start) {
        long length = k.getShape().get(2);
        NDIndex slice = new NDIndex(":, :, {}:{}, :", start, start + length); // [1, kvHeads, T, D] of [1, kvHeads, cap, D]
        keys[layer].set(slice, k);                                             // in place
        values[layer].set(slice, v);                                           // in place
    }

    /** Keys of positions {@code [0, length)} of one layer: a view [R, kvHeads, length, D] of {@code target}. */
    NDArray keys(int layer, int length, NDManager target) {
        return view(keys[layer], length, target);
    }

    /** Values of positions {@code [0, length)} of one layer: a view [R, kvHeads, length, D] of {@code target}. */
    NDArray values(int layer, int length, NDManager target) {
        return view(values[layer], length, target);
    }

    private static NDArray view(NDArray cache, int length, NDManager target) {
        return cache.get(target, new NDIndex(":, :, :{}, :", length));   // [R, kvHeads, length, D] view
    }

    /**
     * Stores the keys and values of positions {@code [start, start + T)} of one row of one layer.
     *
     * @param k [1, kvHeads, T, D]
     * @param v [1, kvHeads, T, D]
     */
    void writeRow(int layer, int row, NDArray k, NDArray v, int start) {
        long length = k.getShape().get(2);
        NDIndex slice = new NDIndex("{}:{}, :, {}:{}, :", row, row + 1, start, start + length); // [1, kvHeads, T, D]
        keys[layer].set(slice, k);                                                                // in place
        values[layer].set(slice, v);                                                              // in place
    }

    /**
     * Stores one new position per listed row of one layer: row {@code rowIndex[i]} at position
     * {@code positionIndex[i]}.
     *
     * @param rowIndex      [B] INT64 rows, distinct
     * @param positionIndex [B] INT64 positions
     * @param k             [B, kvHeads, 1, D]
     * @param v             [B, kvHeads, 1, D]
     */
    void writeRows(int layer, NDArray rowIndex, NDArray positionIndex, NDArray k, NDArray v) {
        Shape shape = k.getShape();
        NDIndex at = new NDIndex("{}, :, {}", rowIndex, positionIndex);   // [B, kvHeads, D] of [R, kvHeads, cap, D]
        keys[layer].set(at, k.reshape(shape.get(0), shape.get(1), shape.get(3)));   // in place
        values[layer].set(at, v.reshape(shape.get(0), shape.get(1), shape.get(3))); // in place
    }

    /** Keys of positions {@code [0, length)} of one row: a view [1, kvHeads, length, D] of {@code target}. */
    NDArray keysOfRow(int layer, int row, int length, NDManager target) {
        return keys[layer].get(target, new NDIndex("{}:{}, :, :{}, :", row, row + 1, length));
    }

    /** Values of positions {@code [0, length)} of one row: a view [1, kvHeads, length, D] of {@code target}. */
    NDArray valuesOfRow(int layer, int row, int length, NDManager target) {
        return values[layer].get(target, new NDIndex("{}:{}, :, :{}, :", row, row + 1, length));
    }

    /** Keys of positions {@code [0, length)} of rows {@code [0, rows)}: a view [rows, kvHeads, length, D] of {@code target}. */
    NDArray keysOfFirstRows(int layer, int rows, int length, NDManager target) {
        return keys[layer].get(target, new NDIndex(":{}, :, :{}, :", rows, length));
    }

    /** Values as {@link #keysOfFirstRows}. */
    NDArray valuesOfFirstRows(int layer, int rows, int length, NDManager target) {
        return values[layer].get(target, new NDIndex(":{}, :, :{}, :", rows, length));
    }

    /**
     * Exchanges positions {@code [0, length)} of rows {@code a} and {@code b} in every layer, keys and values; the
     * positions after them stay where they are.
     */
    void swapRows(int a, int b, int length) {
        if (a == b || length == 0) return;
        NDIndex rowA = new NDIndex("{}:{}, :, :{}, :", a, a + 1, length);   // [1, kvHeads, length, D]
        NDIndex rowB = new NDIndex("{}:{}, :, :{}, :", b, b + 1, length);   // [1, kvHeads, length, D]
        try (NDManager scratch = manager.newSubManager()) {
            for (int i = 0; i < keys.length; i++) {
                for (NDArray cache : new NDArray[] {keys[i], values[i]}) {
                    NDArray savedA = cache.get(scratch, rowA).duplicate();    // a copy: the view is overwritten next
                    cache.set(rowA, cache.get(scratch, rowB));                // in place
                    cache.set(rowB, savedA);                                  // in place
                }
            }
        }
    }

    /** Sets positions {@code [from, to)} of every row and layer to zero. */
    void clear(int from, int to) {
        NDIndex slab = new NDIndex(":, :, {}:{}, :", from, to);                 // [R, kvHeads, to-from, D]
        for (int i = 0; i < keys.length; i++) {
            keys[i].set(slab, 0f);
            values[i].set(slab, 0f);
        }
    }

    /**
     * The memory of one layer's keys, [rows, kvHeads, capacity, headDim] FP32 row-major, little-endian, as a direct
     * buffer on the cache's own memory (no copy), for a decode step computed in Java ({@link JavaDecodeStep}).
     * Valid until the cache is closed: the caller must not use it after that.
     *
     * @throws IllegalStateException when the layer's array exceeds 2 GB or PyTorch does not expose its memory
     */
    ByteBuffer keyMemory(int layer) {
        return memory(keys[layer]);
    }

    /** The memory of one layer's values, as {@link #keyMemory}. */
    ByteBuffer valueMemory(int layer) {
        return memory(values[layer]);
    }

    /** @throws IllegalStateException when the array is too large for one buffer or PyTorch does not expose it */
    private static ByteBuffer memory(NDArray array) {
        long bytes = array.size() * Float.BYTES;
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalStateException("a layer's KV cache of " + bytes + " bytes exceeds what one buffer addresses");
        }
        return WeightLoader.memoryOf(array, bytes);
    }

    /** Rows of sequences the cache holds. */
    int rows() {
        return rows;
    }

    @Override
    public void close() {
        manager.close();
    }
}
