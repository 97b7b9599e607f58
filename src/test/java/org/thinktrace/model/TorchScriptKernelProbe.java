package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Side-by-side timing of PyTorch's quantized CPU kernels, reached through {@link PyTorchQuantizedOps}, against what
 * the app ran for int8 weights before they were reached ({@link QuantizedProjectionKernel} widening prompts into
 * FP32) and runs now (prompts through {@code aten::_int_mm}), on the MLP matrices of two layers of
 * R1-Distill-Qwen-1.5B (gate and up 8960 × 1536, down 1536 × 8960: 82.6 M weights), for 1, 8 and 64 input rows
 * with 1 and 2 threads (not a test: run by hand, figures go to docs/benchmarks.md). Every round runs every
 * candidate of every configuration in turn; the table gives medians over the rounds after one warm-up round.
 * Before timing, each candidate's output is compared with the widening kernel's (largest difference relative to the
 * largest output).
 *
 * <p>Arguments: rounds (default 7).
 */
public final class TorchScriptKernelProbe {

    private static final int[] ROWS = {1, 8, 64};
    private static final int[] THREADS = {1, 2};
    /**
     * The weight-only aten kernels are timed up to this many rows: at 64 rows one call of the six products takes them
     * 8 to 35 s (they loop over rows), which would stretch a run to many minutes.
     */
    private static final int MAX_WEIGHT_ONLY_ROWS = 8;

    private TorchScriptKernelProbe() {
    }

    /** One candidate's product of the rows of {@code x1536} / {@code x8960} by the six matrices. */
    private interface Candidate {
        void run(NDArray x1536, NDArray x8960, boolean keep, List<NDArray> outputs);
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        DjlRuntime runtime = DjlRuntime.start(RuntimeSettings.defaults().withThreads(2));
        runtime.prepareInferenceThread();
        Random random = new Random(11);
        ModelConfig config = new ModelConfig(Architecture.QWEN2, 1536, 8960, 2, 12, 2, 128, 64, 4096, 1e-6, 10000.0,
                null, false, true, false, 1, List.of(2));
        try (NDManager manager = runtime.newManager();
             DecoderWeights weights = DecoderWeights.random(config, manager, 3, 0.02f).convertTo(ComputePrecision.INT8);
             QuantizedProjectionKernel widening1 = widening(weights, 1);
             QuantizedProjectionKernel widening2 = widening(weights, 2);
             QuantizedProjectionKernel app1 = new QuantizedProjectionKernel(weights, 1);
             QuantizedProjectionKernel app2 = new QuantizedProjectionKernel(weights, 2);
             PyTorchQuantizedOps ops = PyTorchQuantizedOps.load(manager)) {
            List<Projection> matrices = new ArrayList<>();
            for (LayerWeights layer : weights.layers()) {
                matrices.add(new Projection(layer.gateProj(), null));
                matrices.add(new Projection(layer.upProj(), null));
                matrices.add(new Projection(layer.downProj(), null));
            }
            List<NDArray> rowScales = new ArrayList<>();
            List<NDArray> int4Packed = new ArrayList<>();
            List<NDArray> int4ScalesAndZeros = new ArrayList<>();
            List<IValue> fbgemm = new ArrayList<>();
            long params = 0;
            for (Projection p : matrices) {
                Int8Matrix m = (Int8Matrix) weights.quantized(p.weight());
                params += (long) m.rows() * m.cols();
                NDArray scales = m.scales().reshape(m.rows());                       // [N]
                rowScales.add(scales);
                int4Packed.add(packedInt4(ops, m, manager));
                int4ScalesAndZeros.add(manager.randomUniform(0.001f, 0.002f, new Shape(m.cols() / 32, m.rows(), 2)));
                fbgemm.add(ops.packFbgemm(m.values(), scales));
            }
            Map<String, java.util.function.IntFunction<Candidate>> candidates = new LinkedHashMap<>();
            candidates.put(WIDENING, threads -> (x1536, x8960, keep, out) -> {
                QuantizedProjectionKernel app = threads == 1 ? widening1 : widening2;
                for (int i = 0; i < matrices.size(); i++) {
                    collect(app.project(i % 3 == 2 ? x8960 : x1536, matrices.get(i))[0], keep, out);
                }
            });
            candidates.put(APP, threads -> (x1536, x8960, keep, out) -> {
                QuantizedProjectionKernel app = threads == 1 ? app1 : app2;
                for (int i = 0; i < matrices.size(); i++) {
                    collect(app.project(i % 3 == 2 ? x8960 : x1536, matrices.get(i))[0], keep, out);
                }
            });
            candidates.put("aten::_weight_int8pack_mm", threads -> (x1536, x8960, keep, out) -> {
                JniUtils.setNumThreads(threads);
                for (int i = 0; i < matrices.size(); i++) {
                    collect(ops.int8WeightOnly(i % 3 == 2 ? x8960 : x1536, matrices.get(i).weight(), rowScales.get(i)), keep, out);
                }
            });
            candidates.put("aten::_int_mm, x quantized per row", threads -> (x1536, x8960, keep, out) -> {
                JniUtils.setNumThreads(threads);
                for (int i = 0; i < matrices.size(); i++) {
                    collect(ops.int8Dynamic(i % 3 == 2 ? x8960 : x1536, matrices.get(i).weight(), rowScales.get(i)), keep, out);
                }
            });
            candidates.put("aten::_weight_int4pack_mm_for_cpu (g32)", threads -> (x1536, x8960, keep, out) -> {
                JniUtils.setNumThreads(threads);
                for (int i = 0; i < matrices.size(); i++) {
                    collect(ops.int4WeightOnly(i % 3 == 2 ? x8960 : x1536, int4Packed.get(i), int4ScalesAndZeros.get(i)), keep, out);
                }
            });
            candidates.put("quantized::linear_dynamic (fbgemm)", threads -> (x1536, x8960, keep, out) -> {
                JniUtils.setNumThreads(threads);
                for (int i = 0; i < matrices.size(); i++) {
                    collect(ops.fbgemmLinear(i % 3 == 2 ? x8960 : x1536, fbgemm.get(i), false), keep, out);
                }
            });
            System.out.printf("%d weights in 6 matrices; %s; load average %s%n", params,
                    QuantizedProjectionKernel.decodeKernelName(ComputePrecision.INT8), loadAverage());
            Map<String, List<Double>> times = new LinkedHashMap<>();
            Map<Integer, NDArray[]> inputs = new LinkedHashMap<>();
            for (int rows : ROWS) {
                inputs.put(rows, new NDArray[] {
                        manager.randomNormal(0, 1, new Shape(rows, 1536), DataType.FLOAT32),
                        manager.randomNormal(0, 1, new Shape(rows, 8960), DataType.FLOAT32)});
            }
            checkAgainstApp(candidates, inputs.get(8));
            for (int round = 0; round <= rounds; round++) {
                for (int rows : ROWS) {
                    for (int threads : THREADS) {
                        for (Map.Entry<String, java.util.function.IntFunction<Candidate>> c : candidates.entrySet()) {
                            if (rows > MAX_WEIGHT_ONLY_ROWS && c.getKey().contains("weight_int")
                                    || rows <= QuantizedProjectionKernel.MAX_GEMV_ROWS && c.getKey().equals(APP)) {
                                continue;   // the app runs the same Java kernels as before on up to 8 rows
                            }
                            Candidate candidate = c.getValue().apply(threads);
                            NDArray[] x = inputs.get(rows);
                            long start = System.nanoTime();
                            candidate.run(x[0], x[1], false, null);
                            double ms = (System.nanoTime() - start) / 1e6;
                            if (round > 0) {
                                times.computeIfAbsent(rows + " rows, " + threads + " thread(s) | " + c.getKey(),
                                        k -> new ArrayList<>()).add(ms);
                            }
                        }
                    }
                }
            }
            System.out.printf("rounds %d; load average after %s%n", rounds, loadAverage());
            System.out.println("| rows | threads | candidate | median ms | × before | min ms |");
            System.out.println("|---|---|---|---|---|---|");
            double appMedian = 0;
            for (Map.Entry<String, List<Double>> t : times.entrySet()) {
                double[] sorted = t.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double median = sorted[sorted.length / 2];
                String[] key = t.getKey().split(" \\| ");
                if (key[1].equals(WIDENING)) {
                    appMedian = median;
                }
                String[] config2 = key[0].split(", ");
                System.out.printf("| %s | %s | %s | %.1f | %.2f | %.1f |%n", config2[0].replace(" rows", ""),
                        config2[1].replace(" thread(s)", ""), key[1], median, appMedian / median, sorted[0]);
            }
            fbgemm.forEach(IValue::close);
        }
    }

    private static final String WIDENING = "before: Java GEMV (≤ 8 rows), widening + FP32 GEMM";
    private static final String APP = "app now: QuantizedProjectionKernel (aten::_int_mm)";

    /** The kernel as it was before int8 prompts went to PyTorch's int8 product. */
    private static QuantizedProjectionKernel widening(DecoderWeights weights, int threads) {
        return new QuantizedProjectionKernel(weights, threads, QuantizedProjectionKernel.DEFAULT_MIN_SPLIT_BYTES,
                QuantizedProjectionKernel.CHUNK_BYTES, false);
    }

    private static void collect(NDArray result, boolean keep, List<NDArray> out) {
        if (keep) {
            out.add(result);
        } else {
            result.close();
        }
    }

    /** Prints each candidate's largest difference from the first candidate's output, relative to the largest output. */
    private static void checkAgainstApp(Map<String, java.util.function.IntFunction<Candidate>> candidates, NDArray[] x) {
        List<NDArray> reference = new ArrayList<>();
        candidates.values().iterator().next().apply(1).run(x[0], x[1], true, reference);
        for (Map.Entry<String, java.util.function.IntFunction<Candidate>> c : candidates.entrySet()) {
            List<NDArray> out = new ArrayList<>();
            c.getValue().apply(1).run(x[0], x[1], true, out);
            double worst = 0;
            for (int i = 0; i < out.size(); i++) {
                float scale = reference.get(i).abs().max().getFloat();
                worst = Math.max(worst, out.get(i).sub(reference.get(i)).abs().max().getFloat() / scale);
            }
            System.out.printf("%-42s largest difference from the widening kernel's output: %.2e of the largest output%n",
                    c.getKey(), worst);
            out.forEach(NDArray::close);
        }
        reference.forEach(NDArray::close);
    }

    /**
     * 4-bit values with the weight's magnitudes (the int8 value's top four bits), packed: the values are only
     * timed, not compared, since they are a different quantization.
     */
    private static NDArray packedInt4(PyTorchQuantizedOps ops, Int8Matrix m, NDManager manager) {
        ByteBuffer memory = m.valueMemory();
        int[] q = new int[m.rows() * m.cols()];
        for (int i = 0; i < q.length; i++) {
            q[i] = (memory.get(i) >> 4) + 8;
        }
        try (NDArray values = manager.create(q, new Shape(m.rows(), m.cols()))) {
            return ops.packInt4(values);
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
