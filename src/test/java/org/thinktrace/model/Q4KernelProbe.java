package org.thinktrace.model;

import ai.djl.ndarray.NDManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Side-by-side timing of the Java decode kernels on 4-bit and int8 weights (not a test: run by
 * hand, figures go to docs/benchmarks.md): the MLP matrices of one Qwen2.5-0.5B layer
 * (4864 × 896 twice, 896 × 4864) times {@code copies}, so that they exceed the last-level cache,
 * one input row, one thread; kernels alternate for {@code rounds} rounds after two warm-up rounds. The 4-bit
 * kernels run on the input in float and rounded to 8 bits ({@link Q8Input}), as a decode step gives it.
 *
 * <p>Arguments: rounds (default 7), copies (default 8).
 */
public final class Q4KernelProbe {

    private Q4KernelProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int copies = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        DjlRuntime.start(RuntimeSettings.defaults().withThreads(1)).prepareInferenceThread();
        Random random = new Random(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Int8Matrix> int8 = new ArrayList<>();
            List<Q4Matrix> q4 = new ArrayList<>();
            long params = 0;
            for (int m = 0; m < 3 * copies; m++) {
                int rows = m % 3 == 2 ? 896 : 4864;
                int cols = m % 3 == 2 ? 4864 : 896;
                var weight = RandomMatrices.gaussianRows(random, rows, cols, manager);
                int8.add(Int8Matrix.quantize(weight, manager, Int8Matrix.PER_ROW));
                q4.add(Q4Matrix.quantize(weight, manager));
                weight.close();
                params += (long) rows * cols;
            }
            long weights = params;
            float[] x896 = RandomMatrices.gaussian(random, 896);
            float[] x4864 = RandomMatrices.gaussian(random, 4864);
            Map<String, Runnable> candidates = new LinkedHashMap<>();
            Map<String, Long> bytes = new LinkedHashMap<>();
            for (Int8Gemv gemv : GemvSelection.runnable(GemvSelection.VECTOR_INT8, Int8Gemv.class, new ScalarInt8Gemv())) {
                String name = "int8 per row, " + gemv.name();
                candidates.put(name, () -> int8.forEach(m -> gemv.multiply(m, m.cols() == 896 ? x896 : x4864, new float[m.rows()], 0, m.rows())));
                bytes.put(name, int8.stream().mapToLong(Int8Matrix::byteSize).sum());
            }
            for (Q4Gemv gemv : GemvSelection.runnable(GemvSelection.VECTOR_Q4, Q4Gemv.class, new ScalarQ4Gemv())) {
                String name = "q4 (Q4_0), " + gemv.name();
                candidates.put(name, () -> q4.forEach(m -> gemv.multiply(m, m.cols() == 896 ? x896 : x4864, new float[m.rows()], 0, m.rows())));
                bytes.put(name, q4.stream().mapToLong(Q4Matrix::byteSize).sum());
                String rounded = "q4, input rounded to 8 bits, " + gemv.name();
                candidates.put(rounded, () -> {
                    Q8Input r896 = gemv.roundInput(x896);                       // once per call, as a decode step does
                    Q8Input r4864 = gemv.roundInput(x4864);
                    q4.forEach(m -> gemv.multiply(m, m.cols() == 896 ? r896 : r4864, new float[m.rows()], 0, m.rows()));
                });
                bytes.put(rounded, q4.stream().mapToLong(Q4Matrix::byteSize).sum());
            }
            Map<String, List<Double>> times = ProbeRounds.time(candidates, rounds);
            System.out.printf("%d weights in %d matrices, one thread; load average %s%n", params, 3 * copies,
                    Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            times.forEach((name, list) -> {
                double[] sorted = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double median = sorted[sorted.length / 2];
                System.out.printf("%-44s median %8.2f ms (min %8.2f)  %6.2f GB/s of weights, %6.2f G weights/s%n",
                        name, median, sorted[0], bytes.get(name) / median / 1e6, weights / median / 1e6);
            });
        }
    }
}
