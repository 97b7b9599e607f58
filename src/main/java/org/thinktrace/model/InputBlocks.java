package org.thinktrace.model;

/**
 * How the Vector API kernels cut a product of several inputs ({@link QuantizedGemv#multiplyBatch}) into the unit
 * they hold in registers: four inputs times two weight rows. Inputs go in blocks of four; fewer left over than a
 * kernel's smallest block are multiplied one at a time (a block costs about what four inputs cost: int8 weights
 * gain from it from three inputs on, 4-bit ones from two), more fill a block by repeating their last input, and an
 * odd last weight row is given as both rows of its pair (the repeated products write the same values twice).
 */
final class InputBlocks {

    /** Inputs per block. */
    static final int SIZE = 4;

    private InputBlocks() {
    }

    /** Weight rows {@code r0} and {@code r1} times four inputs, into the same rows of four outputs. */
    @FunctionalInterface
    interface Block {
        void multiply(int r0, int r1, float[] x0, float[] x1, float[] x2, float[] x3,
                      float[] o0, float[] o1, float[] o2, float[] o3);
    }

    /** Rows {@code [first, end)} times one input. */
    @FunctionalInterface
    interface Single {
        void multiply(float[] x, float[] out, int first, int end);
    }

    /**
     * Runs {@code block} (and {@code single} for fewer than {@code smallestBlock} inputs left over) over every input
     * and rows {@code [first, end)}.
     *
     * @param smallestBlock the fewest inputs multiplied as a block, 2 to {@link #SIZE}
     */
    static void multiply(float[][] inputs, float[][] outs, int first, int end, int smallestBlock, Single single,
                         Block block) {
        for (int b = 0; b < inputs.length; b += SIZE) {
            int left = inputs.length - b;
            if (left < smallestBlock) {
                for (int i = b; i < inputs.length; i++) {
                    single.multiply(inputs[i], outs[i], first, end);
                }
                return;
            }
            int b1 = b + 1;
            int b2 = b + Math.min(2, left - 1);
            int b3 = b + Math.min(3, left - 1);
            for (int r = first; r < end; r += 2) {
                int r1 = Math.min(r + 1, end - 1);
                block.multiply(r, r1, inputs[b], inputs[b1], inputs[b2], inputs[b3], outs[b], outs[b1], outs[b2], outs[b3]);
            }
        }
    }
}
