package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Side-by-side timing of a batched decode step's products on the quantized bytes (not a test: run by hand,
 * figures go to docs/benchmarks.md): the MLP matrices of R1-Distill-Qwen-1.5B (8960 × 1536 twice, 1536 × 8960)
 * times {@code layers}, more than the last-level cache, in int8 (a scale per row) and 4-bit, multiplied with 1,
 * 2, 4 and 8 input rows, chunk by chunk of {@link QuantizedProjectionKernel#CHUNK_BYTES} as the projection kernel
 * cuts them, on one thread. Two ways take turns, round after round: every input against the chunk one after
 * another ({@link QuantizedGemv#multiply}, each weight converted once per input) and all inputs at once
 * ({@link QuantizedGemv#multiplyBatch}).
 *
 * <p>Arguments: rounds (default 7), layers (default 2).
 */
public final class BatchedGemvProbe {

    private static final int[] INPUTS = {1, 2, 4, 8};

    private BatchedGemvProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int layers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        DjlRuntime.start(RuntimeSettings.defaults().withThreads(1)).prepareInferenceThread();
        Random random = new Random(11);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Int8Matrix> int8 = new ArrayList<>();
            List<Q4Matrix> q4 = new ArrayList<>();
            long params = 0;
            for (int m = 0; m < 3 * layers; m++) {
                int rows = m % 3 == 2 ? 1536 : 8960;
                int cols = m % 3 == 2 ? 8960 : 1536;
                NDArray weight = RandomMatrices.gaussianRows(random, rows, cols, manager);
                int8.add(Int8Matrix.quantize(weight, manager, Int8Matrix.PER_ROW));
                q4.add(Q4Matrix.quantize(weight, manager));
                weight.close();
                params += (long) rows * cols;
            }
            long weights = params;
            Int8Gemv int8Gemv = Int8Gemv.best();
            Q4Gemv q4Gemv = Q4Gemv.best();
            Map<String, Runnable> candidates = new LinkedHashMap<>();
            Map<String, Integer> inputCount = new LinkedHashMap<>();
            for (int count : INPUTS) {
                float[][] x1536 = inputs(random, count, 1536);
                float[][] x8960 = inputs(random, count, 8960);
                for (boolean batched : new boolean[] {false, true}) {
                    String way = batched ? "all at once" : "one by one";
                    String int8Name = "int8, " + count + " in, " + way;
                    candidates.put(int8Name, () -> int8.forEach(m ->
                            run(int8Gemv, m, m.cols() == 1536 ? x1536 : x8960, batched)));
                    inputCount.put(int8Name, count);
                    String q4Name = "q4, " + count + " in, " + way;
                    candidates.put(q4Name, () -> q4.forEach(m ->
                            run(q4Gemv, m, m.cols() == 1536 ? x1536 : x8960, batched)));
                    inputCount.put(q4Name, count);
                }
            }
            Map<String, List<Double>> times = ProbeRounds.time(candidates, rounds);
            System.out.printf("%d weights in %d matrices, one thread, %s and %s; load average %s%n", params,
                    3 * layers, int8Gemv.name(), q4Gemv.name(), Files.readString(Path.of("/proc/loadavg")).trim());
            Map<String, Double> single = new LinkedHashMap<>();
            times.forEach((name, list) -> {
                double[] sorted = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double median = sorted[sorted.length / 2];
                String format = name.substring(0, name.indexOf(','));
                if (inputCount.get(name) == 1) {
                    single.putIfAbsent(format, median);
                }
                System.out.printf("%-28s median %8.2f ms (min %8.2f)  %5.2f × one input's time, %6.2f G weight-inputs/s%n",
                        name, median, sorted[0], median / single.get(format), weights * inputCount.get(name) / median / 1e6);
            });
        }
    }

    /** The products of every input with {@code matrix}, chunk by chunk as {@link QuantizedProjectionKernel} cuts them. */
    private static <M extends QuantizedMatrix> void run(QuantizedGemv<M> gemv, M matrix, float[][] inputs, boolean batched) {
        float[][] outs = new float[inputs.length][matrix.rows()];
        int rowsPerChunk = (int) Math.max(1, QuantizedProjectionKernel.CHUNK_BYTES / matrix.rowBytes());
        for (int first = 0; first < matrix.rows(); first += rowsPerChunk) {
            int end = Math.min(matrix.rows(), first + rowsPerChunk);
            if (batched) {
                gemv.multiplyBatch(matrix, inputs, outs, first, end);
            } else {
                for (int b = 0; b < inputs.length; b++) {
                    gemv.multiply(matrix, inputs[b], outs[b], first, end);
                }
            }
        }
    }

    private static float[][] inputs(Random random, int count, int cols) {
        float[][] inputs = new float[count][];
        for (int b = 0; b < count; b++) {
            inputs[b] = RandomMatrices.gaussian(random, cols);
        }
        return inputs;
    }
}
