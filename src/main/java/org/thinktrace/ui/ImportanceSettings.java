package org.thinktrace.ui;

import org.thinktrace.generate.ModelSession;
import org.thinktrace.inspect.AnswerExtractor;
import org.thinktrace.inspect.StepImportance;

/**
 * How the inspector resamples around each step for "Importance".
 *
 * @param samples        continuations on each side of a step
 * @param thinkingBudget new thinking tokens per continuation, after which the end of thinking is forced
 * @param answerTokens   answer tokens per continuation
 */
record ImportanceSettings(int samples, int thinkingBudget, int answerTokens) {

    /** The engine's defaults, as {@code thinktrace inspect --importance} uses them. */
    static final ImportanceSettings DEFAULT = new ImportanceSettings(StepImportance.DEFAULT_SAMPLES,
            StepImportance.DEFAULT_THINKING_BUDGET, StepImportance.DEFAULT_ANSWER_TOKENS);

    ImportanceSettings {
        if (samples < 1 || thinkingBudget < 1 || answerTokens < 1) {
            throw new IllegalArgumentException("samples, thinking budget and answer tokens must be >= 1, not "
                    + samples + ", " + thinkingBudget + ", " + answerTokens);
        }
    }

    /** The resampler for a probe on {@code session}; answers are compared as the convergence probes compare them. */
    StepImportance resampler(ModelSession session) {
        return new StepImportance(session, samples, thinkingBudget, answerTokens, AnswerExtractor::extract);
    }

    /** The continuations run around each step, before and after it. */
    int continuationsPerStep() {
        return continuations(1);
    }

    /** How many continuations resampling {@code steps} steps runs. */
    int continuations(int steps) {
        return StepImportance.continuations(steps, samples);
    }

    /** The most tokens resampling {@code steps} steps can generate. */
    long maxTokens(int steps) {
        return StepImportance.maxTokens(steps, samples, thinkingBudget, answerTokens);
    }
}
