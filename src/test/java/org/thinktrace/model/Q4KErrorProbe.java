package org.thinktrace.model;

import ai.djl.ndarray.NDManager;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * How far 4-bit weights held from a GGUF file's Q4_K (or Q4_1) tensors are from the file's own values (not a test: run
 * by hand, figures go to docs/benchmarks.md): for each such 2-D tensor, the relative RMS error
 * {@code ‖w' - w‖ / ‖w‖} of the tensor kept with an offset per group ({@link Q4Matrix#putQ4KRows}) and of the same
 * values re-quantized by the Q4_0 rule ({@link Q4Matrix#quantizeRows}), against {@link GgufDequantizer}'s values.
 *
 * <p>Arguments: GGUF file, most tensors to measure (default 12).
 */
public final class Q4KErrorProbe {

    private Q4KErrorProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int most = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        DjlRuntime.start(RuntimeSettings.defaults().withThreads(1)).prepareInferenceThread();
        GgufFile gguf = GgufFile.read(file);
        double keptSum = 0;
        double requantizedSum = 0;
        int measured = 0;
        try (GgufTensorReader reader = new GgufTensorReader(gguf); NDManager manager = NDManager.newBaseManager()) {
            for (GgufTensorInfo tensor : gguf.tensors().values()) {
                if (measured == most || tensor.dims().length != 2
                        || !QuantizedWeightReader.isAffine4Bit(tensor.type())) {
                    continue;
                }
                int cols = (int) tensor.dims()[0];
                int rows = (int) tensor.dims()[1];
                float[] exact = reader.readAll(tensor);
                Q4Matrix kept = Q4Matrix.withOffsets(manager, rows, cols);
                ByteBuffer blocks = ByteBuffer.allocate(Math.toIntExact(tensor.byteLength()));
                try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
                    while (blocks.hasRemaining()) {
                        if (channel.read(blocks, tensor.dataOffset() + blocks.position()) < 0) {
                            throw new java.io.EOFException(file + " ends inside tensor " + tensor.name());
                        }
                    }
                }
                blocks.flip();
                if (tensor.type() == GgufTensorType.Q4_K) {
                    kept.putQ4KRows(blocks, 0, rows);
                } else {
                    kept.putQ4_1Rows(blocks, 0, rows);
                }
                ByteBuffer fp32 = ByteBuffer.allocateDirect(exact.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                fp32.asFloatBuffer().put(exact);
                Q4Matrix requantized = Q4Matrix.allocate(manager, rows, cols);
                requantized.quantizeRows(fp32, 0, rows);
                double keptError = relativeError(kept, exact);
                double requantizedError = relativeError(requantized, exact);
                System.out.printf("%-28s %-5s [%d, %d]: kept %.2e, re-quantized %.2e%n", tensor.name(), tensor.type(),
                        rows, cols, keptError, requantizedError);
                keptSum += keptError;
                requantizedSum += requantizedError;
                measured++;
            }
        }
        System.out.printf("mean over %d tensors: kept %.2e, re-quantized %.2e%n", measured, keptSum / measured,
                requantizedSum / measured);
    }

    /** {@code ‖w' - w‖ / ‖w‖} of the matrix's FP32 widening against the exact values. */
    private static double relativeError(Q4Matrix matrix, float[] exact) {
        ByteBuffer wide = ByteBuffer.allocateDirect(exact.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        matrix.dequantize(wide, 0, matrix.rows());
        double error = 0;
        double norm = 0;
        for (int i = 0; i < exact.length; i++) {
            double d = wide.getFloat(i * Float.BYTES) - exact[i];
            error += d * d;
            norm += (double) exact[i] * exact[i];
        }
        return Math.sqrt(error / norm);
    }
}
