package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Fills {@link DecoderWeights} from a safetensors checkpoint, one tensor at a time.
 *
 * <p>Each tensor is allocated once in PyTorch memory, in its stored type (FP32, or FP16 for
 * matrices and biases when asked), and filled in row blocks: a {@link BlockReader} reads and
 * widens the next block (BF16/F16 to FP32, narrowed to FP16 in Java when asked) on a helper
 * thread while this thread copies the current one into the tensor's rows (PyTorch wraps the
 * staging buffer without a copy). Loading thus never holds a second copy of any tensor, needs no
 * Java direct memory beyond the staging buffers, makes every native allocation on the calling
 * thread, and the weights are freed when their manager closes.
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
        List<BlockReader.Block> blocks = new ArrayList<>();
        Map<String, ParameterSpec> byKey = new LinkedHashMap<>();
        for (ParameterSpec spec : specs) {
            total += checkpoint.info(spec.key()).byteLength();
            blocks.addAll(blocksOf(checkpoint, spec, storedType(spec, precision) == DataType.FLOAT16));
            byKey.put(spec.key(), spec);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("loading " + checkpoint.source() + " was cancelled");
        }
        NDManager manager = parent.newSubManager();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        long done = 0;
        try (BlockReader reader = new BlockReader(checkpoint, blocks, STAGING_BYTES)) {
            progress.update(0, total);
            for (int i = 0; i < blocks.size(); i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("loading " + checkpoint.source() + " was cancelled");
                }
                BlockReader.Filled filled = reader.next();
                ParameterSpec spec = byKey.get(filled.block().key());
                DataType stored = storedType(spec, precision);
                NDArray array = arrays.computeIfAbsent(spec.key(),
                        key -> manager.create(new Shape(spec.shape()), stored));                  // uninitialised
                copyBlock(filled, spec, array, manager);
                reader.release(filled);
                if (filled.block().first() + filled.block().count() == rows(spec)) {
                    done += checkpoint.info(spec.key()).byteLength();
                    progress.update(done, total);
                }
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
        }
        return DecoderWeights.assemble(config, manager, arrays);
    }

    /** Matrices and biases are held in {@code precision}; norm weights always in FP32. */
    static DataType storedType(ParameterSpec spec, ComputePrecision precision) {
        boolean converted = spec.shape().length == 2 || spec.key().endsWith(".bias");
        return converted ? precision.dataType() : DataType.FLOAT32;
    }

    private static long rows(ParameterSpec spec) {
        return spec.shape()[0];
    }

    /** The row blocks of one tensor, each small enough for a staging buffer as FP32. */
    private static List<BlockReader.Block> blocksOf(SafetensorsCheckpoint checkpoint, ParameterSpec spec, boolean narrow) {
        long rows = rows(spec);
        long rowBytes = spec.elementCount() / rows * Float.BYTES;
        if (rowBytes > STAGING_BYTES) {
            throw new CheckpointException(checkpoint.info(spec.key()).file(), "tensor " + spec.key()
                    + " has rows of " + rowBytes + " bytes, more than the loader's block of " + STAGING_BYTES);
        }
        long blockRows = STAGING_BYTES / rowBytes;
        List<BlockReader.Block> out = new ArrayList<>();
        for (long first = 0; first < rows; first += blockRows) {
            out.add(new BlockReader.Block(spec.key(), first, Math.min(blockRows, rows - first), narrow));
        }
        return out;
    }

    /**
     * Copies one block into its rows of {@code array}. FP16 blocks arrive narrowed in Java (no
     * PyTorch temporaries, whose freed blocks would otherwise stay in the C heap and inflate the
     * resident size by a good part of the model); norm weights of an FP16 model arrive as FP32.
     */
    private static void copyBlock(BlockReader.Filled filled, ParameterSpec spec, NDArray array, NDManager manager) {
        long[] blockShape = spec.shape().clone();
        blockShape[0] = filled.block().count();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray block = scratch.create(filled.data(), new Shape(blockShape),
                    filled.block().narrow() ? DataType.FLOAT16 : DataType.FLOAT32);                   // wraps staging
            array.set(new NDIndex("{}:{}", filled.block().first(),
                    filled.block().first() + filled.block().count()), block);                           // copies rows
        }
    }
}
