package org.thinktrace.generate;

/** Times the phases of one generation and turns them into {@link GenerationStats}. */
final class RunClock {

    private final long start = System.nanoTime();
    private long prefillStart;
    private long prefillEnd;
    private long firstToken;
    private long thinkingEnd;

    void prefillStarted() {
        prefillStart = System.nanoTime();
    }

    void prefillEnded() {
        prefillEnd = System.nanoTime();
    }

    /** Call for every generated token; only the first one counts. */
    void tokenGenerated() {
        if (firstToken == 0) firstToken = System.nanoTime();
    }

    /** Call when the thinking closed (the first call counts). */
    void thinkingEnded() {
        if (thinkingEnd == 0) thinkingEnd = System.nanoTime();
    }

    /**
     * @param computedPromptTokens prompt tokens actually run (fewer than the prompt when the cache was reused)
     * @param decodedTokens        tokens emitted from the first generated one on (not a continuation's replayed or
     *                             inserted tokens, which {@code thinkingTokens} and {@code answerTokens} count)
     * @param thinkingUnfinished   thinking lasted to the end
     */
    GenerationStats stats(int promptTokens, int computedPromptTokens, int thinkingTokens, int answerTokens,
                          int decodedTokens, boolean thinkingUnfinished) {
        long end = System.nanoTime();
        double prefillSeconds = seconds(prefillStart, prefillEnd);
        double decodeSeconds = firstToken == 0 ? 0 : seconds(firstToken, end);
        double thinkingSeconds = thinkingTokens == 0 ? 0 : seconds(start, thinkingUnfinished || thinkingEnd == 0 ? end : thinkingEnd);
        return new GenerationStats(
                promptTokens,
                seconds(start, firstToken == 0 ? end : firstToken),
                rate(computedPromptTokens, prefillSeconds),
                rate(decodedTokens - 1, decodeSeconds),
                thinkingTokens,
                answerTokens,
                thinkingSeconds,
                seconds(start, end));
    }

    private static double seconds(long from, long to) {
        return to <= from ? 0 : (to - from) / 1e9;
    }

    private static double rate(int tokens, double seconds) {
        return tokens <= 0 || seconds <= 0 ? 0 : tokens / seconds;
    }
}
