package org.thinktrace.generate;

import java.util.List;

/**
 * What a running generation reports, in order: one {@link PromptProcessed}, then per token any of
 * {@link ThinkingDelta} / {@link AnswerDelta} (text, possibly empty while bytes of a character are
 * pending) and one {@link TokenInfo}, and last exactly one {@link Finished} or {@link Failed}.
 * A {@link ContextTrimmed} may come before {@link PromptProcessed}.
 */
public sealed interface GenerationEvent {

    /** The oldest {@code droppedTurns} turns did not fit the context and were left out of the prompt. */
    record ContextTrimmed(int droppedTurns, int promptTokens, int contextLength) implements GenerationEvent {
    }

    /** The prompt was rendered, encoded and run through the model. */
    record PromptProcessed(int[] promptIds, String promptText, boolean startsInThinking) implements GenerationEvent {
        public int tokenCount() {
            return promptIds.length;
        }
    }

    /** More text inside {@code <think>}. */
    record ThinkingDelta(String text) implements GenerationEvent {
    }

    /** More text of the final answer. */
    record AnswerDelta(String text) implements GenerationEvent {
    }

    /**
     * One generated token, reported against the model's own next-token distribution at that step (the softmax of
     * the raw logits at temperature 1, before penalties and sampling filters).
     *
     * @param probability the token's probability under that distribution
     * @param entropy     the entropy of that whole distribution in nats; 0 for a token the generator inserted
     *                    itself (the thinking budget's {@code </think>}), whose probability is reported as 1
     * @param top         the most likely tokens of that distribution, most likely first; empty for inserted tokens
     */
    record TokenInfo(int id, String text, Phase phase, float probability, float entropy, List<TokenAlternative> top)
            implements GenerationEvent {
        public TokenInfo {
            top = List.copyOf(top);
        }
    }

    /**
     * The end of a generation.
     *
     * @param thinkingUnfinished the thinking never closed (stopped, cut by the budget or by length)
     * @param thinkingForced     the thinking budget forced {@code </think>}
     */
    record Finished(FinishReason reason, String thinking, String answer, boolean thinkingUnfinished,
                    boolean thinkingForced, GenerationStats stats) implements GenerationEvent {
    }

    /** The generation could not go on; {@code message} is for the user. */
    record Failed(String message, Throwable cause) implements GenerationEvent {

        /** Whether it failed because the request's prompt does not fit the context (not a fault of the model). */
        public boolean promptTooLong() {
            return cause instanceof PromptTooLongException;
        }
    }
}
