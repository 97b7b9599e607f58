package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;

/**
 * Side-by-side timing of FP32 products with one and with several input rows (not a test: run by hand, figures go
 * to docs/benchmarks.md): the MLP matrices of R1-Distill-Qwen-1.5B (8960 × 1536 twice, 1536 × 8960) times
 * {@code layers}, more than the last-level cache. For each row count: the app's kernel ({@link RowSplitKernel}),
 * PyTorch's {@code linear} on two threads, the transposed product {@code W · xᵀ} on two threads, and both of those
 * on two Java lanes of one PyTorch thread each, each lane taking half of every weight's rows. Every round runs
 * every candidate in turn ({@link ProbeRounds}); the table gives medians and, per row count, the rows' gain over
 * the one-row app product ({@code rows × t(app, 1 row) / t}).
 *
 * <p>Arguments: rounds (default 7), layers (default 2), row counts (default 1,8).
 */
public final class BatchedFp32Probe {

    private BatchedFp32Probe() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int layers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int[] rowCounts = args.length > 2
                ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 8};
        DjlRuntime runtime = DjlRuntime.start(RuntimeSettings.defaults().withThreads(2));
        runtime.prepareInferenceThread();
        Random random = new Random(11);
        ModelConfig config = new ModelConfig(Architecture.QWEN2, 1536, 8960, layers, 12, 2, 128, 64, 4096, 1e-6,
                10000.0, null, false, true, false, 1, List.of(2));
        try (NDManager manager = runtime.newManager();
             DecoderWeights weights = DecoderWeights.random(config, manager, 3, 0.02f);
             RowSplitKernel app = new RowSplitKernel(weights, 2);
             PyTorchWorker worker = new PyTorchWorker("probe-lane", manager, false)) {
            List<NDArray> matrices = new ArrayList<>();
            for (LayerWeights l : weights.layers()) {
                matrices.add(l.gateProj());                                              // [8960, 1536]
                matrices.add(l.upProj());                                                // [8960, 1536]
                matrices.add(l.downProj());                                              // [1536, 8960]
            }
            List<NDArray[]> halves = new ArrayList<>();
            for (NDArray w : matrices) {
                long half = w.getShape().get(0) / 2;
                halves.add(new NDArray[] {w.get(new NDIndex("0:{}", half)), w.get(new NDIndex("{}:", half))});
            }
            Map<String, Runnable> candidates = new LinkedHashMap<>();
            for (int rows : rowCounts) {
                NDArray x1536 = manager.randomNormal(0, 1, new Shape(rows, 1536), DataType.FLOAT32);
                NDArray x8960 = manager.randomNormal(0, 1, new Shape(rows, 8960), DataType.FLOAT32);
                NDArray[] xs = new NDArray[matrices.size()];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = i % 3 == 2 ? x8960 : x1536;
                }
                String r = rows + " | ";
                candidates.put(r + "app (RowSplitKernel)", () -> {
                    // as in a decode step: the inputs in a manager of their own, closed with every intermediate
                    for (int i = 0; i < xs.length; i++) {
                        try (NDManager step = manager.newSubManager()) {
                            NDArray x = xs[i].duplicate();
                            x.attach(step);
                            app.project(x, new Projection(matrices.get(i), null));
                        }
                    }
                });
                candidates.put(r + "linear, 2 threads", () -> {
                    JniUtils.setNumThreads(2);
                    for (int i = 0; i < xs.length; i++) {
                        Linear.linear(xs[i], matrices.get(i), null).singletonOrThrow().close();
                    }
                });
                candidates.put(r + "W · xT, 2 threads", () -> {
                    JniUtils.setNumThreads(2);
                    for (int i = 0; i < xs.length; i++) {
                        NDArray product = matrices.get(i).matMul(xs[i].transpose());    // [out, rows]
                        NDArray result = product.transpose().toDevice(product.getDevice(), true);
                        product.close();
                        result.close();
                    }
                });
                candidates.put(r + "linear, two lanes of 1 thread", () -> twoLanes(worker, halves, xs, false));
                candidates.put(r + "W · xT, two lanes of 1 thread", () -> twoLanes(worker, halves, xs, true));
            }
            System.out.printf("load average before %s%n", ProbeRounds.loadAverage());
            Map<String, List<Double>> times = ProbeRounds.time(candidates, rounds);
            System.out.printf("rounds %d, layers %d; load average after %s%n", rounds, layers, ProbeRounds.loadAverage());
            System.out.println("| rows | candidate | median ms | rows × app 1-row ms / median | min ms |");
            System.out.println("|---|---|---:|---:|---:|");
            double oneRow = Double.NaN;
            for (Map.Entry<String, List<Double>> t : times.entrySet()) {
                double[] sorted = t.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double median = sorted[sorted.length / 2];
                String[] key = t.getKey().split(" \\| ");
                int rows = Integer.parseInt(key[0]);
                if (rows == 1 && key[1].startsWith("app")) {
                    oneRow = median;
                }
                System.out.printf("| %d | %s | %.2f | %.2f | %.2f |%n", rows, key[1], median, rows * oneRow / median,
                        sorted[0]);
            }
        }
    }

    /** Every product as two row halves, one per lane, each lane one PyTorch thread; halves joined by columns. */
    private static void twoLanes(PyTorchWorker worker, List<NDArray[]> halves, NDArray[] xs, boolean transposed) {
        JniUtils.setNumThreads(1);
        for (int i = 0; i < xs.length; i++) {
            NDArray x = xs[i];
            NDArray[] h = halves.get(i);
            Future<NDArray> other = worker.submit(() -> product(x, h[1], transposed));
            NDArray first = product(x, h[0], transposed);
            NDArray second = worker.await(other);
            first.concat(second, -1).close();
            first.close();
            second.close();
        }
    }

    /** {@code x · wᵀ} [rows, out], computed as {@code linear} or as {@code (w · xᵀ)ᵀ}. */
    private static NDArray product(NDArray x, NDArray w, boolean transposed) {
        if (!transposed) {
            return Linear.linear(x, w, null).singletonOrThrow();
        }
        NDArray product = w.matMul(x.transpose());                                      // [out, rows]
        NDArray result = product.transpose();                                            // [rows, out] view
        return result;
    }
}
