package org.thinktrace.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.thinktrace.generate.SamplingSettings;

/**
 * The options every generating command shares: the model folder, the sampling knobs, the limits.
 *
 * @param model          {@code --model DIR}, or null for the bundled default model
 * @param sampling       {@code --temperature --top-p --top-k --min-p --repetition-penalty --presence-penalty
 *                       --seed}, R1 defaults where not given
 * @param maxTokens      {@code --max-tokens} (thinking and answer together)
 * @param thinkingBudget {@code --think-budget}, 0 = none
 * @param stopStrings    every {@code --stop} (repeatable)
 * @param contextLimit   {@code --context}: a limit on the context window in tokens, 0 = the model's own
 */
record GenerationFlags(Path model, SamplingSettings sampling, int maxTokens, int thinkingBudget,
                       List<String> stopStrings, int contextLimit) {

    static final int DEFAULT_MAX_TOKENS = 4096;

    /** The options that take a value. */
    static final Set<String> VALUED = Set.of("--model", "--temperature", "--top-p", "--top-k", "--min-p",
            "--repetition-penalty", "--presence-penalty", "--seed", "--max-tokens", "--think-budget", "--stop",
            "--context");

    /** Help text for these options. */
    static final String HELP = """
              --model DIR               model folder (default: the bundled models/thinktrace-r1-tiny)
              --temperature T           0 = greedy (default 0.6, DeepSeek's R1 recommendation)
              --top-p P                 nucleus sampling (default 0.95)
              --top-k K                 keep the K most likely tokens (default 0 = off)
              --min-p P                 drop tokens below P x the top probability (default 0 = off)
              --repetition-penalty R    CTRL-style penalty on tokens already seen (default 1 = off)
              --presence-penalty P      subtracted from generated tokens' logits (default 0 = off)
              --seed N                  random seed (default 42: the same run gives the same text)
              --max-tokens N            most tokens to generate (default 4096)
              --think-budget N          close the thinking after N tokens (default 0 = no budget)
              --stop TEXT               stop when the answer contains TEXT (repeatable; default none)
              --context N               limit the context window to N tokens (default 0 = the model's own)
            """;

    static Set<String> valuedPlus(String... more) {
        return Stream.concat(VALUED.stream(), Stream.of(more)).collect(Collectors.toUnmodifiableSet());
    }

    static GenerationFlags from(CommandLine line) throws UsageException {
        SamplingSettings defaults = SamplingSettings.r1Defaults();
        SamplingSettings sampling;
        try {
            sampling = new SamplingSettings(
                    line.doubleValue("--temperature", defaults.temperature()),
                    line.doubleValue("--top-p", defaults.topP()),
                    line.intValue("--top-k", defaults.topK()),
                    line.doubleValue("--min-p", defaults.minP()),
                    line.doubleValue("--repetition-penalty", defaults.repetitionPenalty()),
                    line.doubleValue("--presence-penalty", defaults.presencePenalty()),
                    line.longValue("--seed", defaults.seed()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        int maxTokens = line.intValue("--max-tokens", DEFAULT_MAX_TOKENS);
        if (maxTokens <= 0) throw new UsageException("--max-tokens must be > 0, got " + maxTokens);
        int budget = line.intValue("--think-budget", 0);
        if (budget < 0) throw new UsageException("--think-budget must be >= 0, got " + budget);
        int context = line.intValue("--context", 0);
        if (context < 0) throw new UsageException("--context must be >= 0, got " + context);
        for (String stop : line.all("--stop")) {
            if (stop.isEmpty()) throw new UsageException("--stop needs a non-empty text");
        }
        String model = line.value("--model");
        return new GenerationFlags(model == null ? null : Path.of(model), sampling, maxTokens, budget,
                line.all("--stop"), context);
    }
}
