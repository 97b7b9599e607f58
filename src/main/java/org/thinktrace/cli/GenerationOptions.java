package org.thinktrace.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.thinktrace.generate.SamplingSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The generation options of {@code ask} and {@code chat} (a picocli mixin). Defaults come from the code:
 * {@link SamplingSettings#r1Defaults()} and {@link GenerationFlags#DEFAULT_MAX_TOKENS}; the help prints them.
 */
final class GenerationOptions {

    private static final SamplingSettings R1 = SamplingSettings.r1Defaults();

    @Option(names = "--model", paramLabel = "DIR|FILE.gguf",
            description = "model folder or GGUF file (default: the bundled models/thinktrace-r1-tiny)")
    Path model;

    @Option(names = "--temperature", paramLabel = "T",
            description = "0 = greedy (default ${DEFAULT-VALUE}, DeepSeek's R1 recommendation)")
    double temperature = R1.temperature();

    @Option(names = "--top-p", paramLabel = "P", description = "nucleus sampling (default ${DEFAULT-VALUE})")
    double topP = R1.topP();

    @Option(names = "--top-k", paramLabel = "K",
            description = "keep the K most likely tokens (default ${DEFAULT-VALUE}; 0 = off)")
    int topK = R1.topK();

    @Option(names = "--min-p", paramLabel = "P",
            description = "drop tokens below P x the top probability (default ${DEFAULT-VALUE}; 0 = off)")
    double minP = R1.minP();

    @Option(names = "--repetition-penalty", paramLabel = "R",
            description = "CTRL-style penalty on tokens already seen (default ${DEFAULT-VALUE}; 1 = off)")
    double repetitionPenalty = R1.repetitionPenalty();

    @Option(names = "--presence-penalty", paramLabel = "P",
            description = "subtracted from generated tokens' logits (default ${DEFAULT-VALUE}; 0 = off)")
    double presencePenalty = R1.presencePenalty();

    @Option(names = "--seed", paramLabel = "N",
            description = "random seed (default ${DEFAULT-VALUE}: the same run gives the same text)")
    long seed = R1.seed();

    @Option(names = "--max-tokens", paramLabel = "N",
            description = "most tokens to generate, thinking included (default ${DEFAULT-VALUE})")
    int maxTokens = GenerationFlags.DEFAULT_MAX_TOKENS;

    @Option(names = "--think-budget", paramLabel = "N",
            description = "close the thinking after N tokens (default ${DEFAULT-VALUE}; 0 = no budget)")
    int thinkingBudget = 0;

    @Option(names = "--stop", paramLabel = "TEXT",
            description = "stop when the answer contains TEXT (repeatable; default none)")
    List<String> stop = new ArrayList<>();

    @Option(names = "--context", paramLabel = "N",
            description = "context window in tokens, up to the model's own (default ${DEFAULT-VALUE}: the model's own, capped at 16384)")
    int context = 0;

    @Mixin
    PrecisionOption precision = new PrecisionOption();

    /** The options, checked; a value out of range is a {@link UsageException} naming the option. */
    GenerationFlags flags() throws UsageException {
        // the same ranges as SamplingSettings, checked first so that the message names the option
        if (!(temperature >= 0)) throw new UsageException("--temperature must be >= 0, got " + temperature);
        if (!(topP > 0 && topP <= 1)) throw new UsageException("--top-p must be in (0, 1], got " + topP);
        if (topK < 0) throw new UsageException("--top-k must be >= 0, got " + topK);
        if (!(minP >= 0 && minP < 1)) throw new UsageException("--min-p must be in [0, 1), got " + minP);
        if (!(repetitionPenalty > 0)) {
            throw new UsageException("--repetition-penalty must be > 0, got " + repetitionPenalty);
        }
        SamplingSettings sampling;
        try {
            sampling = new SamplingSettings(temperature, topP, topK, minP, repetitionPenalty, presencePenalty, seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (maxTokens <= 0) throw new UsageException("--max-tokens must be > 0, got " + maxTokens);
        if (thinkingBudget < 0) throw new UsageException("--think-budget must be >= 0, got " + thinkingBudget);
        if (context < 0) throw new UsageException("--context must be >= 0, got " + context);
        for (String text : stop) {
            if (text.isEmpty()) throw new UsageException("--stop needs a non-empty text");
        }
        return new GenerationFlags(model, sampling, maxTokens, thinkingBudget, stop, context, precision.choice());
    }
}
