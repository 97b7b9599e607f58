package org.thinktrace.generate;

/**
 * Figures of one finished generation. Times are in seconds; rates in tokens per second.
 *
 * @param promptTokens     tokens in the rendered prompt
 * @param timeToFirstToken from the start to the first generated token
 * @param prefillTokensPerSecond prompt tokens / prefill seconds
 * @param decodeTokensPerSecond  generated tokens after the first / their seconds
 * @param thinkingTokens   tokens generated inside {@code <think>}
 * @param answerTokens     tokens generated after {@code </think>} (or all, when the model did not think)
 * @param thinkingSeconds  wall time spent thinking
 * @param totalSeconds     wall time from start to finish
 */
public record GenerationStats(int promptTokens, double timeToFirstToken, double prefillTokensPerSecond,
                              double decodeTokensPerSecond, int thinkingTokens, int answerTokens,
                              double thinkingSeconds, double totalSeconds) {

    /** All generated tokens. */
    public int generatedTokens() {
        return thinkingTokens + answerTokens;
    }
}
