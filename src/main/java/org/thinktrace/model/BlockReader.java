package org.thinktrace.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Reads the row blocks of a checkpoint on a helper thread, one block ahead of the thread that
 * copies them into PyTorch memory, so that reading and widening (file → FP32, or → FP16) overlap
 * with the copy instead of alternating with it.
 *
 * <p>Two staging buffers of {@code stagingBytes} circulate between the threads (two more of half
 * the size when some blocks are narrowed to FP16): the helper fills one while the consumer copies the
 * other. The helper touches only Java buffers and the checkpoint, never PyTorch, so all native
 * allocations stay on the consumer's thread. Blocks come out of {@link #next()} in the order
 * given. Errors of the helper (a broken file) are rethrown by {@link #next()} as they were thrown.
 *
 * <p>Not thread-safe: one consumer thread calls {@link #next()}, {@link #release} and
 * {@link #close()}.
 */
final class BlockReader implements AutoCloseable {

    /** Rows {@code [first, first + count)} of the tensor {@code key}, delivered as FP16 when {@code narrow}. */
    record Block(String key, long first, long count, boolean narrow) {
    }

    /** A block read into {@code data} (FP32, or FP16 for a narrowed block), positioned at 0. */
    record Filled(Block block, ByteBuffer data, Staging staging) {
    }

    /** One staging slot: the FP32 buffer and, when narrowing, its FP16 companion. */
    static final class Staging {
        private final ByteBuffer wide;
        private final ByteBuffer half;

        private Staging(int bytes, boolean narrow) {
            this.wide = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
            this.half = narrow ? ByteBuffer.allocateDirect(bytes / 2).order(ByteOrder.LITTLE_ENDIAN) : null;
        }
    }

    private static final int SLOTS = 2;
    private static final long POLL_MILLIS = 20;

    private final SafetensorsCheckpoint checkpoint;
    private final List<Block> blocks;
    private final BlockingQueue<Staging> free = new ArrayBlockingQueue<>(SLOTS);
    private final BlockingQueue<Object> filled = new ArrayBlockingQueue<>(SLOTS + 1);
    private final Thread helper;
    private volatile boolean stopped;
    private int delivered;

    /**
     * Starts reading at once.
     *
     * @param stagingBytes the FP32 size of the largest block
     */
    BlockReader(SafetensorsCheckpoint checkpoint, List<Block> blocks, int stagingBytes) {
        this.checkpoint = checkpoint;
        this.blocks = List.copyOf(blocks);
        boolean narrow = blocks.stream().anyMatch(Block::narrow);
        for (int i = 0; i < SLOTS; i++) {
            free.add(new Staging(stagingBytes, narrow));
        }
        this.helper = new Thread(this::readAll, "thinktrace-weight-reader");
        helper.setDaemon(true);
        helper.start();
    }

    /**
     * The next block, in order, waiting for the helper if needed.
     *
     * @throws CancellationException when the calling thread is interrupted while waiting (its
     *                               interrupt flag stays set)
     * @throws RuntimeException      whatever reading the block threw on the helper
     */
    Filled next() {
        if (delivered == blocks.size()) {
            throw new IllegalStateException("all " + blocks.size() + " blocks were delivered");
        }
        Object item;
        try {
            item = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("loading " + checkpoint.source() + " was cancelled");
            cancelled.initCause(e);
            throw cancelled;
        }
        if (item instanceof RuntimeException failure) {
            throw failure;
        }
        if (item instanceof Error error) {
            throw error;
        }
        delivered++;
        return (Filled) item;
    }

    /** Gives a block's buffers back for the helper to refill; {@code filled.data()} must not be used after. */
    void release(Filled filled) {
        free.add(filled.staging());
    }

    /** Stops the helper (after the block it is reading, if any) and waits for it. */
    @Override
    public void close() {
        stopped = true;
        boolean interrupted = Thread.interrupted();
        try {
            while (helper.isAlive()) {
                try {
                    helper.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readAll() {
        try {
            for (Block block : blocks) {
                Staging staging = takeFree();
                if (staging == null) {
                    return;
                }
                staging.wide.clear();
                checkpoint.readFloat32Rows(block.key(), block.first(), block.count(), staging.wide);
                staging.wide.flip();
                ByteBuffer data = !block.narrow() ? staging.wide : narrowToHalf(staging.wide, staging.half);
                filled.add(new Filled(block, data, staging));
            }
        } catch (RuntimeException | Error e) {
            filled.add(e);
        }
    }

    /** A free slot, or null once {@link #close()} was called. Never interrupted: a file read must not be. */
    private Staging takeFree() {
        while (!stopped) {
            try {
                Staging staging = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (staging != null) {
                    return staging;
                }
            } catch (InterruptedException e) {
                return null;
            }
        }
        return null;
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
