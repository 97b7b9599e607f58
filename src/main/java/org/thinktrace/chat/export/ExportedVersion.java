package org.thinktrace.chat.export;

import java.util.List;
import java.util.Objects;
import org.thinktrace.chat.BranchOrigin;
import org.thinktrace.chat.ResponseState;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.ModelIdentity;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.text.ChatTurn;

/**
 * One response version as a JSON export holds it: what is needed to generate it again and the tokens to compare.
 *
 * @param response       1-based index among the conversation's responses
 * @param version        1-based version of that response
 * @param state          where it stood when exported
 * @param prompt         the turns it answered (system prompt first when there was one)
 * @param sampling       its sampling settings, seed included
 * @param maxTokens      its token limit
 * @param thinkingBudget its thinking budget (0 or less = none)
 * @param model          the model that generated it; null when not recorded
 * @param origin         where it branched off another version of the same response; null when generated afresh
 * @param tokens         its generated tokens with their figures
 * @param promptTokens   how many tokens its prompt had when it was generated; -1 when not recorded
 */
public record ExportedVersion(int response, int version, ResponseState state, List<ChatTurn> prompt,
                              SamplingSettings sampling, int maxTokens, int thinkingBudget, ModelIdentity model,
                              BranchOrigin origin, List<TokenInfo> tokens, int promptTokens) {

    public ExportedVersion {
        prompt = List.copyOf(prompt);
        tokens = List.copyOf(tokens);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sampling, "sampling");
    }

    /** For messages, e.g. "response 2, version 1". */
    public String label() {
        return "response " + response + ", version " + version;
    }

    /** The token ids, in order. */
    public int[] ids() {
        return tokens.stream().mapToInt(TokenInfo::id).toArray();
    }
}
