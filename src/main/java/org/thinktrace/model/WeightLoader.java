package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.Memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Fills {@link DecoderWeights} from a safetensors checkpoint, one tensor at a time.
 *
 * <p>Each tensor is allocated once in PyTorch memory, in its stored type (FP32, or FP16 for
 * matrices and biases when asked), and filled in row blocks through one reused staging buffer:
 * the checkpoint converts BF16/F16 to FP32 into the staging buffer, PyTorch wraps it without a
 * copy and copies it into the tensor's rows (FP16 blocks are narrowed in Java into a second
 * staging buffer first). Loading thus never holds a second copy of any tensor, needs no Java
 * direct memory at all (the staging buffers are native memory freed when loading ends), and the
 * weights are freed when their manager closes.
 */
final class WeightLoader {

    private static final int STAGING_BYTES = 64 << 20;

    private WeightLoader() {
    }

    static DecoderWeights load(ModelConfig config, SafetensorsCheckpoint checkpoint, NDManager parent,
                               ComputePrecision precision, LoadProgress progress) {
        List<ParameterSpec> specs = ParameterSpec.all(config);
        for (ParameterSpec spec : specs) {
            checkpoint.requireShape(spec.key(), spec.shape());
        }
        long total = 0;
        for (ParameterSpec spec : specs) {
            total += checkpoint.info(spec.key()).byteLength();
        }
        NDManager manager = parent.newSubManager();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        // staging memory is freed when loading ends, not whenever the GC gets to a direct buffer
        // (the bench measured 96 MB still resident after loading that way)
        Memory stagingMemory = new Memory(STAGING_BYTES);
        Memory halfStagingMemory = precision.dataType() == DataType.FLOAT32 ? null : new Memory(STAGING_BYTES / 2);
        ByteBuffer staging = stagingMemory.getByteBuffer(0, STAGING_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer halfStaging = halfStagingMemory == null ? null
                : halfStagingMemory.getByteBuffer(0, STAGING_BYTES / 2).order(ByteOrder.LITTLE_ENDIAN);
        long done = 0;
        try {
            progress.update(0, total);
            for (ParameterSpec spec : specs) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("loading " + checkpoint.source() + " was cancelled");
                }
                DataType stored = storedType(spec, precision);
                arrays.put(spec.key(), read(checkpoint, spec, manager, stored == DataType.FLOAT32 ? null : halfStaging,
                        staging, stored));
                done += checkpoint.info(spec.key()).byteLength();
                progress.update(done, total);
            }
        } catch (RuntimeException e) {
            manager.close();
            if (Thread.currentThread().isInterrupted() && !(e instanceof CancellationException)) {
                // an interrupt during a file read closes the channel: that is a cancellation too
                CancellationException cancelled = new CancellationException(
                        "loading " + checkpoint.source() + " was cancelled");
                cancelled.initCause(e);
                throw cancelled;
            }
            throw e;
        } finally {
            stagingMemory.close();          // no array wraps it any more: each block's scratch manager is closed
            if (halfStagingMemory != null) {
                halfStagingMemory.close();
            }
        }
        return DecoderWeights.assemble(config, manager, arrays);
    }

    /** Matrices and biases are held in {@code precision}; norm weights always in FP32. */
    static DataType storedType(ParameterSpec spec, ComputePrecision precision) {
        boolean converted = spec.shape().length == 2 || spec.key().endsWith(".bias");
        return converted ? precision.dataType() : DataType.FLOAT32;
    }

    /**
     * Reads one tensor block by block; with {@code halfStaging} non-null, each FP32 block is
     * narrowed to FP16 in Java into it (no PyTorch temporaries, whose freed blocks would otherwise
     * stay in the C heap and inflate the resident size by a good part of the model).
     */
    private static NDArray read(SafetensorsCheckpoint checkpoint, ParameterSpec spec, NDManager manager,
                                ByteBuffer halfStaging, ByteBuffer staging, DataType stored) {
        long[] shape = spec.shape();
        long rows = shape[0];
        long rowBytes = spec.elementCount() / rows * Float.BYTES;
        if (rowBytes > STAGING_BYTES) {
            throw new CheckpointException(checkpoint.info(spec.key()).file(), "tensor " + spec.key()
                    + " has rows of " + rowBytes + " bytes, more than the loader's block of " + STAGING_BYTES);
        }
        long blockRows = STAGING_BYTES / rowBytes;
        NDArray array = manager.create(new Shape(shape), stored);                    // uninitialised
        for (long first = 0; first < rows; first += blockRows) {
            long count = Math.min(blockRows, rows - first);
            staging.clear();
            checkpoint.readFloat32Rows(spec.key(), first, count, staging);
            staging.flip();
            long[] blockShape = shape.clone();
            blockShape[0] = count;
            try (NDManager scratch = manager.newSubManager()) {
                NDArray block = halfStaging == null
                        ? scratch.create(staging, new Shape(blockShape), DataType.FLOAT32)          // wraps staging
                        : scratch.create(narrowToHalf(staging, halfStaging), new Shape(blockShape),
                                DataType.FLOAT16);                                                   // wraps half staging
                array.set(new NDIndex("{}:{}", first, first + count), block);                   // copies rows
            }
        }
        return array;
    }

    /** Writes the FP32 values of {@code source} (position to limit) as FP16 into {@code target}, flipped. */
    private static ByteBuffer narrowToHalf(ByteBuffer source, ByteBuffer target) {
        target.clear();
        int count = source.remaining() / Float.BYTES;
        int base = source.position();
        for (int i = 0; i < count; i++) {
            target.putShort(Float.floatToFloat16(source.getFloat(base + i * Float.BYTES)));
        }
        return target.flip();
    }
}
