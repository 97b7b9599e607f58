package org.thinktrace.model;

/** {@link QuantizedGemv} on {@link Int8Matrix} rows, reading one byte per weight. */
interface Int8Gemv extends QuantizedGemv<Int8Matrix> {

    /**
     * The fastest kernel this JVM can run: the Vector API one when the {@code jdk.incubator.vector}
     * module is present (Java 22 or newer, started with {@code --add-modules jdk.incubator.vector}),
     * else the scalar one.
     */
    static Int8Gemv best() {
        return GemvSelection.int8();
    }
}
