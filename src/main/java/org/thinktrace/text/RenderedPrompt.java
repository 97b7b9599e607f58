package org.thinktrace.text;

import java.util.List;
import java.util.Objects;

/**
 * A chat template's output: the exact prompt text, the same text cut into segments that say which spans
 * came verbatim from message content, and whether the prompt leaves the model inside an open
 * {@code <think>} block.
 *
 * <p>Contract: the segments' texts concatenate to {@link #text()}. A segment with {@code userContent}
 * true holds characters that a message's content supplied (user, system or assistant text); they must be
 * encoded as plain text so that content spelling a control token never becomes that token. Every other
 * segment is the template's own structure, encoded with special tokens recognised.
 *
 * @param text               the rendered prompt, byte for byte what the reference Jinja engine renders
 * @param segments           the text split into template structure and message content, in order
 * @param endsInsideThinking true when the prompt ends in an unclosed {@code <think>} (R1, QwQ templates add
 *                           {@code <think>\n} after the assistant tag), so generation starts in thinking
 */
public record RenderedPrompt(String text, List<Segment> segments, boolean endsInsideThinking) {

    public RenderedPrompt {
        Objects.requireNonNull(text, "text");
        segments = List.copyOf(segments);
        StringBuilder joined = new StringBuilder(text.length());
        segments.forEach(segment -> joined.append(segment.text()));
        if (!joined.toString().equals(text)) {
            throw new IllegalArgumentException("segments do not concatenate to the prompt text");
        }
    }

    /** A prompt that is all plain text (no template), e.g. for raw completion with a base model. */
    public static RenderedPrompt plain(String text) {
        return new RenderedPrompt(text, text.isEmpty() ? List.of() : List.of(new Segment(text, true)), false);
    }

    /**
     * One span of the prompt.
     *
     * @param text        the characters of the span
     * @param userContent true when the span came from message content (encode as plain text)
     */
    public record Segment(String text, boolean userContent) {
        public Segment {
            Objects.requireNonNull(text, "text");
        }
    }
}
