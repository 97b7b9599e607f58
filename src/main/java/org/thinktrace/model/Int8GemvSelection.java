package org.thinktrace.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks {@link Int8Gemv#best()} once per JVM. */
final class Int8GemvSelection {

    private static final Logger LOG = LoggerFactory.getLogger(Int8GemvSelection.class);

    /** The module the Vector API kernel needs, which the JVM resolves only when asked. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** The Vector API kernel's class, compiled for Java 22 from {@code src/main/java22}. */
    private static final String VECTOR_KERNEL = "org.thinktrace.model.VectorInt8Gemv";

    static final Int8Gemv BEST = select();

    private Int8GemvSelection() {
    }

    private static Int8Gemv select() {
        Int8Gemv vector = vectorKernel();
        if (vector != null) {
            return vector;
        }
        LOG.warn("int8 weights run on the scalar Java kernel, several times slower than the vectorised one:"
                + " start Java {} or newer with --add-modules {} (the thinktrace launch script beside the jar does)",
                22, VECTOR_MODULE);
        return new ScalarInt8Gemv();
    }

    /**
     * Whether this JVM can run the Vector API kernel: Java 22 or newer with {@value #VECTOR_MODULE} resolved.
     * Asks without loading the kernel or logging.
     */
    static boolean vectorApiAvailable() {
        return Runtime.version().feature() >= 22 && ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** The Vector API kernel, or null when this JVM cannot run it. */
    static Int8Gemv vectorKernel() {
        if (!vectorApiAvailable()) {
            return null;
        }
        try {
            return (Int8Gemv) Class.forName(VECTOR_KERNEL).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warn("the Vector API int8 kernel failed to load", e);
            return null;
        }
    }
}
