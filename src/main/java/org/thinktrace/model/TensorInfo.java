package org.thinktrace.model;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where one tensor of a checkpoint lives, as validated from its safetensors header: its bytes
 * are {@code [dataOffset, dataOffset + byteLength)} of {@code file}, inside the file, and
 * {@code byteLength} equals the element count times the dtype's size.
 *
 * @param name       the tensor's key, e.g. {@code model.layers.0.self_attn.q_proj.weight}
 * @param dtype      element type in the file
 * @param shape      dimensions, outermost first
 * @param file       the safetensors file holding it
 * @param dataOffset absolute byte offset of the first element in {@code file}
 * @param byteLength bytes of data
 */
public record TensorInfo(String name, TensorDataType dtype, long[] shape, Path file, long dataOffset,
                         long byteLength) {

    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long elementCount() {
        return TensorShape.elementCount(shape);
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Whether the shape equals {@code expected}. */
    public boolean hasShape(long... expected) {
        return Arrays.equals(shape, expected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo other && name.equals(other.name) && dtype == other.dtype
                && Arrays.equals(shape, other.shape) && file.equals(other.file)
                && dataOffset == other.dataOffset && byteLength == other.byteLength;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Long.hashCode(dataOffset);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + TensorShape.format(shape) + " in " + file.getFileName()
                + " at " + dataOffset + " (" + byteLength + " bytes)";
    }
}
