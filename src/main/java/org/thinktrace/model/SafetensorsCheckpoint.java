package org.thinktrace.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A HuggingFace safetensors checkpoint (one file or sharded), opened for reading tensors as FP32.
 *
 * <p>{@link #open} reads and validates every header (see {@link SafetensorsHeader}) and the shard
 * index, but no tensor data; all problems found raise {@link CheckpointException} (unchecked)
 * naming the file and the tensor. Offsets are {@code long} throughout, so files above 2 GB work.
 *
 * <p>Reading: {@link #readFloat32} returns a fresh direct little-endian buffer of FP32 values
 * (BF16 widened as {@code bits << 16}, F16 via {@link Float#float16ToFloat}) owned by the
 * caller. The bytes come from positional reads of the file into a 1 MB staging buffer, not from
 * a memory mapping: Java 21 cannot unmap a {@code MappedByteBuffer} on demand, and mapped pages
 * count in the process's RSS until the GC frees the mapping, which during a load of several GB
 * would hold the file's pages on top of the converted copy. Reading this way, a load holds the
 * converted tensors plus about 4 MB of buffers, never a second copy of the weights.
 *
 * <p>Thread-safety: several threads may read at once (positional reads of shared channels, a
 * staging buffer per thread), e.g. two halves of one block of rows; {@link #bytesRead()} and
 * {@link #totalBytes()} may be polled from any thread (e.g. for a progress bar). A read that
 * another thread's {@link #close()} overtakes fails ({@link CheckpointException}, or
 * {@link IllegalStateException} if it had not opened its file yet).
 */
public final class SafetensorsCheckpoint implements AutoCloseable {

    private static final int STAGING_BYTES = 1 << 20;
    private static final int READ_SLICE_BYTES = 16 << 20;
    private static final int MAX_BUFFER_BYTES = Integer.MAX_VALUE - 8;

    private final CheckpointLayout layout;
    private final Map<String, TensorInfo> tensors;
    private final long totalBytes;
    private final AtomicLong bytesRead = new AtomicLong();
    private final Map<Path, FileChannel> channels = new HashMap<>();
    /** Each reading thread converts through its own staging buffer (reads share the channels). */
    private final ThreadLocal<ReadScratch> scratch = ThreadLocal.withInitial(ReadScratch::new);
    /** Tensors of a GGUF file that are decoded on reading (quantized, or q/k rows to un-permute), by key. */
    private final Map<String, GgufRows> decoded;
    private boolean closed;

    private SafetensorsCheckpoint(CheckpointLayout layout, Map<String, TensorInfo> tensors) {
        this(layout, tensors, Map.of());
    }

    private SafetensorsCheckpoint(CheckpointLayout layout, Map<String, TensorInfo> tensors,
                                  Map<String, GgufRows> decoded) {
        this.layout = layout;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.decoded = Map.copyOf(decoded);
        this.totalBytes = tensors.values().stream().mapToLong(TensorInfo::byteLength).sum();
    }

    /**
     * Opens the checkpoint in {@code folder}: {@code model.safetensors.index.json} when present,
     * else {@code model.safetensors}, else every {@code *.safetensors} file of the folder. A path
     * to a single {@code .safetensors} file is accepted too.
     *
     * @throws CheckpointException for a missing, broken, hostile or pickle-only checkpoint
     */
    public static SafetensorsCheckpoint open(Path folder) {
        return open(folder, Integer.MAX_VALUE);
    }

    /**
     * As {@link #open(Path)}, with at most {@code maxTensors} tensors in all files together (a model needs a
     * known number; a header listing a million is refused before it is built).
     */
    public static SafetensorsCheckpoint open(Path folder, int maxTensors) {
        CheckpointLayout layout = CheckpointLayout.resolve(folder);
        Map<Path, SafetensorsHeader> headers = new LinkedHashMap<>();
        int remaining = maxTensors;
        for (Path file : layout.files()) {
            SafetensorsHeader header = SafetensorsHeader.read(file, Math.max(0, remaining));
            headers.put(file, header);
            remaining = remaining == Integer.MAX_VALUE ? remaining : remaining - header.tensors().size();
        }
        Map<String, TensorInfo> tensors = layout.indexFile() == null
                ? mergeFiles(headers)
                : followIndex(layout, headers);
        return new SafetensorsCheckpoint(layout, tensors);
    }

    /**
     * The tensors of a GGUF file under the Hugging Face keys of {@link ParameterSpec} ({@link GgufTensorNames}),
     * read like a safetensors checkpoint: F32, F16 and BF16 tensors straight from the file, quantized ones
     * decoded ({@link GgufDequantizer}) and LLaMA q/k rows un-permuted as their rows are read, so that a loader
     * reading rows by blocks never holds an FP32 copy of more than a block. Tensors ThinkTrace has no parameter
     * for are left out; two that map to one key ({@code blk.1.attn_q.weight} and {@code blk.01.attn_q.weight}) are
     * refused as ambiguous. For {@link TensorInfo}, a quantized tensor reports its GGUF byte length and dtype F32
     * (what it decodes to).
     */
    public static SafetensorsCheckpoint ofGguf(GgufFile gguf, ModelConfig config) {
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, GgufRows> decoded = new HashMap<>();
        Map<String, String> ggufNames = new HashMap<>();
        for (GgufTensorInfo tensor : gguf.tensors().values()) {
            String key = GgufTensorNames.parameterKey(tensor.name());
            if (key == null) continue;
            String earlier = ggufNames.putIfAbsent(key, tensor.name());
            if (earlier != null) {
                throw new CheckpointException(gguf.file(), "tensors " + earlier + " and " + tensor.name()
                        + " both map to " + key + "; which one to load is ambiguous");
            }
            TensorDataType dtype = switch (tensor.type()) {
                case F16 -> TensorDataType.F16;
                case BF16 -> TensorDataType.BF16;
                default -> TensorDataType.F32;
            };
            tensors.put(key, new TensorInfo(key, dtype, tensor.shape(), gguf.file(), tensor.dataOffset(),
                    tensor.byteLength()));
            // llama.cpp's converter permutes the rows of q/k weights and the elements of their biases alike
            int permutedHeads = !GgufModelConfig.hasPermutedQk(config) ? 0
                    : key.matches(".*self_attn\\.q_proj\\.(weight|bias)") ? config.numAttentionHeads()
                    : key.matches(".*self_attn\\.k_proj\\.(weight|bias)") ? config.numKeyValueHeads() : 0;
            if (tensor.type().isQuantized() || permutedHeads > 0) {
                decoded.put(key, new GgufRows(tensor, permutedHeads, config.headDim()));
            }
        }
        CheckpointLayout layout = new CheckpointLayout(gguf.file(), null, List.of(gguf.file()), Map.of());
        return new SafetensorsCheckpoint(layout, tensors, decoded);
    }

    /**
     * How to read one GGUF tensor's rows: decoded from its type, and, with {@code permutedHeads} above 0, row
     * {@code r} of the Hugging Face order (an element, for a bias) taken from llama.cpp's interleaved row of the
     * same head (see {@link GgufTensorNames#unpermuteRotaryRows}).
     */
    private record GgufRows(GgufTensorInfo tensor, int permutedHeads, int headDim) {

        /** The GGUF row holding Hugging Face row {@code row}. */
        long sourceRow(long row) {
            if (permutedHeads == 0) return row;
            long head = row / headDim;
            int within = (int) (row % headDim);
            int half = headDim / 2;
            return head * headDim + 2L * (within % half) + within / half;
        }
    }

    private static Map<String, TensorInfo> mergeFiles(Map<Path, SafetensorsHeader> headers) {
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (SafetensorsHeader header : headers.values()) {
            for (TensorInfo info : header.tensors().values()) {
                TensorInfo earlier = tensors.putIfAbsent(info.name(), info);
                if (earlier != null) {
                    throw new CheckpointException(info.file(), "tensor " + info.name()
                            + " is also in " + earlier.file().getFileName() + "; which one to load is ambiguous");
                }
            }
        }
        return tensors;
    }

    private static Map<String, TensorInfo> followIndex(CheckpointLayout layout, Map<Path, SafetensorsHeader> headers) {
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : layout.weightMap().entrySet()) {
            Path file = layout.source().resolve(e.getValue());
            TensorInfo info = headers.get(file).tensors().get(e.getKey());
            if (info == null) {
                throw new CheckpointException(layout.indexFile(), "tensor " + e.getKey() + " is mapped to "
                        + e.getValue() + ", whose header has no such tensor");
            }
            tensors.put(e.getKey(), info);
        }
        return tensors;
    }

    /** The folder (or file) this checkpoint was opened from. */
    public Path source() {
        return layout.source();
    }

    /** The safetensors files read. */
    public List<Path> files() {
        return layout.files();
    }

    /** All tensor names, in index or header order. */
    public Set<String> tensorNames() {
        return tensors.keySet();
    }

    /** Whether the checkpoint holds {@code name} (for optional tensors such as biases). */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /**
     * Where and what {@code name} is.
     *
     * @throws CheckpointException when the tensor is missing, naming the closest names present
     */
    public TensorInfo info(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw missing(name);
        }
        return info;
    }

    /**
     * The tensor's info after checking its shape.
     *
     * @throws CheckpointException when it is missing or its shape differs, stating expected and actual
     */
    public TensorInfo requireShape(String name, long... expected) {
        TensorInfo info = info(name);
        if (!info.hasShape(expected)) {
            throw new CheckpointException(info.file(), "tensor " + name + " has shape "
                    + TensorShape.format(info.shape()) + " but the model config expects "
                    + TensorShape.format(expected));
        }
        return info;
    }

    /** Bytes of tensor data in the checkpoint, as stored (the denominator of load progress). */
    public long totalBytes() {
        return totalBytes;
    }

    /** Bytes of tensor data read from the files so far by this checkpoint. */
    public long bytesRead() {
        return bytesRead.get();
    }

    /**
     * Reads a whole tensor as FP32.
     *
     * @return a new direct little-endian buffer, position 0, holding {@code elementCount} floats
     * @throws IllegalArgumentException when the FP32 copy would exceed a buffer's 2 GB; read it by rows
     * @throws CheckpointException      when the file cannot be read or ends early
     */
    public ByteBuffer readFloat32(String name) {
        TensorInfo info = info(name);
        long rows = info.rank() == 0 ? 1 : info.shape()[0];
        return readFloat32Rows(name, 0, rows);
    }

    /**
     * Reads rows {@code [firstRow, firstRow + rowCount)} of a tensor along its first dimension as
     * FP32 (a slice of {@code rowCount × (elementCount / shape[0])} floats), for tensors whose FP32
     * copy exceeds one buffer. A scalar counts as one row.
     *
     * @return a new direct little-endian buffer, position 0
     */
    public ByteBuffer readFloat32Rows(String name, long firstRow, long rowCount) {
        TensorInfo info = info(name);
        long rowElements = rowElements(info, firstRow, rowCount);
        long outBytes = rowCount * rowElements * Float.BYTES;
        if (outBytes > MAX_BUFFER_BYTES) {
            throw new IllegalArgumentException("tensor " + name + " " + TensorShape.format(info.shape()) + ": "
                    + rowCount + " rows take " + outBytes + " bytes as FP32, more than one buffer holds;"
                    + " read at most " + MAX_BUFFER_BYTES / Math.max(1, rowElements * Float.BYTES) + " rows at a time");
        }
        ByteBuffer out = ByteBuffer.allocateDirect((int) outBytes).order(ByteOrder.LITTLE_ENDIAN);
        readFloat32Rows(name, firstRow, rowCount, out);
        return out.clear();
    }

    /**
     * Reads rows {@code [firstRow, firstRow + rowCount)} of a tensor as FP32 into {@code out}, from
     * its position on, so that a loader can reuse one staging buffer for a whole checkpoint.
     *
     * @param out a little-endian buffer with at least {@code rowCount × rowElements × 4} bytes remaining;
     *            its position advances past the written floats
     * @throws IllegalArgumentException when the rows are out of range, do not fit in {@code out}, or
     *                                  {@code out} is big-endian
     */
    public void readFloat32Rows(String name, long firstRow, long rowCount, ByteBuffer out) {
        TensorInfo info = info(name);
        long rowElements = rowElements(info, firstRow, rowCount);
        if (out.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException("the buffer for tensor " + name + " must be little-endian");
        }
        if (rowCount * rowElements * Float.BYTES > out.remaining()) {
            throw new IllegalArgumentException("tensor " + name + ": " + rowCount + " rows need "
                    + rowCount * rowElements * Float.BYTES + " bytes as FP32 but the buffer has " + out.remaining());
        }
        int end = out.position() + (int) (rowCount * rowElements * Float.BYTES);
        int limit = out.limit();
        out.limit(end);
        long fileRowBytes = rowElements * info.dtype().bytes();
        long position = info.dataOffset() + firstRow * fileRowBytes;
        long length = rowCount * fileRowBytes;
        FileChannel channel = channel(info.file());
        GgufRows rows = decoded.get(name);
        if (rows != null) {
            readDecoded(channel, info, rows, firstRow, rowCount, out);
        } else if (info.dtype() == TensorDataType.F32) {
            readFully(channel, info, position, out);
        } else {
            readConverted(channel, info, position, length, out);
        }
        out.position(end).limit(limit);
    }

    /**
     * The GGUF block type of tensor {@code name} when it is a quantized tensor of a GGUF file (Q8_0, Q4_0, …),
     * else null (a safetensors tensor, or a GGUF tensor in F32, F16 or BF16).
     */
    public GgufTensorType storedBlockType(String name) {
        GgufRows rows = decoded.get(info(name).name());
        return rows == null || !rows.tensor().type().isQuantized() ? null : rows.tensor().type();
    }

    /**
     * Reads rows {@code [firstRow, firstRow + rowCount)} of a quantized GGUF tensor as the file stores them (its
     * blocks, row after row; LLaMA q/k rows in Hugging Face order, as {@link #readFloat32Rows} gives them) into
     * {@code out} from its position, which advances past them.
     *
     * @throws IllegalArgumentException when the tensor is not a quantized GGUF tensor ({@link #storedBlockType}),
     *                                  the rows are out of range or do not fit in {@code out}
     */
    public void readStoredRows(String name, long firstRow, long rowCount, ByteBuffer out) {
        TensorInfo info = info(name);
        GgufRows rows = decoded.get(name);
        if (rows == null || !rows.tensor().type().isQuantized()) {
            throw new IllegalArgumentException("tensor " + name + " is not a quantized GGUF tensor");
        }
        long rowElements = rowElements(info, firstRow, rowCount);
        GgufTensorType type = rows.tensor().type();
        if (rowElements % type.blockSize() != 0) {
            throw new CheckpointException(info.file(), "tensor " + rows.tensor().name() + ": rows of " + rowElements
                    + " elements are not whole " + type + " blocks");
        }
        long rowBytes = rowElements / type.blockSize() * type.blockBytes();
        if (rowCount * rowBytes > out.remaining()) {
            throw new IllegalArgumentException("tensor " + name + ": " + rowCount + " rows take " + rowCount * rowBytes
                    + " bytes but the buffer has " + out.remaining());
        }
        FileChannel channel = channel(info.file());
        int limit = out.limit();
        long contiguous = rows.permutedHeads() > 0 ? 1 : rowCount;
        for (long done = 0; done < rowCount; done += contiguous) {
            out.limit(Math.toIntExact(out.position() + contiguous * rowBytes));
            readFully(channel, info, rows.tensor().dataOffset() + rows.sourceRow(firstRow + done) * rowBytes, out);
        }
        out.limit(limit);
    }

    /** Elements per row of {@code info}, after checking that the rows lie inside the tensor. */
    private static long rowElements(TensorInfo info, long firstRow, long rowCount) {
        long rows = info.rank() == 0 ? 1 : info.shape()[0];
        if (firstRow < 0 || rowCount < 0 || firstRow > rows - rowCount) {
            throw new IllegalArgumentException("rows [" + firstRow + ", " + (firstRow + rowCount) + ") outside "
                    + info.name() + " " + TensorShape.format(info.shape()));
        }
        return rows == 0 ? 0 : info.elementCount() / rows;
    }

    private void readConverted(FileChannel channel, TensorInfo info, long position, long length, ByteBuffer out) {
        ReadScratch own = scratch.get();
        ByteBuffer staging = own.staging();
        Float32Conversion conversion = own.conversion();
        long done = 0;
        while (done < length) {
            int chunk = (int) Math.min(STAGING_BYTES, length - done);
            staging.clear().limit(chunk);
            readFully(channel, info, position + done, staging);
            staging.flip();
            conversion.convert(info.dtype(), staging, out);
            done += chunk;
        }
    }

    /**
     * Reads GGUF rows, decoding them to FP32 into {@code out} from its position: contiguous rows a staging
     * buffer at a time, permuted rows one at a time.
     */
    private void readDecoded(FileChannel channel, TensorInfo info, GgufRows rows, long firstRow, long rowCount,
                             ByteBuffer out) {
        GgufTensorInfo tensor = rows.tensor();
        // a row as this class counts them: along the first dimension, so one element of a 1-D tensor (a bias)
        int rowLength = Math.toIntExact(info.elementCount() / info.shape()[0]);
        if (rowLength % tensor.type().blockSize() != 0) {
            throw new CheckpointException(info.file(), "tensor " + tensor.name() + ": rows of " + rowLength
                    + " elements are not whole " + tensor.type() + " blocks");
        }
        long rowBytes = (long) rowLength / tensor.type().blockSize() * tensor.type().blockBytes();
        int perChunk = rows.permutedHeads() > 0 ? 1 : (int) Math.max(1, Math.min(rowCount, STAGING_BYTES / rowBytes));
        ReadScratch own = scratch.get();          // reused: a load decodes thousands of blocks of rows
        ByteBuffer staging = perChunk * rowBytes <= STAGING_BYTES ? own.staging()
                : ByteBuffer.allocate(Math.toIntExact(perChunk * rowBytes)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = own.decoded(perChunk * rowLength);
        java.nio.FloatBuffer target = out.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (long done = 0; done < rowCount; done += perChunk) {
            int n = (int) Math.min(perChunk, rowCount - done);
            staging.clear().limit(Math.toIntExact(n * rowBytes));
            readFully(channel, info, tensor.dataOffset() + rows.sourceRow(firstRow + done) * rowBytes, staging);
            staging.flip();
            GgufDequantizer.dequantize(tensor.type(), staging, values, 0, n * rowLength);
            target.put(values, 0, n * rowLength);
        }
    }

    /** Fills {@code target} from its position to its limit with file bytes starting at {@code position}. */
    private void readFully(FileChannel channel, TensorInfo info, long position, ByteBuffer target) {
        int end = target.limit();
        long at = position;
        try {
            while (target.position() < end) {
                target.limit(Math.min(end, target.position() + READ_SLICE_BYTES));
                int n = channel.read(target, at);
                if (n < 0) {
                    throw new CheckpointException(info.file(), "the file ended at byte " + at + " while reading tensor "
                            + info.name() + " (was it changed or truncated after opening?)");
                }
                at += n;
                bytesRead.addAndGet(n);
            }
        } catch (IOException e) {
            throw new CheckpointException(info.file(), "cannot read tensor " + info.name() + ": " + e.getMessage(), e);
        } finally {
            target.limit(end);
        }
    }

    private synchronized FileChannel channel(Path file) {
        if (closed) {
            throw new IllegalStateException("checkpoint " + layout.source() + " is closed");
        }
        FileChannel channel = channels.get(file);
        if (channel == null) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new CheckpointException(file, "cannot open: " + e.getMessage(), e);
            }
            channels.put(file, channel);
        }
        return channel;
    }

    private CheckpointException missing(String name) {
        Path where = layout.indexFile() != null ? layout.indexFile() : layout.source();
        List<String> close = CloseMatches.of(name, tensors.keySet(), 3);
        String hint = tensors.isEmpty() ? "the checkpoint holds no tensors at all"
                : close.isEmpty()
                ? "no tensor has a similar name; it holds " + tensors.size() + " tensors, e.g. "
                        + String.join(", ", tensors.keySet().stream().limit(3).toList())
                : "close matches: " + String.join(", ", close);
        return new CheckpointException(where, "tensor " + name + " is missing; " + hint);
    }

    /** Closes the files; the tensors already returned stay valid (they are copies). */
    @Override
    public synchronized void close() {
        closed = true;
        CheckpointException failure = null;
        for (Map.Entry<Path, FileChannel> e : channels.entrySet()) {
            try {
                e.getValue().close();
            } catch (IOException ex) {
                failure = new CheckpointException(e.getKey(), "cannot close: " + ex.getMessage(), ex);
            }
        }
        channels.clear();
        scratch.remove();
        if (failure != null) {
            throw failure;
        }
    }

    /** A reading thread's staging buffer for file bytes and its converter to FP32. */
    private record ReadScratch(ByteBuffer staging, Float32Conversion conversion, float[][] decoded) {
        ReadScratch() {
            this(ByteBuffer.allocateDirect(STAGING_BYTES).order(ByteOrder.LITTLE_ENDIAN), new Float32Conversion(),
                    new float[1][]);
        }

        /** An array of at least {@code length} floats for decoded GGUF rows, kept from call to call. */
        float[] decoded(int length) {
            if (decoded[0] == null || decoded[0].length < length) {
                decoded[0] = new float[length];
            }
            return decoded[0];
        }
    }
}
