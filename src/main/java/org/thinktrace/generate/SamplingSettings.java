package org.thinktrace.generate;

/**
 * How the next token is picked from the logits. Temperature 0 means greedy.
 *
 * @param temperature       divides the logits; 0 picks the most likely token
 * @param topP              nucleus: keep the smallest set whose probability reaches topP (1 = off)
 * @param topK              keep the k most likely tokens (0 = off)
 * @param minP              drop tokens below minP × the top probability (0 = off)
 * @param repetitionPenalty CTRL-style penalty on tokens already in the context (1 = off)
 * @param presencePenalty   subtracted from the logit of every token already generated (0 = off)
 * @param seed              random seed; the same seed, settings and model give the same tokens
 */
public record SamplingSettings(double temperature, double topP, int topK, double minP,
                               double repetitionPenalty, double presencePenalty, long seed) {

    /** DeepSeek's recommendation for R1 models: temperature 0.6, top-p 0.95. */
    public static SamplingSettings r1Defaults() {
        return new SamplingSettings(0.6, 0.95, 0, 0.0, 1.0, 0.0, 42L);
    }

    /** Greedy decoding: always the most likely token. */
    public static SamplingSettings greedy() {
        return new SamplingSettings(0.0, 1.0, 0, 0.0, 1.0, 0.0, 0L);
    }

    public SamplingSettings {
        if (!(temperature >= 0)) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        if (topK < 0) throw new IllegalArgumentException("top-k must be >= 0, got " + topK);
        if (!(minP >= 0 && minP < 1)) throw new IllegalArgumentException("min-p must be in [0, 1), got " + minP);
        if (!(repetitionPenalty > 0)) throw new IllegalArgumentException("repetition penalty must be > 0, got " + repetitionPenalty);
    }

    public SamplingSettings withTemperature(double t) {
        return new SamplingSettings(t, topP, topK, minP, repetitionPenalty, presencePenalty, seed);
    }

    public SamplingSettings withSeed(long s) {
        return new SamplingSettings(temperature, topP, topK, minP, repetitionPenalty, presencePenalty, s);
    }
}
