package org.thinktrace.ui;

import java.util.ArrayList;
import java.util.List;
import org.thinktrace.inspect.Span;
import org.thinktrace.inspect.TokenAlignment;

/**
 * The confidence heat of a response while it streams: places the tokens that arrived since the last call in the
 * inspector's text (thinking, then the answer after {@link InspectorView#ANSWER_SEPARATOR}) with the same matching
 * as a stored response's ({@link TokenAlignment}), and hands back their shaded runs. A token is placed once the
 * text after it is long enough for the match to be final; the rest wait for the next frame.
 */
final class LiveHeat {

    /** Characters {@code [from, to)} of the inspector's text, drawn in heat bin {@code bin}. */
    record Run(int from, int to, int bin) {
    }

    private final TokenAlignment.Cursor inThinking = new TokenAlignment.Cursor();
    private final TokenAlignment.Cursor inAnswer = new TokenAlignment.Cursor();
    private int next;

    /**
     * The runs of the tokens placed by this call, in text order.
     *
     * @param tokens   the response's tokens so far
     * @param thinking the thinking text as the inspector shows it
     * @param answer   the answer text as the inspector shows it (empty until it begins)
     */
    List<Run> advance(LiveTokens tokens, String thinking, String answer) {
        List<Run> runs = new ArrayList<>();
        int answerOffset = thinking.length() + InspectorView.ANSWER_SEPARATOR.length();
        while (next < tokens.size()) {
            String piece = tokens.text(next);
            boolean isThinking = tokens.thinking(next);
            TokenAlignment.Cursor cursor = isThinking ? inThinking : inAnswer;
            String text = isThinking ? thinking : answer;
            if (!cursor.canMatch(text, piece) && !(isThinking && !answer.isEmpty())) break;
            Span chars = cursor.next(text, piece);
            if (chars != null && chars.length() > 0) {
                int offset = isThinking ? 0 : answerOffset;
                runs.add(new Run(chars.from() + offset, chars.to() + offset, HeatScale.bin(tokens.probability(next))));
            }
            next++;
        }
        return runs;
    }
}
