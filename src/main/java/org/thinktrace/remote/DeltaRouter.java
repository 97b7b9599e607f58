package org.thinktrace.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.ThinkStreamParser;

/**
 * Splits a remote stream into thinking and answer, the way servers deliver it:
 * <ol>
 *   <li>a reasoning field ({@code reasoning_content} or {@code reasoning}): its text is thinking, {@code content}
 *       is answer (leading whitespace of each dropped, as the local parser does);</li>
 *   <li>otherwise {@code <think>…</think>} inside {@code content}, the opening tag possibly absent because the
 *       chat template already wrote it. Until the content starts with {@code <think>} or shows {@code </think>}
 *       it is held back; should the stream end first, all of it is answer.</li>
 * </ol>
 * Emits, per chunk, the text deltas and then one {@link GenerationEvent.TokenInfo} per {@code logprobs} entry
 * (none when the server sends no logprobs). A token's phase: thinking when the chunk carried the reasoning field,
 * answer when it carried {@code content}, else the phase the stream is in. Not thread-safe.
 */
final class DeltaRouter {

    private enum Mode { UNDECIDED, FIELDS, TAGS }

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    private final Consumer<GenerationEvent> emit;
    private final StringBuilder thinking = new StringBuilder();
    private final StringBuilder answer = new StringBuilder();
    private final List<RemoteChunk> held = new ArrayList<>();
    private final StringBuilder heldContent = new StringBuilder();
    private Mode mode = Mode.UNDECIDED;
    private ThinkStreamParser parser;
    private Phase phase = Phase.THINKING;
    private boolean sawThinking;
    private boolean answerStarted;
    private int thinkingTokens;
    private int answerTokens;
    private long firstTextNanos;
    private long thinkingEndNanos;

    DeltaRouter(Consumer<GenerationEvent> emit) {
        this.emit = emit;
    }

    void accept(RemoteChunk chunk) {
        if (chunk.hasText() && firstTextNanos == 0) firstTextNanos = System.nanoTime();
        if (mode == Mode.UNDECIDED && chunk.reasoning() != null && !chunk.reasoning().isEmpty()) {
            mode = Mode.FIELDS;
            for (RemoteChunk h : held) routeFields(h); // content that came before the first reasoning
            held.clear();
        }
        switch (mode) {
            case FIELDS -> routeFields(chunk);
            case TAGS -> routeTags(chunk);
            case UNDECIDED -> hold(chunk);
        }
    }

    /** Ends the stream: held content is released (as answer, unless it opened thinking). */
    void finish() {
        if (mode == Mode.UNDECIDED) decide(false);
        if (mode == Mode.TAGS) route(parser.finish());
        if (!sawThinking || thinkingEndNanos != 0) return;
        if (answerStarted) thinkingEndNanos = System.nanoTime();
    }

    private void hold(RemoteChunk chunk) {
        held.add(chunk);
        if (chunk.content() == null) return;
        int searchFrom = Math.max(0, heldContent.length() - CLOSE.length() + 1); // a tag split across chunks
        heldContent.append(chunk.content());
        int lead = 0;
        while (lead < heldContent.length() && Character.isWhitespace(heldContent.charAt(lead))) lead++;
        if (heldContent.length() - lead >= OPEN.length() && heldContent.substring(lead, lead + OPEN.length()).equals(OPEN)) {
            decide(false);
        } else if (heldContent.indexOf(CLOSE, searchFrom) >= 0) { // only the new text: holding stays linear
            decide(true);
        }
    }

    /** Replays the held chunks through a tag parser; {@code startsInThinking}: the opening tag was absent. */
    private void decide(boolean startsInThinking) {
        mode = Mode.TAGS;
        parser = new ThinkStreamParser(startsInThinking);
        phase = startsInThinking ? Phase.THINKING : Phase.ANSWER;
        for (RemoteChunk h : held) routeTags(h);
        held.clear();
    }

    private void routeFields(RemoteChunk chunk) {
        boolean reasoning = marks(chunk, chunk.reasoning());
        boolean content = marks(chunk, chunk.content());
        Phase chunkPhase = reasoning ? Phase.THINKING : content ? Phase.ANSWER : phase;
        if (chunk.reasoning() != null) thinking(thinking.isEmpty() ? chunk.reasoning().stripLeading() : chunk.reasoning());
        if (chunk.content() != null) answer(answer.isEmpty() ? chunk.content().stripLeading() : chunk.content());
        if (content) phase = Phase.ANSWER;
        else if (reasoning) phase = Phase.THINKING;
        tokens(chunk, chunkPhase);
    }

    /** A field marks the chunk's phase when it has text, or is present (even empty) on a chunk with tokens. */
    private static boolean marks(RemoteChunk chunk, String field) {
        return field != null && (!field.isEmpty() || !chunk.tokens().isEmpty());
    }

    private void routeTags(RemoteChunk chunk) {
        Phase before = parser.phase();
        if (chunk.content() != null) route(parser.push(chunk.content()));
        if (chunk.reasoning() != null) thinking(chunk.reasoning());
        Phase chunkPhase = before == Phase.THINKING || parser.phase() == Phase.THINKING ? Phase.THINKING : Phase.ANSWER;
        tokens(chunk, chunkPhase);
    }

    private void route(List<ThinkStreamParser.Segment> segments) {
        for (ThinkStreamParser.Segment s : segments) {
            if (s.phase() == Phase.THINKING) thinking(s.text());
            else answer(s.text());
        }
    }

    private void thinking(String text) {
        if (text.isEmpty()) return;
        sawThinking = true;
        thinking.append(text);
        emit.accept(new GenerationEvent.ThinkingDelta(text));
    }

    private void answer(String text) {
        if (text.isEmpty()) return;
        if (!answerStarted && sawThinking) thinkingEndNanos = System.nanoTime();
        answerStarted = true;
        answer.append(text);
        emit.accept(new GenerationEvent.AnswerDelta(text));
    }

    private void tokens(RemoteChunk chunk, Phase tokenPhase) {
        for (RemoteChunk.Token t : chunk.tokens()) {
            if (tokenPhase == Phase.THINKING) thinkingTokens++;
            else answerTokens++;
            emit.accept(new GenerationEvent.TokenInfo(t.id(), t.text(), tokenPhase, t.probability(), t.entropy(), t.top()));
        }
    }

    String thinking() {
        return thinking.toString();
    }

    String answer() {
        return answer.toString();
    }

    /** Thinking was seen and never closed (no answer followed it, or a {@code </think>} never came). */
    boolean thinkingUnfinished() {
        if (mode == Mode.TAGS) return parser.thinkingUnfinished();
        return sawThinking && !answerStarted;
    }

    int thinkingTokens() {
        return thinkingTokens;
    }

    int answerTokens() {
        return answerTokens;
    }

    long firstTextNanos() {
        return firstTextNanos;
    }

    long thinkingEndNanos() {
        return thinkingEndNanos;
    }
}
