package org.thinktrace.model;

import java.util.Arrays;

/**
 * One tensor of a GGUF file, as validated from its tensor info: its bytes are
 * {@code [dataOffset, dataOffset + byteLength)} of the file, inside the data section, aligned,
 * overlapping no other tensor, and exactly as many as its dims and type need.
 *
 * <p>GGUF lists dims innermost first (ggml's {@code ne}): a weight with {@code dims = [in, out]}
 * is {@code out} rows of {@code in} elements, the transpose of the PyTorch shape
 * {@code [out, in]} that {@link #shape()} returns.
 *
 * @param name       the tensor's name, e.g. {@code blk.0.attn_q.weight}
 * @param type       element type
 * @param dims       dimensions, innermost first, each at least 1
 * @param dataOffset absolute byte offset of the first block in the file
 * @param byteLength bytes of data
 */
public record GgufTensorInfo(String name, GgufTensorType type, long[] dims, long dataOffset, long byteLength) {

    public GgufTensorInfo {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    /** Dimensions outermost first, as safetensors and PyTorch write them. */
    public long[] shape() {
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = dims[dims.length - 1 - i];
        }
        return shape;
    }

    /** Elements per row (the innermost dimension). */
    public long rowLength() {
        return dims[0];
    }

    /** Number of rows: the product of every dimension but the innermost. */
    public long rowCount() {
        long rows = 1;
        for (int i = 1; i < dims.length; i++) {
            rows *= dims[i];
        }
        return rows;
    }

    /** Number of elements. */
    public long elementCount() {
        return rowLength() * rowCount();
    }

    /** Bytes of one row. */
    public long rowBytes() {
        return rowLength() / type.blockSize() * type.blockBytes();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensorInfo t && name.equals(t.name) && type == t.type && Arrays.equals(dims, t.dims)
                && dataOffset == t.dataOffset && byteLength == t.byteLength;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(dims) + " @" + dataOffset + "+" + byteLength;
    }
}
