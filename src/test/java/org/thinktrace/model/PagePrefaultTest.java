package org.thinktrace.model;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PagePrefaultTest {

    private static final int BYTES = 64 << 20;

    @Test
    void freshMemoryBecomesResidentInOneCallAndStaysZero() throws IOException {
        assumeTrue(linuxAtLeast(5, 14), "MADV_POPULATE_WRITE needs Linux 5.14 or later");
        assumeTrue(DecodeMemoryTest.residentKilobytes() >= 0, "needs Linux /proc");
        long address = Native.malloc(BYTES);                      // above glibc's mmap threshold: fresh, unfaulted pages
        try {
            ByteBuffer memory = new Pointer(address).getByteBuffer(0, BYTES);
            long before = DecodeMemoryTest.residentKilobytes() * 1024;
            assertTrue(PagePrefault.populate(memory), "populate on " + System.getProperty("os.version"));
            long after = DecodeMemoryTest.residentKilobytes() * 1024;
            assertTrue(after - before > 0.9 * BYTES, "resident set grew by " + (after - before) + " bytes, not ~" + BYTES);
            for (int i = 0; i < BYTES; i += 4093) {
                assertEquals(0, memory.get(i), "byte " + i + " of fresh memory");
            }
        } finally {
            Native.free(address);
        }
    }

    @Test
    void writtenBytesStayAsTheyAreAcrossUnalignedEnds() {
        ByteBuffer whole = ByteBuffer.allocateDirect(3 * 4096 + 500);
        for (int i = 0; i < whole.capacity(); i++) {
            whole.put(i, (byte) (i * 31 + 7));
        }
        ByteBuffer unaligned = whole.slice(100, whole.capacity() - 200);   // starts and ends inside a page
        PagePrefault.populate(unaligned);
        for (int i = 0; i < whole.capacity(); i++) {
            assertEquals((byte) (i * 31 + 7), whole.get(i), "byte " + i);
        }
    }

    @Test
    void aHeapBufferOrAnEmptyOneIsLeftAlone() {
        assertFalse(PagePrefault.populate(ByteBuffer.allocate(8192)));
        assertFalse(PagePrefault.populate(ByteBuffer.allocateDirect(0)));
    }

    private static boolean linuxAtLeast(int major, int minor) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return false;
        }
        Matcher version = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(System.getProperty("os.version", ""));
        if (!version.find()) {
            return false;
        }
        int actualMajor = Integer.parseInt(version.group(1));
        return actualMajor > major || actualMajor == major && Integer.parseInt(version.group(2)) >= minor;
    }
}
