package org.thinktrace.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Picks {@link Int8Gemv#best()}, {@link Q4Gemv#best()}, {@link HalfGemv#best()}, {@link Q4RowQuantizer#best()} and
 * {@link DecodeArithmetic#best()},
 * each once per JVM.
 */
final class GemvSelection {

    private static final Logger LOG = LoggerFactory.getLogger(GemvSelection.class);

    /** The module the Vector API kernels need, which the JVM resolves only when asked. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** The Vector API kernels' classes, compiled for Java 22 from {@code src/main/java22}. */
    static final String VECTOR_INT8 = "org.thinktrace.model.VectorInt8Gemv";
    static final String VECTOR_Q4 = "org.thinktrace.model.VectorQ4Gemv";
    static final String VECTOR_Q4_QUANTIZER = "org.thinktrace.model.VectorQ4Quantizer";
    static final String VECTOR_DECODE_ARITHMETIC = "org.thinktrace.model.VectorDecodeArithmetic";
    static final String VECTOR_HALF = "org.thinktrace.model.VectorHalfGemv";

    private GemvSelection() {
    }

    /** The int8 kernel, chosen when first asked for (so a q4 model logs nothing about int8, and the other way round). */
    static Int8Gemv int8() {
        return Int8Choice.KERNEL;
    }

    /** The 4-bit kernel, chosen when first asked for. */
    static Q4Gemv q4() {
        return Q4Choice.KERNEL;
    }

    /** The FP16 kernel of decode steps in Java, chosen when first asked for. */
    static HalfGemv half() {
        return HalfChoice.KERNEL;
    }

    /** The 4-bit row quantizer, chosen when first asked for (the scalar one without a word: it only loads slower). */
    static Q4RowQuantizer q4Quantizer() {
        return Q4QuantizerChoice.QUANTIZER;
    }

    /** The arithmetic of a decode step in Java, chosen when first asked for (its kernels log the scalar fallback). */
    static DecodeArithmetic decodeArithmetic() {
        return DecodeArithmeticChoice.ARITHMETIC;
    }

    private static final class DecodeArithmeticChoice {
        static final DecodeArithmetic ARITHMETIC = java.util.Objects.requireNonNullElseGet(
                vectorKernel(VECTOR_DECODE_ARITHMETIC, DecodeArithmetic.class), ScalarDecodeArithmetic::new);
    }

    private static final class Q4QuantizerChoice {
        static final Q4RowQuantizer QUANTIZER = java.util.Objects.requireNonNullElse(
                vectorKernel(VECTOR_Q4_QUANTIZER, Q4RowQuantizer.class), Q4RowQuantizer.SCALAR);
    }

    private static final class Int8Choice {
        static final Int8Gemv KERNEL = select(VECTOR_INT8, Int8Gemv.class, ScalarInt8Gemv::new, "int8");
    }

    private static final class HalfChoice {
        static final HalfGemv KERNEL = select(VECTOR_HALF, HalfGemv.class, ScalarHalfGemv::new, "fp16");
    }

    private static final class Q4Choice {
        static final Q4Gemv KERNEL = select(VECTOR_Q4, Q4Gemv.class, ScalarQ4Gemv::new, "q4");
    }

    private static <G> G select(String className, Class<G> type, Supplier<G> scalar, String format) {
        G vector = vectorKernel(className, type);
        if (vector != null) {
            return vector;
        }
        LOG.warn("{} weights run on the scalar Java kernel, several times slower than the vectorised one:"
                + " start Java {} or newer with --add-modules {} (the thinktrace launch script beside the jar does)",
                format, 22, VECTOR_MODULE);
        return scalar.get();
    }

    /** The scalar kernel and, when this JVM can run it, the Vector API one of that class (for tests and probes). */
    static <G> java.util.List<G> runnable(String className, Class<G> type, G scalar) {
        G vector = vectorKernel(className, type);
        return vector == null ? java.util.List.of(scalar) : java.util.List.of(scalar, vector);
    }

    /**
     * Whether this JVM can run the Vector API kernels: Java 22 or newer with {@value #VECTOR_MODULE} resolved.
     * Asks without loading a kernel or logging.
     */
    static boolean vectorApiAvailable() {
        return Runtime.version().feature() >= 22 && ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** The Vector API kernel of that class, or null when this JVM cannot run it. */
    static <G> G vectorKernel(String className, Class<G> type) {
        if (!vectorApiAvailable()) {
            return null;
        }
        try {
            return type.cast(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            LOG.warn("the Vector API kernel {} failed to load", className, e);
            return null;
        }
    }
}
