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

    /** One generated token with its probability and the top alternatives (most likely first). */
    record TokenInfo(int id, String text, Phase phase, float probability, List<TokenAlternative> top)
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
    }
}
