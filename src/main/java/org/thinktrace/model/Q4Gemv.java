package org.thinktrace.model;

/** {@link QuantizedGemv} on {@link Q4Matrix} rows, reading half a byte per weight and two bytes per group. */
interface Q4Gemv extends QuantizedGemv<Q4Matrix> {

    /**
     * The fastest kernel this JVM can run: the Vector API one when the {@code jdk.incubator.vector}
     * module is present (Java 22 or newer, started with {@code --add-modules jdk.incubator.vector}),
     * else the scalar one.
     */
    static Q4Gemv best() {
        return GemvSelection.q4();
    }
}
