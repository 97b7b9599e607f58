package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * One FP32 tensor per matrix shape, kept from call to call, into whose memory a projection kernel widens one
 * weight at a time (8-bit, 4-bit or FP16) just before PyTorch's matrix product reads it in place. Created on first
 * use in a sub-manager of the given parent; {@link #close()} frees them. Used by one thread at a time.
 */
final class StagingTensors implements AutoCloseable {

    private final NDManager parent;
    private final Map<Shape, NDArray> tensors = new HashMap<>();
    private NDManager manager;

    StagingTensors(NDManager parent) {
        this.parent = parent;
    }

    /** The staging tensor of {@code shape} ([out, in] FP32), created on first use. */
    NDArray of(Shape shape) {
        return tensors.computeIfAbsent(shape, s -> {
            if (manager == null) manager = parent.newSubManager();
            NDArray created = manager.create(s, DataType.FLOAT32);                    // [out, in]
            NDScope.unregister(created); // kept across calls: a forward's NDScope must not close it
            return created;
        });
    }

    /** The native memory of a staging tensor from {@link #of}, for Java to write the widened weight into. */
    static ByteBuffer memory(NDArray staging) {
        return WeightLoader.memoryOf(staging, staging.size() * Float.BYTES);
    }

    /** Frees every staging tensor; the next {@link #of} creates them again. */
    @Override
    public void close() {
        if (manager != null) {
            manager.close();
            manager = null;
            tensors.clear();
        }
    }
}
