package org.thinktrace.model;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * Faults in the pages of fresh native memory that is about to be written whole, with one system call
 * ({@code madvise(MADV_POPULATE_WRITE)}, Linux 5.14 or later) instead of one page fault per page as the memory is
 * first written. Loading writes every byte of the weights once; on a virtual machine each page fault is a trap to
 * the hypervisor (a profile of a Q8_0 load: 22 % of its samples in the fault path).
 *
 * <p>Only the pages are touched, never the bytes: the call maps zeroed pages where none are mapped yet and leaves
 * mapped ones as they are. Where it is not available (another system, an older kernel, no JNA native part) nothing
 * happens and the pages fault in as they are written, as before; that is logged once.
 */
final class PagePrefault {

    private static final Logger LOG = LoggerFactory.getLogger(PagePrefault.class);

    /** {@code MADV_POPULATE_WRITE} from Linux's {@code mman-common.h}. */
    private static final int MADV_POPULATE_WRITE = 23;

    private static final Pages PAGES = Pages.detect();

    private static volatile boolean refusalLogged;

    private PagePrefault() {
    }

    /**
     * Faults in every page that holds a byte of {@code direct}'s contents (from 0 to its capacity), writable.
     *
     * @return whether the system did it; false where it cannot (then the pages fault in as they are written)
     */
    static boolean populate(ByteBuffer direct) {
        if (!direct.isDirect() || direct.capacity() == 0 || PAGES.calls == null) {
            return false;
        }
        long start = Pointer.nativeValue(Native.getDirectBufferPointer(direct));
        long pageMask = ~(PAGES.pageSize - 1);
        long first = start & pageMask;
        long end = (start + direct.capacity() + PAGES.pageSize - 1) & pageMask;
        if (PAGES.calls.madvise(new Pointer(first), new NativeLong(end - first), MADV_POPULATE_WRITE) == 0) {
            return true;
        }
        if (!refusalLogged) {
            refusalLogged = true;       // a kernel before 5.14 refuses the advice (EINVAL) every time
            LOG.info("pages of loaded weights fault in one by one (madvise(MADV_POPULATE_WRITE) failed, errno {})",
                    Native.getLastError());
        }
        return false;
    }

    /** The C library's calls and the page size, or no calls where they cannot be had. */
    private record Pages(Libc.Calls calls, long pageSize) {

        static Pages detect() {
            Libc.Binding libc = Libc.binding();
            if (libc.calls() == null) {
                LOG.info("pages of loaded weights fault in one by one ({})", libc.unavailable());
                return new Pages(null, 0);
            }
            long pageSize;
            try {
                pageSize = libc.calls().getpagesize();
            } catch (UnsatisfiedLinkError e) {
                LOG.info("pages of loaded weights fault in one by one (no getpagesize in the C library)", e);
                return new Pages(null, 0);
            }
            if (Long.bitCount(pageSize) != 1) {
                LOG.info("pages of loaded weights fault in one by one (page size {})", pageSize);
                return new Pages(null, 0);
            }
            return new Pages(libc.calls(), pageSize);
        }
    }
}
