package org.thinktrace.model;

import java.nio.ByteBuffer;

/**
 * Products of FP16 weight rows and FP32 inputs in Java, the weights widened to FP32 as they are read (each exactly,
 * subnormals included) and every sum taken in FP32: a decode step's matrix-vector products on FP16 weights, which
 * PyTorch's own FP16 product reads at a rate that depends on the kernel it picks for the processor.
 */
interface HalfGemv {

    /**
     * {@code outs[b][r] = Σ_c w[r][c] × inputs[b][c]} for rows {@code [first, end)} of the row-major [rows, cols] FP16
     * weights in {@code half} (little-endian, from position 0) and every input.
     *
     * @param inputs per input, [cols]
     * @param outs   per input, at least [end]
     */
    void multiply(ByteBuffer half, int cols, float[][] inputs, float[][] outs, int first, int end);

    /** A short name for status lines. */
    String name();

    /** The fastest kernel this JVM can run: the Vector API one when the incubating module is present, else the scalar one. */
    static HalfGemv best() {
        return GemvSelection.half();
    }
}
