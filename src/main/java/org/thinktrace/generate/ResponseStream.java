package org.thinktrace.generate;

import java.util.List;
import java.util.function.Consumer;

/**
 * Routes the decoded text of a response to {@link GenerationEvent.ThinkingDelta} and
 * {@link GenerationEvent.AnswerDelta} events: through the {@link ThinkStreamParser} (unless raw) and then,
 * for answer text, through the {@link StopStringFilter}. Keeps the full thinking and answer as emitted.
 * Not thread-safe.
 */
final class ResponseStream {

    private final ThinkStreamParser parser;
    private final StopStringFilter stops;
    private final Consumer<GenerationEvent> emit;
    private final StringBuilder thinking = new StringBuilder();
    private final StringBuilder answer = new StringBuilder();

    /** @param parser null for a raw completion, where all text is answer */
    ResponseStream(ThinkStreamParser parser, List<String> stopStrings, Consumer<GenerationEvent> emit) {
        this.parser = parser;
        this.stops = new StopStringFilter(stopStrings);
        this.emit = emit;
    }

    /**
     * Adds the text of one token and emits what became certain.
     *
     * @return the token's phase: thinking when the response was or still is inside {@code <think>}
     */
    Phase push(String text) {
        if (parser == null) {
            answer(stops.push(text));
            return Phase.ANSWER;
        }
        Phase before = parser.phase();
        route(parser.push(text));
        return before == Phase.THINKING || parser.phase() == Phase.THINKING ? Phase.THINKING : Phase.ANSWER;
    }

    /** Releases all held-back text (unless a stop string ended the answer). */
    void finish() {
        if (parser != null) route(parser.finish());
        if (!stops.stopped()) answer(stops.flush());
    }

    boolean stopped() {
        return stops.stopped();
    }

    /** The response is inside {@code <think>} now. */
    boolean inThinking() {
        return parser != null && parser.phase() == Phase.THINKING;
    }

    boolean thinkingUnfinished() {
        return parser != null && parser.thinkingUnfinished();
    }

    String thinking() {
        return thinking.toString();
    }

    String answer() {
        return answer.toString();
    }

    private void route(List<ThinkStreamParser.Segment> segments) {
        for (ThinkStreamParser.Segment s : segments) {
            if (s.phase() == Phase.THINKING) {
                thinking.append(s.text());
                emit.accept(new GenerationEvent.ThinkingDelta(s.text()));
            } else {
                answer(stops.push(s.text()));
            }
        }
    }

    private void answer(String text) {
        if (text.isEmpty()) return;
        answer.append(text);
        emit.accept(new GenerationEvent.AnswerDelta(text));
    }
}
