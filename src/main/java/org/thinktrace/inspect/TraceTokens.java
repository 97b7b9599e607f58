package org.thinktrace.inspect;

import java.util.ArrayList;
import java.util.List;
import org.thinktrace.chat.TokenTrace;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.Phase;

/**
 * The generated tokens of one response, thinking first: token {@code i} is thinking iff
 * {@code i < thinkingTokens}. The thinking tokens include the {@code </think>} tag's token when the model wrote it.
 *
 * @param tokens         every generated token, in order
 * @param thinkingTokens how many of the leading tokens are thinking
 */
public record TraceTokens(List<InspectedToken> tokens, int thinkingTokens) {

    public TraceTokens {
        tokens = List.copyOf(tokens);
        if (thinkingTokens < 0 || thinkingTokens > tokens.size()) {
            throw new IllegalArgumentException("thinking tokens " + thinkingTokens + " out of 0.." + tokens.size());
        }
    }

    /** The tokens of a stored response; entropy is NaN (and alternatives have no text) in traces saved before
     * they were recorded. */
    public static TraceTokens from(TokenTrace trace) {
        List<InspectedToken> tokens = new ArrayList<>(trace.size());
        for (int i = 0; i < trace.size(); i++) {
            tokens.add(new InspectedToken(trace.ids()[i], trace.texts().get(i), trace.probability(i),
                    trace.entropy(i), trace.alternatives(i)));
        }
        return new TraceTokens(tokens, trace.thinkingTokens());
    }

    public int size() {
        return tokens.size();
    }

    public InspectedToken get(int i) {
        return tokens.get(i);
    }

    /** The texts of the thinking tokens, in order. */
    public List<String> thinkingTexts() {
        return tokens.subList(0, thinkingTokens).stream().map(InspectedToken::text).toList();
    }

    /** The thinking tokens as the generator reported them, to continue a response from inside its thinking. */
    public List<TokenInfo> thinkingInfos() {
        return tokens.subList(0, thinkingTokens).stream()
                .map(t -> new TokenInfo(t.id(), t.text(), Phase.THINKING, t.p(), t.entropy(), t.alternatives()))
                .toList();
    }
}
