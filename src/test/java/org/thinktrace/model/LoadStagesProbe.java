package org.thinktrace.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a load's time goes (not a test: a probe for docs/benchmarks.md): loads a model folder or GGUF file in one
 * precision and attributes the time between the loader's progress calls to the tensor each call reports, then
 * prints the time before the first tensor, each tensor of at least 40 ms, and totals per kind of tensor
 * (embeddings, {@code lm_head}, each projection and the rest) with their checkpoint bytes and GB/s.
 *
 * <p>Arguments: {@code MODEL PRECISION}, e.g. {@code model-Q4_0.gguf Q4}.
 */
public final class LoadStagesProbe {

    private LoadStagesProbe() {
    }

    public static void main(String[] args) {
        Path model = Path.of(args[0]);
        ComputePrecision precision = ComputePrecision.valueOf(args[1]);
        RuntimeSettings settings = RuntimeSettings.defaults().withThreads(2).withCpuPrecision(precision);
        DjlRuntime.start(settings).prepareInferenceThread();
        ModelConfig config = Files.isDirectory(model) ? ModelConfigLoader.load(model)
                : GgufModelConfig.read(GgufFile.read(model));
        List<ParameterSpec> specs = ParameterSpec.all(config);
        Map<String, double[]> kinds = new LinkedHashMap<>();         // kind -> {seconds, bytes, tensors}
        long start = System.nanoTime();
        long[] last = {start, 0};
        int[] next = {0};
        try (Decoder ignored = Decoder.load(model, settings, 1024, (stage, done, total) -> {
            if (stage != LoadProgress.Stage.WEIGHTS) {
                return;
            }
            long now = System.nanoTime();
            double seconds = (now - last[0]) / 1e9;
            if (done == 0) {
                System.out.printf("before the weights: %.3f s%n", seconds);
            } else {
                String key = specs.get(next[0]++).key();
                double[] kind = kinds.computeIfAbsent(kind(key), k -> new double[3]);
                kind[0] += seconds;
                kind[1] += done - last[1];
                kind[2]++;
                if (seconds >= 0.04) {
                    System.out.printf("%-40s %.3f s, %.1f MB%n", key, seconds, (done - last[1]) / 1e6);
                }
            }
            last[0] = now;
            last[1] = done;
        })) {
            kinds.forEach((kind, t) -> System.out.printf("%-14s %6.3f s %8.1f MB %4d tensors %5.2f GB/s%n",
                    kind, t[0], t[1] / 1e6, (int) t[2], t[1] / 1e9 / t[0]));
            System.out.printf("after the last tensor %.3f s; load %.3f s, %.2f GB/s%n", (System.nanoTime() - last[0]) / 1e9,
                    (System.nanoTime() - start) / 1e9, last[1] / 1e9 / ((System.nanoTime() - start) / 1e9));
        }
    }

    /** The kind of tensor a checkpoint key names: its last two name parts within a layer, else the key. */
    private static String kind(String key) {
        if (!key.startsWith("model.layers.")) {
            return key.replace(".weight", "");
        }
        String[] parts = key.split("\\.");
        String name = parts[parts.length - 2] + "." + parts[parts.length - 1];
        return name.endsWith(".weight") && !name.contains("norm") ? parts[parts.length - 2] : "norms, biases";
    }
}
