package org.thinktrace.model;

import ai.djl.ndarray.NDManager;
import com.sun.jna.Memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads one [rows, cols] checkpoint tensor into a {@link QuantizedMatrix} (int8 or 4-bit): block
 * by block of rows, each block's two halves at once (a helper thread and the caller), each half
 * converted to FP32 in a native staging buffer of its own and quantized straight into the
 * quantized tensor's memory. No FP32 copy of the tensor is ever held; the staging buffers are
 * freed before this returns.
 *
 * <p>GGUF blocks that the format holds without an FP32 pass are taken as stored instead
 * (no FP32 pass): Q4_0 into 4-bit as it is ({@link Q4Matrix#putQ4_0Rows}), Q8_0 into int8
 * requantized from its blocks ({@link Int8Matrix#requantizeQ8_0Rows}).
 */
final class QuantizedWeightReader {

    private QuantizedWeightReader() {
    }

    /**
     * @param precision  the format to hold the tensor in ({@link ComputePrecision#isQuantized()})
     * @param blockBytes FP32 bytes of a block of rows (both halves)
     * @return the matrix, owned by {@code manager}
     * @throws CheckpointException naming the file, tensor and row when a value cannot be quantized (NaN or infinite)
     */
    static QuantizedMatrix read(SafetensorsCheckpoint checkpoint, String key, ComputePrecision precision,
                                NDManager manager, int blockBytes) {
        TensorInfo info = checkpoint.info(key);
        long[] shape = info.shape();
        int rows = Math.toIntExact(shape[0]);
        int cols = Math.toIntExact(shape[1]);
        long rowBytes = (long) cols * Float.BYTES;
        int blockRows = (int) Math.max(2, Math.min(rows, blockBytes / rowBytes));
        QuantizedMatrix matrix = QuantizedMatrix.allocate(precision, rows, cols, manager);
        PagePrefault.populate(matrix.valueMemory());          // written whole below: its pages in one call
        PagePrefault.populate(matrix.scaleMemory());
        int stagingBytes = Math.toIntExact((blockRows - blockRows / 2) * rowBytes);
        ExecutorService helper = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("thinktrace-quantize-load").daemon().factory());
        try (Memory own = new Memory(stagingBytes); Memory other = new Memory(stagingBytes)) {
            ByteBuffer ownStaging = own.getByteBuffer(0, stagingBytes).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer otherStaging = other.getByteBuffer(0, stagingBytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int first = 0; first < rows; first += blockRows) {
                int count = Math.min(blockRows, rows - first);
                int helperRows = count / 2;
                int start = first;
                Future<?> helped = helper.submit(() ->
                        quantizeRows(checkpoint, info, matrix, start, helperRows, otherStaging));
                RuntimeException failure = null;
                try {
                    quantizeRows(checkpoint, info, matrix, first + helperRows, count - helperRows, ownStaging);
                } catch (RuntimeException e) {
                    failure = e;
                }
                RuntimeException helperFailure = WeightLoader.awaitUninterruptibly(helped);   // never cancelled: it writes into memory freed on failure
                if (failure != null || helperFailure != null) {
                    throw failure != null ? failure : helperFailure;
                }
            }
        } finally {
            helper.shutdownNow();
        }
        return matrix;
    }

    private static void quantizeRows(SafetensorsCheckpoint checkpoint, TensorInfo info, QuantizedMatrix matrix,
                                     int first, int count, ByteBuffer staging) {
        if (count == 0) {
            return;
        }
        staging.clear();
        try {
            if (matrix instanceof Q4Matrix q4 && checkpoint.storedBlockType(info.name()) == GgufTensorType.Q4_0) {
                checkpoint.readStoredRows(info.name(), first, count, staging);
                q4.putQ4_0Rows(staging.flip(), first, count);
                return;
            }
            if (matrix instanceof Int8Matrix int8 && checkpoint.storedBlockType(info.name()) == GgufTensorType.Q8_0) {
                checkpoint.readStoredRows(info.name(), first, count, staging);
                int8.requantizeQ8_0Rows(staging.flip(), first, count);
                return;
            }
            checkpoint.readFloat32Rows(info.name(), first, count, staging);
            matrix.quantizeRows(staging.flip(), first, count);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(info.file(), "tensor " + info.name() + ", rows from " + first + ": "
                    + e.getMessage() + "; quantization needs finite weights");
        }
    }
}
