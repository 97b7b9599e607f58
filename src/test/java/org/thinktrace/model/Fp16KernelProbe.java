package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * Side-by-side timing of fbgemm's FP16-weight product ({@link PyTorchQuantizedOps#fp16Linear}) against the app's FP16
 * path ({@link RowSplitKernel}: PyTorch's FP16 GEMV on two row halves for one row, widening into FP32 staging for
 * more), PyTorch's FP16 {@code linear} and FP32, on one gate-shaped [8960, 1536] and one down-shaped [1536, 8960]
 * product of R1-Distill-Qwen-1.5B, for 1, 8 and 64 input rows (not a test: run by hand under
 * {@code flock /work/wt/bench.lock}; figures go to docs/benchmarks.md). fbgemm runs with 1 and 2 PyTorch threads
 * and as two packed row halves on two Java lanes (one PyTorch thread each), as the app would split a decode step.
 * Every round runs every candidate in turn ({@link ProbeRounds}); the table gives medians.
 *
 * <p>Arguments: rounds (default 9).
 */
public final class Fp16KernelProbe {

    private static final int[] ROWS = {1, 8, 64};

    private Fp16KernelProbe() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        DjlRuntime runtime = DjlRuntime.start(RuntimeSettings.defaults().withThreads(2));
        runtime.prepareInferenceThread();
        ModelConfig config = new ModelConfig(Architecture.QWEN2, 1536, 8960, 1, 12, 2, 128, 64, 4096, 1e-6, 10000.0,
                null, false, true, false, 1, List.of(2));
        try (NDManager manager = runtime.newManager();
             DecoderWeights fp32 = DecoderWeights.random(config, manager, 3, 0.02f);
             DecoderWeights fp16 = DecoderWeights.random(config, manager, 3, 0.02f).convertTo(ComputePrecision.FP16);
             RowSplitKernel app16 = new RowSplitKernel(fp16, 2);
             RowSplitKernel app32 = new RowSplitKernel(fp32, 2);
             PyTorchQuantizedOps ops = PyTorchQuantizedOps.load(manager);
             PyTorchWorker worker = new PyTorchWorker("probe-lane", manager, false)) {
            LayerWeights l16 = fp16.layers().get(0);
            LayerWeights l32 = fp32.layers().get(0);
            NDArray[] w16 = {l16.gateProj(), l16.downProj()};                           // [8960, 1536], [1536, 8960]
            NDArray[] w32 = {l32.gateProj(), l32.downProj()};
            IValue[] whole = new IValue[2];
            IValue[][] halves = new IValue[2][2];
            for (int i = 0; i < 2; i++) {
                whole[i] = ops.packFp16(w16[i], null);
                long half = w16[i].getShape().get(0) / 2;
                halves[i][0] = ops.packFp16(w16[i].get(new NDIndex("0:{}", half)), null);
                halves[i][1] = ops.packFp16(w16[i].get(new NDIndex("{}:", half)), null);
            }
            Map<String, Runnable> candidates = new LinkedHashMap<>();
            for (int rows : ROWS) {
                NDArray[] x = {manager.randomNormal(0, 1, new Shape(rows, 1536), DataType.FLOAT32),
                        manager.randomNormal(0, 1, new Shape(rows, 8960), DataType.FLOAT32)};
                NDArray[] x16 = {x[0].toType(DataType.FLOAT16, true), x[1].toType(DataType.FLOAT16, true)};
                String r = rows + " | ";
                candidates.put(r + "app FP16 (RowSplitKernel)", () -> {
                    for (int i = 0; i < 2; i++) {
                        app16.project(x[i], new Projection(w16[i], null))[0].close();
                    }
                });
                candidates.put(r + "PyTorch FP16 linear, 2 threads", () -> {
                    JniUtils.setNumThreads(2);
                    for (int i = 0; i < 2; i++) {
                        Linear.linear(x16[i], w16[i], null).singletonOrThrow().close();
                    }
                });
                candidates.put(r + "app FP32 (RowSplitKernel)", () -> {
                    for (int i = 0; i < 2; i++) {
                        app32.project(x[i], new Projection(w32[i], null))[0].close();
                    }
                });
                for (int threads : new int[] {1, 2}) {
                    candidates.put(r + "fbgemm FP16, " + threads + " thread(s)", () -> {
                        JniUtils.setNumThreads(threads);
                        for (int i = 0; i < 2; i++) {
                            ops.fp16Linear(x[i], whole[i]).close();
                        }
                    });
                }
                candidates.put(r + "fbgemm FP16, two halves on two lanes", () -> {
                    JniUtils.setNumThreads(1);
                    for (int i = 0; i < 2; i++) {
                        NDArray in = x[i];
                        IValue[] h = halves[i];
                        Future<NDArray> other = worker.submit(() -> ops.fp16Linear(in, h[1]));
                        NDArray first = ops.fp16Linear(in, h[0]);
                        NDArray second = worker.await(other);
                        first.concat(second, -1).close();
                        first.close();
                        second.close();
                    }
                });
            }
            System.out.printf("load average before %s%n", ProbeRounds.loadAverage());
            Map<String, List<Double>> times = ProbeRounds.time(candidates, rounds);
            System.out.printf("rounds %d; load average after %s%n", rounds, ProbeRounds.loadAverage());
            System.out.println("| rows | candidate | median ms (both products) | × app FP16 | min ms |");
            System.out.println("|---|---|---|---|---|");
            double appMedian = 0;
            for (Map.Entry<String, List<Double>> t : times.entrySet()) {
                double[] sorted = t.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double median = sorted[sorted.length / 2];
                String[] key = t.getKey().split(" \\| ");
                if (key[1].startsWith("app FP16")) {
                    appMedian = median;
                }
                System.out.printf("| %s | %s | %.2f | %.2f | %.2f |%n", key[0], key[1], median, appMedian / median, sorted[0]);
            }
            for (int i = 0; i < 2; i++) {
                whole[i].close();
                halves[i][0].close();
                halves[i][1].close();
            }
        }
    }
}
