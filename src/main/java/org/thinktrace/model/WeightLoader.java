package org.thinktrace.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.Memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills {@link DecoderWeights} from a safetensors checkpoint, one tensor at a time.
 *
 * <p>Each tensor is allocated once in PyTorch memory, in its stored type (FP32, or FP16 for
 * matrices and biases when asked), and filled in row blocks of at most 64 MB, each block in two
 * halves at once on two threads: the checkpoint converts BF16/F16 to FP32 straight into the
 * tensor's memory (FP32), or into a staging buffer that Java then narrows into the tensor's
 * memory (FP16). Loading thus never holds a second copy of any tensor, makes no PyTorch copies,
 * needs no Java direct memory beyond the checkpoint's read buffers (the FP16 staging buffers are
 * native memory freed when loading ends), and the weights are freed when their manager closes.
 */
final class WeightLoader {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WeightLoader.class);

    /** FP32 bytes per block of rows (and of the FP16 path's staging buffer). */
    private static final int BLOCK_BYTES = 64 << 20;

    private WeightLoader() {
    }

    static DecoderWeights load(ModelConfig config, SafetensorsCheckpoint checkpoint, NDManager parent,
                               ComputePrecision precision, LoadProgress progress) {
        return load(config, checkpoint, parent, precision, progress, BLOCK_BYTES, false);
    }

    /**
     * {@link #load(ModelConfig, SafetensorsCheckpoint, NDManager, ComputePrecision, LoadProgress)} in
     * blocks of at most {@code blockBytes} as FP32; with {@code throughHostBlocks}, CPU tensors too
     * are filled the way GPU tensors are (a host block that PyTorch copies in), so that a CPU-only
     * test covers that path.
     */
    static DecoderWeights load(ModelConfig config, SafetensorsCheckpoint checkpoint, NDManager parent,
                               ComputePrecision precision, LoadProgress progress, int blockBytes,
                               boolean throughHostBlocks) {
        List<ParameterSpec> specs = ParameterSpec.all(config);
        for (ParameterSpec spec : specs) {
            checkpoint.requireShape(spec.key(), spec.shape());
        }
        checkLayerCount(config, checkpoint);
        List<String> implausible;
        try {
            checkNotCancelled(checkpoint);
            implausible = WeightPlausibility.problems(checkpoint, specs);
        } catch (RuntimeException e) {
            throw asCancellation(checkpoint, e);
        }
        for (String problem : implausible) {
            LOG.warn("{}: {}; the weights may be stored in another type than the header says (BF16 labelled F16?)"
                    + " and the model will likely produce garbage", checkpoint.source(), problem);
        }
        if (!parent.getDevice().isGpu()) {
            MemoryBudget.require(checkpoint.source(), precision, p -> heldBytes(specs, p, checkpoint),
                    MemoryBudget.availableBytes());
        }
        long total = 0;
        for (ParameterSpec spec : specs) {
            total += checkpoint.info(spec.key()).byteLength();
        }
        NDManager manager = parent.newSubManager();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        Map<String, QuantizedMatrix> quantized = new LinkedHashMap<>();
        HalvedFill fill = new HalvedFill(blockBytes, precision.dataType() == DataType.FLOAT32 ? 0 : blockBytes);
        QuantizedWeightReader quantizing = new QuantizedWeightReader(blockBytes);
        long done = 0;
        try {
            progress.update(LoadProgress.Stage.WEIGHTS, 0, total);
            for (ParameterSpec spec : specs) {
                checkNotCancelled(checkpoint);
                if (isQuantized(spec, precision)) {
                    QuantizedMatrix matrix = quantizing.read(checkpoint, spec.key(), precision, manager);
                    quantized.put(spec.key(), matrix);
                    arrays.put(spec.key(), matrix.values());
                } else {
                    arrays.put(spec.key(), read(checkpoint, spec, manager, blockBytes, storedType(spec, precision), fill,
                            throughHostBlocks));
                }
                done += checkpoint.info(spec.key()).byteLength();
                progress.update(LoadProgress.Stage.WEIGHTS, done, total);
            }
            if (precision.isQuantized() && config.tieWordEmbeddings()) {     // lm_head's own quantized copy
                quantized.put(DecoderWeights.EMBED_TOKENS, quantizing.read(checkpoint,
                        DecoderWeights.EMBED_TOKENS, precision, manager));
            }
        } catch (RuntimeException e) {
            manager.close();
            throw asCancellation(checkpoint, e);
        } finally {
            fill.close();
            quantizing.close();
        }
        return DecoderWeights.assemble(config, manager, arrays, quantized);
    }

    private static void checkNotCancelled(SafetensorsCheckpoint checkpoint) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("loading " + checkpoint.source() + " was cancelled");
        }
    }

    /**
     * {@code e} as the loading thread should see it: an interrupt during a file read closes the channel and
     * surfaces as a read failure, which is a cancellation too.
     */
    private static RuntimeException asCancellation(SafetensorsCheckpoint checkpoint, RuntimeException e) {
        if (!Thread.currentThread().isInterrupted() || e instanceof CancellationException) return e;
        CancellationException cancelled = new CancellationException("loading " + checkpoint.source() + " was cancelled");
        cancelled.initCause(e);
        return cancelled;
    }

    /** Bytes the weights take once loaded in {@code precision}. */
    static long heldBytes(List<ParameterSpec> specs, ComputePrecision precision) {
        return heldBytes(specs, precision, null);
    }

    /**
     * Bytes the weights take once loaded in {@code precision} from {@code checkpoint} (null: as from a safetensors one),
     * whose GGUF Q4_K and Q4_1 matrices take an offset per group in q4 ({@link QuantizedWeightReader#heldBytes}).
     */
    static long heldBytes(List<ParameterSpec> specs, ComputePrecision precision, SafetensorsCheckpoint checkpoint) {
        long bytes = 0;
        for (ParameterSpec spec : specs) {
            long rows = spec.shape()[0];
            bytes += !isQuantized(spec, precision)
                    ? TensorShape.elementCount(spec.shape()) * storedType(spec, precision).getNumOfBytes()
                    : checkpoint == null ? QuantizedMatrix.heldBytes(precision, rows, spec.shape()[1])
                    : QuantizedWeightReader.heldBytes(checkpoint, spec.key(), precision, rows, spec.shape()[1]);
        }
        return bytes;
    }

    /** A checkpoint with layers beyond {@code num_hidden_layers} belongs to another config: say so, do not drop them. */
    static void checkLayerCount(ModelConfig config, SafetensorsCheckpoint checkpoint) {
        int highest = -1;
        String example = null;
        for (String name : checkpoint.tensorNames()) {
            java.util.regex.Matcher layer = LAYER_KEY.matcher(name);
            if (layer.lookingAt() && layer.group(1).length() < 9 && Integer.parseInt(layer.group(1)) > highest) {
                highest = Integer.parseInt(layer.group(1));
                example = name;
            }
        }
        if (highest >= config.numHiddenLayers()) {
            throw new CheckpointException(checkpoint.source(), "config.json says num_hidden_layers is "
                    + config.numHiddenLayers() + " but the checkpoint has tensors for " + (highest + 1)
                    + " layers (e.g. " + example + "): the config does not belong to these weights");
        }
    }

    private static final java.util.regex.Pattern LAYER_KEY = java.util.regex.Pattern.compile("model\\.layers\\.(\\d+)\\.");

    /**
     * Matrices and biases are held in {@code precision}; norm weights always in FP32. With a
     * quantized precision (INT8, Q4), projection matrices and {@code lm_head} are held quantized
     * ({@link #isQuantized}; the type given is that of their values), the embeddings FP16 and
     * biases FP32.
     */
    static DataType storedType(ParameterSpec spec, ComputePrecision precision) {
        if (precision.isQuantized() && spec.shape().length == 2) {
            return spec.key().equals(DecoderWeights.EMBED_TOKENS) ? DataType.FLOAT16 : precision.dataType();
        }
        boolean converted = !precision.isQuantized() && (spec.shape().length == 2 || spec.key().endsWith(".bias"));
        return converted ? precision.dataType() : DataType.FLOAT32;
    }

    /** Whether {@code spec} is held as a {@link QuantizedMatrix} in {@code precision}: a projection or the {@code lm_head}. */
    static boolean isQuantized(ParameterSpec spec, ComputePrecision precision) {
        return precision.isQuantized() && spec.shape().length == 2 && !spec.key().equals(DecoderWeights.EMBED_TOKENS);
    }

    /**
     * Reads one tensor block by block straight into its PyTorch memory: each block of rows is a
     * view of the uninitialised tensor, and the view's memory, seen as a direct buffer, is what
     * {@link HalvedFill} writes, two halves at once. No PyTorch temporaries are made, whose freed
     * blocks would otherwise stay in the C heap and inflate the resident size by a good part of
     * the model.
     */
    private static NDArray read(SafetensorsCheckpoint checkpoint, ParameterSpec spec, NDManager manager,
                                int blockBytes, DataType stored, HalvedFill fill, boolean throughHostBlocks) {
        long[] shape = spec.shape();
        long rows = shape[0];
        long rowElements = spec.elementCount() / rows;
        long rowBytes = rowElements * Float.BYTES;
        if (rowBytes > blockBytes) {
            throw new CheckpointException(checkpoint.info(spec.key()).file(), "tensor " + spec.key()
                    + " has rows of " + rowBytes + " bytes, more than the loader's block of " + blockBytes);
        }
        long blockRows = blockBytes / rowBytes;
        NDArray array = manager.create(new Shape(shape), stored);                    // uninitialised
        boolean inHostMemory = array.getDevice().getDeviceType().equals(Device.Type.CPU) && !throughHostBlocks;
        for (long first = 0; first < rows; first += blockRows) {
            long count = Math.min(blockRows, rows - first);
            long bytes = count * rowElements * stored.getNumOfBytes();
            NDIndex blockRowsIndex = new NDIndex("{}:{}", first, first + count);
            if (inHostMemory) {
                try (NDArray block = array.get(blockRowsIndex)) {                          // a view: same memory
                    ByteBuffer memory = memoryOf(block, bytes);
                    PagePrefault.populate(memory);                 // written whole: its pages in one call
                    fill.rows(checkpoint, spec.key(), first, count, rowElements, memory, stored == DataType.FLOAT16);
                }
            } else {
                // a GPU tensor's memory is not host memory: fill a host block, PyTorch copies it over
                // (DJL's documented device API; not exercised by the tests, which run on CPU only)
                ByteBuffer host = fill.hostBlock(bytes);
                fill.rows(checkpoint, spec.key(), first, count, rowElements, host, stored == DataType.FLOAT16);
                long[] blockShape = shape.clone();
                blockShape[0] = count;
                try (NDManager scratch = manager.newSubManager()) {
                    array.set(blockRowsIndex, scratch.create(host, new Shape(blockShape), stored));
                }
            }
        }
        return array;
    }

    /**
     * The memory of a contiguous CPU view as a little-endian direct buffer, position 0. PyTorch
     * hands out the view's own memory, not a copy, only when the view is contiguous, so a buffer
     * that is not direct or not exactly the view's size is refused rather than written in vain.
     */
    static ByteBuffer memoryOf(NDArray view, long bytes) {
        ByteBuffer buffer = view.toByteBuffer(true);
        if (!buffer.isDirect() || buffer.capacity() != bytes) {
            throw new IllegalStateException("PyTorch did not expose the memory of a " + view.getShape()
                    + " " + view.getDataType() + " block (" + buffer.capacity() + " bytes, direct: "
                    + buffer.isDirect() + ")");
        }
        return buffer.order(ByteOrder.LITTLE_ENDIAN).clear();
    }

    /** Values narrowed per pass of {@link #narrowToHalf}: a loop over arrays the JIT vectorises. */
    private static final int NARROW_CHUNK = 4096;

    /**
     * Writes the FP32 values of {@code source} (position to limit; its position unchanged) as FP16 into
     * {@code target} from its position, which advances past them. Chunk by chunk through arrays, whose conversion
     * loop the JIT vectorises: 3 × faster than a value at a time between the buffers (32 M values, 31 against 10 ms).
     */
    static void narrowToHalf(ByteBuffer source, ByteBuffer target) {
        FloatBuffer in = source.duplicate().order(source.order()).asFloatBuffer();
        ShortBuffer out = target.duplicate().order(target.order()).asShortBuffer();
        int count = in.remaining();
        float[] floats = new float[Math.min(NARROW_CHUNK, count)];
        short[] halves = new short[floats.length];
        for (int done = 0; done < count; ) {
            int n = Math.min(floats.length, count - done);
            in.get(floats, 0, n);
            for (int i = 0; i < n; i++) {
                halves[i] = Float.floatToFloat16(floats[i]);
            }
            out.put(halves, 0, n);
            done += n;
        }
        target.position(target.position() + count * Short.BYTES);
    }

    /**
     * Waits until {@code task} has finished, even when interrupted (the interrupt is kept);
     * returns its failure, if any. The task must not be cancelled by anyone.
     */
    static RuntimeException awaitUninterruptibly(Future<?> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return null;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        return runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    return new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Fills a block of rows in two halves at once, the first on a helper thread and the second on
     * the loading thread (the conversion and the first touch of fresh tensor pages are CPU work
     * that one thread cannot hide). FP16 halves go through an FP32 staging buffer per thread:
     * native memory freed by {@link #close()}, not whenever the GC gets to a direct buffer (direct
     * buffers left 96 MB resident after loading in {@code thinktrace bench}). A call returns only when
     * both halves are written or have failed, so no thread writes into a tensor that its caller
     * has given up on.
     */
    private static final class HalvedFill implements AutoCloseable {

        private final ExecutorService helper = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("thinktrace-load-helper").daemon().factory());
        private final int blockBytes;
        private final Memory[] stagingMemory;
        private final ByteBuffer[] staging;
        private Memory hostMemory;

        /**
         * @param blockBytes   FP32 bytes of the largest block
         * @param stagingBytes FP32 bytes of each thread's staging buffer; 0 when no block is FP16
         */
        HalvedFill(int blockBytes, int stagingBytes) {
            this.blockBytes = blockBytes;
            stagingMemory = stagingBytes == 0 ? null : new Memory[] {new Memory(stagingBytes), new Memory(stagingBytes)};
            staging = stagingMemory == null ? null : new ByteBuffer[] {
                    stagingMemory[0].getByteBuffer(0, stagingBytes).order(ByteOrder.LITTLE_ENDIAN),
                    stagingMemory[1].getByteBuffer(0, stagingBytes).order(ByteOrder.LITTLE_ENDIAN)};
        }

        /** Writes rows {@code [first, first + count)} of tensor {@code key} into {@code target} (FP32 or FP16). */
        void rows(SafetensorsCheckpoint checkpoint, String key, long first, long count, long rowElements,
                  ByteBuffer target, boolean half) {
            long helperRows = count / 2;
            int split = Math.toIntExact(helperRows * rowElements * (half ? Short.BYTES : Float.BYTES));
            ByteBuffer helperPart = target.slice(0, split).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer ownPart = target.slice(split, target.capacity() - split).order(ByteOrder.LITTLE_ENDIAN);
            Future<?> other = helperRows == 0 ? null
                    : helper.submit(() -> part(checkpoint, key, first, helperRows, helperPart, half ? staging[1] : null));
            RuntimeException failure = null;
            try {
                part(checkpoint, key, first + helperRows, count - helperRows, ownPart, half ? staging[0] : null);
            } catch (RuntimeException e) {
                failure = e;
            }
            // The helper's half is never cancelled: a cancelled FutureTask reports itself done while
            // its thread may still be writing, and the caller frees the tensor once this throws. The
            // wait is bounded by half a block (or ends sooner: an interrupt of this thread during a
            // read closes the channel that the helper reads too).
            RuntimeException helperFailure = other == null ? null : awaitUninterruptibly(other);
            if (failure == null) {
                failure = helperFailure;
            }
            if (failure != null) {
                throw failure;
            }
        }

        private static void part(SafetensorsCheckpoint checkpoint, String key, long first, long count,
                                 ByteBuffer target, ByteBuffer narrowingStaging) {
            if (narrowingStaging == null) {
                checkpoint.readFloat32Rows(key, first, count, target);
            } else {
                narrowingStaging.clear();
                checkpoint.readFloat32Rows(key, first, count, narrowingStaging);
                narrowToHalf(narrowingStaging.flip(), target);
            }
        }

        /** A host buffer of {@code bytes} (at most the block size), position 0, for tensors not in host memory. */
        ByteBuffer hostBlock(long bytes) {
            if (hostMemory == null) {
                hostMemory = new Memory(blockBytes);
            }
            return hostMemory.getByteBuffer(0, bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public void close() {
            helper.shutdownNow();
            if (hostMemory != null) {
                hostMemory.close();
            }
            if (stagingMemory != null) {
                stagingMemory[0].close();
                stagingMemory[1].close();
            }
        }
    }
}
