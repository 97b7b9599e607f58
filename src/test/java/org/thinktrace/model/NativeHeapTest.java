package org.thinktrace.model;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NativeHeapTest {

    private static final long BLOCK = 4L << 20;
    private static final int BLOCKS = 32;

    @Test
    void freedLargeBlocksBetweenLiveSmallOnesLeaveTheResidentSet() throws IOException {
        assumeTrue(DecodeMemoryTest.residentKilobytes() >= 0, "needs Linux /proc");
        NativeHeap.Policy policy = NativeHeap.returnLargeBlocksOnFree();
        assumeTrue(policy.applied(), policy.description());    // glibc only (not musl)

        long[] large = new long[BLOCKS];
        long[] small = new long[BLOCKS];
        for (int i = 0; i < BLOCKS; i++) {
            large[i] = Native.malloc(BLOCK);
            new Pointer(large[i]).setMemory(0, BLOCK, (byte) 1);       // make every page resident
            small[i] = Native.malloc(4096);                              // stays live between the large ones
            new Pointer(small[i]).setMemory(0, 4096, (byte) 1);
        }
        long touched = DecodeMemoryTest.residentKilobytes() * 1024;
        for (long block : large) {
            Native.free(block);
        }
        long afterFree = DecodeMemoryTest.residentKilobytes() * 1024;
        for (long block : small) {
            Native.free(block);
        }
        long released = touched - afterFree;
        assertTrue(released > 0.75 * BLOCKS * BLOCK,
                "freeing " + (BLOCKS * BLOCK >> 20) + " MiB of large blocks released only " + (released >> 20)
                        + " MiB of resident memory (" + policy.description() + ")");
    }

    @Test
    void applyingTwiceGivesTheSameAnswer() {
        assertTrue(NativeHeap.returnLargeBlocksOnFree() == NativeHeap.returnLargeBlocksOnFree());
    }
}
