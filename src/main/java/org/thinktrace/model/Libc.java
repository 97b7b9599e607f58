package org.thinktrace.model;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * The calls into the C library that ThinkTrace makes itself, through JNA (which DJL already ships): bound once, on
 * Linux only. Elsewhere, or where JNA cannot load the library, there are none, and {@link #binding()} says why.
 * A call a C library lacks (glibc's {@code mallopt} under musl) fails with {@link UnsatisfiedLinkError} when made.
 */
final class Libc {

    private static final Logger LOG = LoggerFactory.getLogger(Libc.class);

    private static final Binding BINDING = bind();

    private Libc() {
    }

    /** The calls, glibc's names and signatures. */
    public interface Calls extends Library {
        /** {@code int mallopt(int param, int value)}: 1 on success, 0 on error. */
        int mallopt(int param, int value);

        /** {@code int madvise(void *addr, size_t length, int advice)}: 0 on success, -1 on error. */
        int madvise(Pointer address, NativeLong length, int advice);

        /** {@code int getpagesize(void)}. */
        int getpagesize();
    }

    /**
     * The bound calls, or none and the reason.
     *
     * @param calls       the calls, or null
     * @param unavailable why there are none (for the callers' messages), or null
     */
    record Binding(Calls calls, String unavailable) {
    }

    /** The binding made when this class was first used. */
    static Binding binding() {
        return BINDING;
    }

    private static Binding bind() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return new Binding(null, "not Linux: " + os);
        }
        try {
            return new Binding(Native.load("c", Calls.class), null);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            // JNA may be missing its native part
            LOG.info("the C library cannot be reached through JNA", e);
            return new Binding(null, "no C library through JNA: " + e.getMessage());
        }
    }
}
