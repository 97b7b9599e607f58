package org.thinktrace.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.thinktrace.text.ChatTurn;
import org.thinktrace.text.Role;

/**
 * Makes a prompt and its room for new tokens fit the context window.
 *
 * <p>Policy: the answer is guaranteed {@code reserve = min(maxTokens, contextLength / 4)} tokens (at least 1).
 * While the prompt plus that reserve does not fit, the oldest turns are dropped one by one, never the leading
 * system turns nor the last user turn (and what follows it); a history left starting with an assistant turn
 * loses that turn too, so that it starts with a user turn as templates expect. The granted max tokens is then
 * {@code min(maxTokens, contextLength - promptTokens)}: a larger request is capped, not refused. When even
 * the shortest prompt leaves no room for one token, {@link PromptTooLongException} says so.
 */
final class ContextFitter {

    /** The prompt to run, how many turns were left out, and the max tokens granted. */
    record Fit(EncodedPrompt prompt, int droppedTurns, int maxTokens) {
    }

    private ContextFitter() {
    }

    static int reserve(int maxTokens, int contextLength) {
        return Math.max(1, Math.min(maxTokens, contextLength / 4));
    }

    static Fit fitConversation(List<ChatTurn> turns, int maxTokens, int contextLength,
                               Function<List<ChatTurn>, EncodedPrompt> encode) throws PromptTooLongException {
        int reserve = reserve(maxTokens, contextLength);
        List<ChatTurn> kept = new ArrayList<>(turns);
        int firstDroppable = leadingSystemTurns(kept);
        int dropped = 0;
        EncodedPrompt prompt = encode.apply(kept);
        while (prompt.length() + reserve > contextLength && firstDroppable < lastUserTurn(kept)) {
            kept.remove(firstDroppable);
            dropped++;
            while (firstDroppable < lastUserTurn(kept) && kept.get(firstDroppable).role() == Role.ASSISTANT) {
                kept.remove(firstDroppable);
                dropped++;
            }
            prompt = encode.apply(kept);
        }
        return grant(prompt, dropped, maxTokens, contextLength,
                dropped == 0 ? "the message" : "the last message (all " + dropped + " earlier turns were left out)");
    }

    static Fit fitRaw(EncodedPrompt prompt, int maxTokens, int contextLength) throws PromptTooLongException {
        return grant(prompt, 0, maxTokens, contextLength, "the text");
    }

    private static Fit grant(EncodedPrompt prompt, int dropped, int maxTokens, int contextLength, String what)
            throws PromptTooLongException {
        int room = contextLength - prompt.length();
        if (room < 1) {
            throw new PromptTooLongException("the prompt is " + prompt.length() + " tokens but the model's context holds "
                    + contextLength + ": shorten " + what);
        }
        return new Fit(prompt, dropped, Math.min(maxTokens, room));
    }

    private static int leadingSystemTurns(List<ChatTurn> turns) {
        int i = 0;
        while (i < turns.size() && turns.get(i).role() == Role.SYSTEM) i++;
        return i;
    }

    /** Index of the last user turn, or of the last turn when there is no user turn. */
    private static int lastUserTurn(List<ChatTurn> turns) {
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (turns.get(i).role() == Role.USER) return i;
        }
        return turns.size() - 1;
    }
}
