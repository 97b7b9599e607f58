package org.thinktrace.model;

import ai.djl.ndarray.NDManager;
import com.sun.jna.Memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads [rows, cols] checkpoint tensors into {@link QuantizedMatrix}es (int8 or 4-bit), one after
 * another during a load: block by block of rows, each block's two halves at once (a helper thread
 * and the caller), each half converted to FP32 in a native staging buffer of its own and quantized
 * straight into the quantized tensor's memory. No FP32 copy of a tensor is ever held; the staging
 * buffers and the helper thread serve every tensor and are freed when the reader is closed.
 *
 * <p>GGUF blocks that the format holds without an FP32 pass are taken as stored instead
 * (no FP32 pass): Q4_0 into 4-bit as it is ({@link Q4Matrix#putQ4_0Rows}), Q4_1 and Q4_K into 4-bit with an offset
 * per group ({@link Q4Matrix#putQ4_1Rows}, {@link Q4Matrix#putQ4KRows}), Q8_0 into int8 requantized from its blocks
 * ({@link Int8Matrix#requantizeQ8_0Rows}).
 */
final class QuantizedWeightReader implements AutoCloseable {

    private final int blockBytes;
    private final ExecutorService helper = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("thinktrace-quantize-load").daemon().factory());
    /** The two halves' staging buffers, kept from tensor to tensor (grown when a tensor needs more). */
    private Memory ownMemory;
    private Memory otherMemory;

    /**
     * A reader for one load: its helper thread and staging buffers serve every tensor it reads until it is closed.
     *
     * @param blockBytes FP32 bytes of a block of rows (both halves)
     */
    QuantizedWeightReader(int blockBytes) {
        this.blockBytes = blockBytes;
    }

    /**
     * @param precision the format to hold the tensor in ({@link ComputePrecision#isQuantized()})
     * @return the matrix, owned by {@code manager}
     * @throws CheckpointException naming the file, tensor and row when a value cannot be quantized (NaN or infinite)
     */
    QuantizedMatrix read(SafetensorsCheckpoint checkpoint, String key, ComputePrecision precision, NDManager manager) {
        TensorInfo info = checkpoint.info(key);
        long[] shape = info.shape();
        int rows = Math.toIntExact(shape[0]);
        int cols = Math.toIntExact(shape[1]);
        long rowBytes = (long) cols * Float.BYTES;
        int blockRows = (int) Math.max(2, Math.min(rows, blockBytes / rowBytes));
        QuantizedMatrix matrix = precision == ComputePrecision.Q4 && isAffine4Bit(checkpoint.storedBlockType(key))
                ? Q4Matrix.withOffsets(manager, rows, cols)
                : QuantizedMatrix.allocate(precision, rows, cols, manager);
        PagePrefault.populate(matrix.valueMemory());          // written whole below: its pages in one call
        PagePrefault.populate(matrix.scaleMemory());
        if (matrix instanceof Q4Matrix q4 && q4.offsetMemory() != null) {
            PagePrefault.populate(q4.offsetMemory());
        }
        int stagingBytes = Math.toIntExact((blockRows - blockRows / 2) * rowBytes);
        ensureStaging(stagingBytes);
        ByteBuffer ownStaging = ownMemory.getByteBuffer(0, stagingBytes).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer otherStaging = otherMemory.getByteBuffer(0, stagingBytes).order(ByteOrder.LITTLE_ENDIAN);
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
        return matrix;
    }

    /**
     * Staging buffers of at least {@code bytes} each: the ones in hand, or new ones. Kept, their pages fault in once
     * per load rather than once per tensor; not prefaulted, since reads of Q8_0 and Q4_0 blocks fill only a part.
     */
    private void ensureStaging(int bytes) {
        if (ownMemory != null && ownMemory.size() >= bytes) {
            return;
        }
        freeStaging();
        ownMemory = new Memory(bytes);
        otherMemory = new Memory(bytes);
    }

    private void freeStaging() {
        if (ownMemory != null) {
            ownMemory.close();
            otherMemory.close();
            ownMemory = null;
            otherMemory = null;
        }
    }

    /** Stops the helper thread and frees the staging buffers; no read is running (each waits for its helper). */
    @Override
    public void close() {
        helper.shutdownNow();
        freeStaging();
    }

    /** Bytes tensor {@code key} ([rows, cols]) takes once read in {@code precision}, a q4 matrix's offsets included. */
    static long heldBytes(SafetensorsCheckpoint checkpoint, String key, ComputePrecision precision, long rows, long cols) {
        boolean offsets = precision == ComputePrecision.Q4 && isAffine4Bit(checkpoint.storedBlockType(key));
        return QuantizedMatrix.heldBytes(precision, rows, cols)
                + (offsets ? rows * Q4Matrix.groups(Math.toIntExact(cols)) * Short.BYTES : 0);
    }

    /** Whether 4-bit GGUF blocks of this type are held in q4 as they are, with an offset per group (Q4_1, Q4_K). */
    static boolean isAffine4Bit(GgufTensorType stored) {
        return stored == GgufTensorType.Q4_1 || stored == GgufTensorType.Q4_K;
    }

    private static void quantizeRows(SafetensorsCheckpoint checkpoint, TensorInfo info, QuantizedMatrix matrix,
                                     int first, int count, ByteBuffer staging) {
        if (count == 0) {
            return;
        }
        staging.clear();
        try {
            GgufTensorType stored = checkpoint.storedBlockType(info.name());
            if (matrix instanceof Q4Matrix q4 && q4.offsetMemory() != null && isAffine4Bit(stored)) {
                checkpoint.readStoredRows(info.name(), first, count, staging);
                if (stored == GgufTensorType.Q4_1) {
                    q4.putQ4_1Rows(staging.flip(), first, count);
                } else {
                    q4.putQ4KRows(staging.flip(), first, count);
                }
                return;
            }
            if (matrix instanceof Q4Matrix q4 && stored == GgufTensorType.Q4_0) {
                checkpoint.readStoredRows(info.name(), first, count, staging);
                q4.putQ4_0Rows(staging.flip(), first, count);
                return;
            }
            if (matrix instanceof Int8Matrix int8 && stored == GgufTensorType.Q8_0) {
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
