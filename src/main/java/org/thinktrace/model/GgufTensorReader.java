package org.thinktrace.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Reads rows of a {@link GgufFile}'s tensors as floats, decoding each type with
 * {@link GgufDequantizer}. Owns an open channel on the file: close it when done. Not thread-safe.
 */
public final class GgufTensorReader implements AutoCloseable {

    /** Bytes read from the file per pass. */
    private static final int CHUNK_BYTES = 4 << 20;

    private final GgufFile gguf;
    private final FileChannel channel;

    public GgufTensorReader(GgufFile gguf) {
        this.gguf = gguf;
        try {
            this.channel = FileChannel.open(gguf.file(), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new CheckpointException(gguf.file(), "cannot open: " + e.getMessage(), e);
        }
    }

    /** Every element of {@code tensor}, rows one after another. */
    public float[] readAll(GgufTensorInfo tensor) {
        long elements = tensor.elementCount();
        if (elements > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(gguf.file(), "tensor " + tensor.name() + ": " + elements
                    + " elements do not fit one Java array");
        }
        float[] out = new float[(int) elements];
        readRows(tensor, 0, (int) tensor.rowCount(), out, 0);
        return out;
    }

    /**
     * Decodes rows {@code [firstRow, firstRow + rows)} of {@code tensor} into {@code out[outOffset ..]}.
     *
     * @throws IndexOutOfBoundsException when the rows lie outside the tensor or do not fit {@code out}
     */
    public void readRows(GgufTensorInfo tensor, long firstRow, int rows, float[] out, int outOffset) {
        long rowLength = tensor.rowLength();
        if (firstRow < 0 || rows < 0 || firstRow + rows > tensor.rowCount()) {
            throw new IndexOutOfBoundsException("rows [" + firstRow + ", " + (firstRow + rows) + ") of "
                    + tensor.rowCount() + " in tensor " + tensor.name());
        }
        if (outOffset < 0 || (long) rows * rowLength > out.length - (long) outOffset) {
            throw new IndexOutOfBoundsException(rows + " rows of " + rowLength + " do not fit at " + outOffset
                    + " in an array of " + out.length);
        }
        long rowBytes = tensor.rowBytes();
        int rowsPerChunk = (int) Math.max(1, Math.min(rows, CHUNK_BYTES / rowBytes));
        ByteBuffer buffer = ByteBuffer.allocate((int) (rowsPerChunk * rowBytes));
        for (int done = 0; done < rows; done += rowsPerChunk) {
            int n = Math.min(rowsPerChunk, rows - done);
            buffer.clear().limit((int) (n * rowBytes));
            fill(buffer, tensor.dataOffset() + (firstRow + done) * rowBytes, tensor);
            buffer.flip();
            GgufDequantizer.dequantize(tensor.type(), buffer, out, (int) (outOffset + done * rowLength),
                    (int) (n * rowLength));
        }
    }

    private void fill(ByteBuffer buffer, long position, GgufTensorInfo tensor) {
        try {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new CheckpointException(gguf.file(), "tensor " + tensor.name()
                            + ": the file ended while reading its data (was it truncated after opening?)");
                }
            }
        } catch (IOException e) {
            throw new CheckpointException(gguf.file(), "tensor " + tensor.name() + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new CheckpointException(gguf.file(), "cannot close: " + e.getMessage(), e);
        }
    }
}
