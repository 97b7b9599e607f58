package org.thinktrace.model;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NativeHeapTest {

    private static final Path STAT = Path.of("/proc/self/stat");
    /** An activation-sized block: [512, 4096] FP32. */
    private static final long BLOCK = 8L << 20;
    private static final int ROUNDS = 16;
    private static final long PAGE = 4096;

    @Test
    void freedBlocksBelowTheThresholdAreReusedWithoutFaultingInAgain() throws IOException {
        assumeTrue(Files.isReadable(STAT), "needs Linux /proc");
        NativeHeap.Policy policy = NativeHeap.reuseActivationBlocks();
        assumeTrue(policy.applied(), policy.description());    // glibc only (not musl), thresholds not set outside

        long live = Native.malloc(4096);                        // a live neighbour, as between a prompt's tensors
        long first = Native.malloc(BLOCK);
        touch(first, BLOCK);
        Native.free(first);
        long before = minorFaults();
        for (int i = 0; i < ROUNDS; i++) {
            long block = Native.malloc(BLOCK);
            touch(block, BLOCK);
            Native.free(block);
        }
        long faults = minorFaults() - before;
        Native.free(live);
        long fresh = ROUNDS * BLOCK / PAGE;                     // what mapping each block afresh costs
        assertTrue(faults < fresh / 4, ROUNDS + " blocks of " + (BLOCK >> 20) + " MiB made and freed in turn faulted "
                + faults + " pages in, of " + fresh + " if each were mapped afresh (" + policy.description() + ")");
    }

    @Test
    void blocksAboveTheThresholdAreGivenBackWhenFreed() throws IOException {
        assumeTrue(DecodeMemoryTest.residentKilobytes() >= 0, "needs Linux /proc");
        NativeHeap.Policy policy = NativeHeap.reuseActivationBlocks();
        assumeTrue(policy.applied(), policy.description());

        long size = 2L * NativeHeap.MMAP_THRESHOLD_BYTES;
        long block = Native.malloc(size);
        touch(block, size);
        long touched = DecodeMemoryTest.residentKilobytes() * 1024;
        Native.free(block);
        long released = touched - DecodeMemoryTest.residentKilobytes() * 1024;
        assertTrue(released > 0.75 * size, "freeing a block of " + (size >> 20) + " MiB released only "
                + (released >> 20) + " MiB of resident memory (" + policy.description() + ")");
    }

    @Test
    void thresholdsSetInTheEnvironmentWin() {
        assertEquals("MALLOC_MMAP_THRESHOLD_", NativeHeap.thresholdsSetBy(Map.of("MALLOC_MMAP_THRESHOLD_", "4096")));
        assertEquals("MALLOC_TRIM_THRESHOLD_", NativeHeap.thresholdsSetBy(Map.of("MALLOC_TRIM_THRESHOLD_", "0")));
        assertEquals("GLIBC_TUNABLES", NativeHeap.thresholdsSetBy(
                Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=1048576")));
        assertNull(NativeHeap.thresholdsSetBy(Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1")));
        assertNull(NativeHeap.thresholdsSetBy(Map.of("PATH", "/usr/bin")));
    }

    @Test
    void applyingTwiceGivesTheSameAnswer() {
        assertSame(NativeHeap.reuseActivationBlocks(), NativeHeap.reuseActivationBlocks());
    }

    /** Writes one byte per page, so that every page of the block is resident. */
    private static void touch(long address, long size) {
        Pointer pointer = new Pointer(address);
        for (long offset = 0; offset < size; offset += PAGE) {
            pointer.setByte(offset, (byte) 1);
        }
    }

    /** The process's minor page faults so far ({@code minflt}, the tenth field of /proc/self/stat). */
    private static long minorFaults() throws IOException {
        String stat = Files.readString(STAT);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");   // fields from the third on
        return Long.parseLong(fields[7]);
    }
}
