package org.thinktrace.cli;

import java.nio.file.Path;
import java.util.List;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.model.PrecisionChoice;

/**
 * The options every generating command shares, checked: the model folder, the sampling knobs, the limits
 * ({@link GenerationOptions} reads them from the command line).
 *
 * @param model          {@code --model DIR}, or null for the bundled default model
 * @param sampling       {@code --temperature --top-p --top-k --min-p --repetition-penalty --presence-penalty
 *                       --seed}, R1 defaults where not given
 * @param maxTokens      {@code --max-tokens} (thinking and answer together)
 * @param thinkingBudget {@code --think-budget}, 0 = none
 * @param stopStrings    every {@code --stop} (repeatable)
 * @param contextLimit   {@code --context}: a limit on the context window in tokens, 0 = the model's own
 * @param precision      {@code --dtype}: the weight precision
 */
record GenerationFlags(Path model, SamplingSettings sampling, int maxTokens, int thinkingBudget,
                       List<String> stopStrings, int contextLimit, PrecisionChoice precision) {

    static final int DEFAULT_MAX_TOKENS = 4096;

    GenerationFlags {
        stopStrings = List.copyOf(stopStrings);
    }
}
