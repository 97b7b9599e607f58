package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Side-by-side timing of the candidate decode kernels for int8 weights (not a test: run by hand,
 * figures go to docs/benchmarks.md). Matrices have the MLP shapes of R1-Distill-Qwen-1.5B
 * (8960 × 1536 and 1536 × 8960), six of them, more than the last-level cache; each candidate
 * multiplies one input row by all six, candidates alternate for {@code rounds} rounds.
 *
 * <p>Arguments: rounds (default 7).
 */
public final class Int8KernelProbe {

    private Int8KernelProbe() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        DjlRuntime runtime = DjlRuntime.start(RuntimeSettings.defaults().withThreads(2));
        runtime.prepareInferenceThread();
        JniUtils.setNumThreads(1);
        Random random = new Random(7);
        try (NDManager manager = runtime.newManager()) {
            ModelConfig config = null;
            List<NDArray> fp32 = new ArrayList<>();
            List<NDArray> fp16 = new ArrayList<>();
            List<Int8Matrix> perRow = new ArrayList<>();
            List<Int8Matrix> group32 = new ArrayList<>();
            for (int m = 0; m < 6; m++) {
                long rows = m % 2 == 0 ? 8960 : 1536;
                long cols = m % 2 == 0 ? 1536 : 8960;
                float[] values = new float[(int) (rows * cols)];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * 0.02);
                }
                NDArray w = manager.create(values, new Shape(rows, cols));
                fp32.add(w);
                fp16.add(w.toType(DataType.FLOAT16, true));
                perRow.add(Int8Matrix.quantize(w, manager, Int8Matrix.PER_ROW));
                group32.add(Int8Matrix.quantize(w, manager, 32));
            }
            long params = fp32.stream().mapToLong(NDArray::size).sum();
            float[] x1536 = randomRow(random, 1536);
            float[] x8960 = randomRow(random, 8960);
            NDArray in1536 = manager.create(x1536, new Shape(1, 1536));
            NDArray in8960 = manager.create(x8960, new Shape(1, 8960));
            Int8Gemv vector = GemvSelection.vectorKernel(GemvSelection.VECTOR_INT8, Int8Gemv.class);
            Int8Gemv scalar = new ScalarInt8Gemv();
            PyTorchWorker worker = new PyTorchWorker("probe", manager, false);
            Map<String, Runnable> candidates = new LinkedHashMap<>();
            Map<String, Long> bytes = new LinkedHashMap<>();
            candidates.put("PyTorch FP32 linear, 1 thread", () -> torch(fp32, in1536, in8960, manager));
            bytes.put("PyTorch FP32 linear, 1 thread", params * 4);
            candidates.put("PyTorch FP16 linear, 1 thread", () -> torch(fp16, in1536, in8960, manager));
            bytes.put("PyTorch FP16 linear, 1 thread", params * 2);
            candidates.put("dequantize + FP32 linear per call", () -> dequantized(perRow, in1536, in8960, manager));
            bytes.put("dequantize + FP32 linear per call", params);
            candidates.put("Java dequantize (Vector) + FP32 linear", () -> javaDequantized(vector, perRow, in1536, in8960, manager));
            bytes.put("Java dequantize (Vector) + FP32 linear", params);
            java.nio.ByteBuffer target = java.nio.ByteBuffer.allocateDirect(8960 * 1536 * 4).order(java.nio.ByteOrder.nativeOrder());
            candidates.put("Java dequantize only", () -> perRow.forEach(m -> vector.dequantize(m, target, 0, m.rows())));
            bytes.put("Java dequantize only", params);
            candidates.put("PyTorch dequantize only", () -> perRow.forEach(m -> {
                try (NDManager step = manager.newSubManager()) {
                    NDArray w = m.values().toType(DataType.FLOAT32, false);
                    w.attach(step);
                }
            }));
            bytes.put("PyTorch dequantize only", params);
            candidates.put("Java scalar int8, 1 thread", () -> java(scalar, perRow, x1536, x8960, null));
            bytes.put("Java scalar int8, 1 thread", params);
            if (vector != null) {
                candidates.put("Vector API int8 per row, 1 thread", () -> java(vector, perRow, x1536, x8960, null));
                bytes.put("Vector API int8 per row, 1 thread", params);
                candidates.put("Vector API int8 per row, 2 lanes", () -> java(vector, perRow, x1536, x8960, worker));
                bytes.put("Vector API int8 per row, 2 lanes", params);
                candidates.put("Vector API int8 group 32, 2 lanes", () -> java(vector, group32, x1536, x8960, worker));
                bytes.put("Vector API int8 group 32, 2 lanes", params + params / 32 * 4);
            }
            Map<String, List<Double>> times = ProbeRounds.time(candidates, rounds);
            System.out.printf("%d params in 6 matrices; load average %s%n", params, loadAverage());
            for (Map.Entry<String, List<Double>> t : times.entrySet()) {
                double[] sorted = t.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double median = sorted[sorted.length / 2];
                System.out.printf("%-38s median %8.2f ms  (min %8.2f)  %6.1f GB/s  rounds %s%n", t.getKey(), median,
                        sorted[0], bytes.get(t.getKey()) / median / 1e6, Arrays.toString(t.getValue().stream()
                                .mapToLong(Math::round).toArray()));
            }
            worker.close();
        }
    }

    private static void torch(List<NDArray> weights, NDArray in1536, NDArray in8960, NDManager manager) {
        try (NDManager step = manager.newSubManager()) {
            for (NDArray w : weights) {
                NDArray x = w.getShape().get(1) == 1536 ? in1536 : in8960;
                NDArray input = x;
                if (w.getDataType() != DataType.FLOAT32) {
                    input = x.toType(DataType.FLOAT16, false);
                    input.attach(step);
                }
                NDArray out = ai.djl.nn.core.Linear.linear(input, w, null).singletonOrThrow();
                out.attach(step);
                out.toFloatArray();
            }
        }
    }

    private static void dequantized(List<Int8Matrix> weights, NDArray in1536, NDArray in8960, NDManager manager) {
        for (Int8Matrix m : weights) {
            NDArray x = m.cols() == 1536 ? in1536 : in8960;
            try (NDManager step = manager.newSubManager()) {
                NDArray xs = x.duplicate();
                xs.attach(step);
                dequantizedLinear(xs, m, null).toFloatArray();
            }
        }
    }

    private static void javaDequantized(Int8Gemv gemv, List<Int8Matrix> weights, NDArray in1536, NDArray in8960,
                                        NDManager manager) {
        java.nio.ByteBuffer target = java.nio.ByteBuffer.allocateDirect(8960 * 1536 * 4).order(java.nio.ByteOrder.nativeOrder());
        for (Int8Matrix m : weights) {
            NDArray x = m.cols() == 1536 ? in1536 : in8960;
            gemv.dequantize(m, target, 0, m.rows());
            try (NDManager step = manager.newSubManager()) {
                NDArray w = step.create(target, new Shape(m.rows(), m.cols()), DataType.FLOAT32);
                NDArray out = ai.djl.nn.core.Linear.linear(x, w, null).singletonOrThrow();
                out.attach(step);
                out.toFloatArray();
            }
        }
    }

    private static void java(Int8Gemv gemv, List<Int8Matrix> weights, float[] x1536, float[] x8960,
                             PyTorchWorker worker) {
        for (Int8Matrix m : weights) {
            float[] x = m.cols() == 1536 ? x1536 : x8960;
            float[] out = new float[m.rows()];
            if (worker == null) {
                gemv.multiply(m, x, out, 0, m.rows());
            } else {
                int half = m.rows() / 2;
                var second = worker.submit(() -> {
                    gemv.multiply(m, x, out, half, m.rows());
                    return null;
                });
                gemv.multiply(m, x, out, 0, half);
                worker.await(second);
            }
        }
    }

    private static float[] randomRow(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /**
     * {@code (x · qᵀ) × scales + bias} with q widened to FP32 by PyTorch for this product only
     * (the candidate measured against the Java widening that prefill uses).
     *
     * @param x [..., in] FP32
     * @return [..., out] FP32, attached to x's manager
     */
    private static NDArray dequantizedLinear(NDArray x, Int8Matrix matrix, NDArray bias) {
        try (NDManager scratch = x.getManager().newSubManager()) {
            NDArray wide = matrix.values().toType(DataType.FLOAT32, false);           // [out, in] FP32
            wide.attach(scratch);
            NDArray product;
            if (matrix.groups() == 1) {
                NDArray rowScales = matrix.scales().reshape(matrix.rows());             // [out]
                rowScales.attach(scratch);
                NDArray unscaled = Linear.linear(x, wide, null).singletonOrThrow();     // [..., out]
                unscaled.attach(scratch);
                product = unscaled.mul(rowScales);                                      // [..., out]
            } else {
                NDArray groupScales = matrix.scales().expandDims(2);                    // [out, groups, 1]
                groupScales.attach(scratch);
                NDArray weight = wide.reshape(matrix.rows(), matrix.groups(), matrix.groupSize())
                        .mul(groupScales).reshape(matrix.rows(), matrix.cols());        // [out, in]
                product = Linear.linear(x, weight, null).singletonOrThrow();            // [..., out]
            }
            product.attach(x.getManager());
            if (bias != null) {
                product = product.add(bias);                                           // [..., out]
            }
            return product;
        }
    }
}
