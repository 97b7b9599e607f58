package org.thinktrace.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a streamed response into its thinking ({@code <think>…</think>}) and its answer, delta by delta.
 *
 * <p>Contract: the segments returned by all {@link #push} calls and the final {@link #finish()}, joined per
 * phase, depend only on the concatenated input, never on how it was chunked. To keep that promise the
 * parser holds back text that could still turn out to be part of a tag (a partial {@code <think>} or
 * {@code </think>}) and, inside thinking, trailing whitespace that could precede {@code </think>}.
 *
 * <p>Normalisation:
 * <ul>
 *   <li>whitespace before an opening {@code <think>} and at the start of the thinking is dropped;</li>
 *   <li>whitespace right before {@code </think>} (and at the end of unfinished thinking) is dropped;</li>
 *   <li>leading whitespace of the answer (the blank lines after {@code </think>}) is dropped;</li>
 *   <li>only the first {@code <think>}, and only at the very start of the response, opens thinking; in the
 *       answer, tags are ordinary text.</li>
 * </ul>
 * A response that starts with anything but {@code <think>} has no thinking. When the prompt itself opened
 * the thinking (R1 templates end with {@code <think>\n}), construct the parser with {@code startsInThinking}
 * and only {@code </think>} is looked for. Not thread-safe.
 */
public final class ThinkStreamParser {

    static final String OPEN_TAG = "<think>";
    static final String CLOSE_TAG = "</think>";

    private enum State { START, THINKING, ANSWER }

    /** A piece of text in one phase. */
    public record Segment(Phase phase, String text) {
    }

    private final StringBuilder pending = new StringBuilder();
    private State state;
    private boolean atPhaseStart = true;
    private boolean sawThinking;
    private boolean thinkingClosed;
    private boolean finished;

    /** @param startsInThinking the prompt ended inside {@code <think>}: the response begins as thinking */
    public ThinkStreamParser(boolean startsInThinking) {
        this.state = startsInThinking ? State.THINKING : State.START;
        this.sawThinking = startsInThinking;
    }

    /** Feeds the next text delta; returns the segments that became certain (possibly none). */
    public List<Segment> push(String delta) {
        if (finished) throw new IllegalStateException("the parser has finished");
        pending.append(delta);
        List<Segment> out = new ArrayList<>(2);
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = switch (state) {
                case START -> stepStart();
                case THINKING -> stepThinking(out);
                case ANSWER -> stepAnswer(out);
            };
        }
        return out;
    }

    /**
     * Ends the stream: releases held-back text (a partial tag that never completed is text).
     * Thinking that never closed stays thinking; see {@link #thinkingUnfinished()}.
     */
    public List<Segment> finish() {
        if (finished) return List.of();
        finished = true;
        List<Segment> out = new ArrayList<>(1);
        switch (state) {
            case START -> {
                // only whitespace or a partial "<think>" arrived: the latter is answer text
                String rest = pending.toString().strip();
                if (!rest.isEmpty()) out.add(new Segment(Phase.ANSWER, rest));
            }
            case THINKING -> {
                String rest = pending.toString().stripTrailing();
                if (atPhaseStart) rest = rest.stripLeading();
                if (!rest.isEmpty()) out.add(new Segment(Phase.THINKING, rest));
            }
            case ANSWER -> stepAnswer(out);
        }
        pending.setLength(0);
        return out;
    }

    /** The phase text pushed now would belong to: thinking while inside it, answer otherwise. */
    public Phase phase() {
        return state == State.THINKING ? Phase.THINKING : Phase.ANSWER;
    }

    /** The response had (or the prompt opened) a thinking section. */
    public boolean sawThinking() {
        return sawThinking;
    }

    /** {@code </think>} has been seen. */
    public boolean thinkingClosed() {
        return thinkingClosed;
    }

    /** Thinking was opened but never closed. Meaningful at any time; final after {@link #finish()}. */
    public boolean thinkingUnfinished() {
        return sawThinking && !thinkingClosed;
    }

    private boolean stepStart() {
        dropLeadingWhitespace();
        if (pending.isEmpty()) return false;
        if (startsWith(pending, OPEN_TAG)) {
            pending.delete(0, OPEN_TAG.length());
            state = State.THINKING;
            atPhaseStart = true;
            sawThinking = true;
            return true;
        }
        if (OPEN_TAG.startsWith(pending.toString())) {
            return false; // a partial "<think>": wait for more
        }
        state = State.ANSWER;
        atPhaseStart = true;
        return true;
    }

    private boolean stepThinking(List<Segment> out) {
        if (atPhaseStart) {
            dropLeadingWhitespace();
            if (pending.isEmpty()) return false;
        }
        int close = pending.indexOf(CLOSE_TAG);
        if (close >= 0) {
            String thought = pending.substring(0, close).stripTrailing();
            if (atPhaseStart) thought = thought.stripLeading();
            emit(out, Phase.THINKING, thought);
            pending.delete(0, close + CLOSE_TAG.length());
            state = State.ANSWER;
            atPhaseStart = true;
            thinkingClosed = true;
            return true;
        }
        int keepFrom = heldBackStart();
        if (keepFrom > 0) {
            emit(out, Phase.THINKING, pending.substring(0, keepFrom));
            pending.delete(0, keepFrom);
            atPhaseStart = false;
        }
        return false;
    }

    /** Where the text that must wait begins: trailing whitespace plus a suffix that could start {@code </think>}. */
    private int heldBackStart() {
        int end = pending.length() - partialTagLength(pending, CLOSE_TAG);
        while (end > 0 && Character.isWhitespace(pending.charAt(end - 1))) end--;
        return end;
    }

    private boolean stepAnswer(List<Segment> out) {
        if (atPhaseStart) {
            dropLeadingWhitespace();
            if (pending.isEmpty()) return false;
            atPhaseStart = false;
        }
        emit(out, Phase.ANSWER, pending.toString());
        pending.setLength(0);
        return false;
    }

    private void dropLeadingWhitespace() {
        int i = 0;
        while (i < pending.length() && Character.isWhitespace(pending.charAt(i))) i++;
        pending.delete(0, i);
    }

    private static void emit(List<Segment> out, Phase phase, String text) {
        if (!text.isEmpty()) out.add(new Segment(phase, text));
    }

    private static boolean startsWith(CharSequence text, String prefix) {
        return text.length() >= prefix.length() && text.subSequence(0, prefix.length()).toString().equals(prefix);
    }

    /** Length of the longest proper suffix of {@code text} that is a prefix of {@code tag}. */
    static int partialTagLength(CharSequence text, String tag) {
        int max = Math.min(tag.length() - 1, text.length());
        for (int n = max; n > 0; n--) {
            if (text.subSequence(text.length() - n, text.length()).toString().equals(tag.substring(0, n))) return n;
        }
        return 0;
    }
}
