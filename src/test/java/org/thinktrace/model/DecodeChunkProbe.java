package org.thinktrace.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.thinktrace.model.ProbeRounds.argmax;
import static org.thinktrace.model.ProbeRounds.seconds;

/**
 * Decode steps with the quantized kernel's row chunks ({@link QuantizedProjectionKernel#CHUNK_BYTES}) of several
 * sizes, side by side in one JVM (not a test: run by hand on an idle machine; figures go to docs/benchmarks.md,
 * "Chunks of a decode step"): one model loaded once, a decoder over it per chunk size, the decoders taking turns round
 * after round after a warm-up round; each round is a 16-token prompt, then {@code steps} steps of one sequence, or of
 * {@code batch} branches together.
 *
 * <p>Arguments: model folder or {@code .gguf} file, precision (INT8 or Q4), steps per round, rounds, chunk sizes in KB
 * (e.g. 256,1024), and optionally the number of sequences decoded together (default 1).
 */
public final class DecodeChunkProbe {

    private DecodeChunkProbe() {
    }

    public static void main(String[] args) {
        Path model = Path.of(args[0]);
        ComputePrecision precision = ComputePrecision.valueOf(args[1]);
        int steps = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        String[] chunks = args[4].split(",");
        int batch = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        RuntimeSettings settings = RuntimeSettings.defaults().withThreads(2).withCpuPrecision(precision);
        DjlRuntime.start(settings).prepareInferenceThread();
        List<QuantizedProjectionKernel> kernels = new ArrayList<>();
        try (Decoder loaded = Decoder.load(model, settings, 1024, LoadProgress.NONE)) {
            Map<String, Decoder> decoders = new LinkedHashMap<>();
            for (String kb : chunks) {   // sharing the loaded weights: only `loaded` is closed (with its memory root)
                QuantizedProjectionKernel kernel = new QuantizedProjectionKernel(loaded.weights(), 2,
                        QuantizedProjectionKernel.DEFAULT_MIN_SPLIT_BYTES, Integer.parseInt(kb) << 10);
                kernels.add(kernel);
                decoders.put(kb + " KB", new Decoder(loaded.weights(), 1024, kernel));
            }
            Random random = new Random(42);
            int[] prompt = new int[16];
            Arrays.setAll(prompt, i -> random.nextInt(loaded.config().vocabSize()));
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            for (int round = -1; round < rounds; round++) {
                for (Map.Entry<String, Decoder> entry : decoders.entrySet()) {
                    double rate = batch == 1 ? single(entry.getValue(), prompt, steps)
                            : together(entry.getValue(), prompt, steps, batch, random);
                    if (round >= 0) {
                        rates.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(rate);
                    }
                }
            }
            rates.forEach((chunk, list) -> {
                List<Double> sorted = new ArrayList<>(list);
                Collections.sort(sorted);
                System.out.printf("%-8s %d together: median %.2f tokens/s, rounds %s%n", chunk, batch,
                        sorted.get(sorted.size() / 2), list);
            });
            kernels.forEach(QuantizedProjectionKernel::close);
        }
    }

    private static double single(Decoder decoder, int[] prompt, int steps) {
        decoder.reset();
        float[] logits = decoder.forward(prompt);
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            logits = decoder.forward(new int[] {argmax(logits)});
        }
        return steps / seconds(start);
    }

    private static double together(Decoder decoder, int[] prompt, int steps, int batch, Random random) {
        decoder.reset();
        decoder.forward(prompt);
        return ProbeRounds.branchesTogether(decoder, batch, steps, random);
    }
}
