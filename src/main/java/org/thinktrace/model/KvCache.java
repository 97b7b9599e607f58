package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for one sequence, preallocated at full capacity: per layer two
 * arrays [1, kvHeads, capacity, headDim] into which each step writes its slice in place. Reads are
 * views of the first {@code length} positions, so no step copies the cache. Which positions are
 * valid is the caller's business (the {@link Decoder} keeps the position).
 */
final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private final int capacity;

    KvCache(NDManager parent, ModelConfig config, int capacity) {
        this.manager = parent.newSubManager();
        this.capacity = capacity;
        int layers = config.numHiddenLayers();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
        Shape shape = new Shape(1, config.numKeyValueHeads(), capacity, config.headDim()); // [1, kvHeads, capacity, D]
        for (int i = 0; i < layers; i++) {
            // uninitialised memory: pages are touched only as positions are written
            keys[i] = manager.create(shape, DataType.FLOAT32);
            values[i] = manager.create(shape, DataType.FLOAT32);
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
     * Stores the keys and values of positions {@code [start, start + T)} of one layer.
     *
     * @param k [1, kvHeads, T, D]
     * @param v [1, kvHeads, T, D]
     */
    void write(int layer, NDArray k, NDArray v, int start) {
        long length = k.getShape().get(2);
        NDIndex slice = new NDIndex(":, :, {}:{}, :", start, start + length); // [1, kvHeads, T, D] of [1, kvHeads, cap, D]
        keys[layer].set(slice, k);                                             // in place
        values[layer].set(slice, v);                                           // in place
    }

    /** Keys of positions {@code [0, length)} of one layer: a view [1, kvHeads, length, D] of {@code target}. */
    NDArray keys(int layer, int length, NDManager target) {
        return view(keys[layer], length, target);
    }

    /** Values of positions {@code [0, length)} of one layer: a view [1, kvHeads, length, D] of {@code target}. */
    NDArray values(int layer, int length, NDManager target) {
        return view(values[layer], length, target);
    }

    private static NDArray view(NDArray cache, int length, NDManager target) {
        return cache.get(target, new NDIndex(":, :, :{}, :", length));   // [1, kvHeads, length, D] view
    }

    @Override
    public void close() {
        manager.close();
    }
}
