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
 * A single sequence's decode steps in Java ({@link JavaDecodeStep}) against the same steps on {@link DecoderStack}'s
 * PyTorch calls, side by side in one JVM (not a test: run by hand on an idle machine; figures go to
 * docs/benchmarks.md, "Decode steps in Java"): one model loaded once, a decoder of each kind over it, taking turns
 * round after round after a warm-up round; each round is a prompt, then {@code steps} greedy steps. Prints each kind's
 * median rate and how far the two kinds' logits and greedy tokens differ.
 *
 * <p>Arguments: model folder or {@code .gguf} file, precision (FP32, FP16, INT8 or Q4), prompt tokens, steps per round,
 * rounds.
 */
public final class DecodeStepProbe {

    private DecodeStepProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        ComputePrecision precision = ComputePrecision.valueOf(args[1]);
        int promptLength = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        RuntimeSettings settings = RuntimeSettings.defaults().withThreads(2).withCpuPrecision(precision);
        DjlRuntime.start(settings).prepareInferenceThread();
        int context = promptLength + steps + 1;
        try (Decoder java = Decoder.load(model, settings, context, LoadProgress.NONE)) {
            System.setProperty(JavaDecodeStep.PROPERTY, "djl");
            // sharing the loaded weights: only `java` is closed (with its memory root)
            ProjectionKernel kernel = Decoder.kernelFor(java.weights(), 2);
            Decoder pytorch = new Decoder(java.weights(), context, kernel);
            System.clearProperty(JavaDecodeStep.PROPERTY);
            Map<String, Decoder> decoders = new LinkedHashMap<>();
            decoders.put("java", java);
            decoders.put("pytorch", pytorch);
            Random random = new Random(42);
            int[] prompt = new int[promptLength];
            Arrays.setAll(prompt, i -> random.nextInt(java.config().vocabSize()));
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, int[]> tokens = new LinkedHashMap<>();
            for (int round = -1; round < rounds; round++) {
                for (Map.Entry<String, Decoder> entry : decoders.entrySet()) {
                    Decoder decoder = entry.getValue();
                    decoder.reset();
                    float[] logits = decoder.forward(prompt);
                    int[] chosen = new int[steps];
                    long start = System.nanoTime();
                    for (int i = 0; i < steps; i++) {
                        chosen[i] = argmax(logits);
                        logits = decoder.forward(new int[] {chosen[i]});
                    }
                    double rate = steps / seconds(start);
                    if (round >= 0) {
                        rates.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(rate);
                    }
                    tokens.put(entry.getKey(), chosen);
                }
            }
            rates.forEach((kind, list) -> {
                List<Double> sorted = new ArrayList<>(list);
                Collections.sort(sorted);
                System.out.printf("%-8s median %.2f tokens/s, rounds %s%n", kind, sorted.get(sorted.size() / 2), list);
            });
            int same = 0;
            while (same < steps && tokens.get("java")[same] == tokens.get("pytorch")[same]) {
                same++;
            }
            System.out.printf("greedy tokens identical for the first %d of %d steps; load %s%n", same, steps,
                    ProbeRounds.loadAverage());
            if (kernel instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
