package org.thinktrace.text;

/**
 * A reasoning model's response in the R1 layout: {@code <think>\n}thinking{@code \n</think>\n\n}answer. The one
 * place this layout is written, for the conversation history given to chat templates, the training traces and
 * the thinking end that the thinking budget forces.
 *
 * <p>The tags are written even when there is no thinking. R1 templates render an earlier assistant turn as what
 * follows its last {@code </think>}, so every earlier answer reaches the model as {@code "\n\n" + answer}, with
 * thinking or without; dropping the tags would render an answer without thinking differently from one with.
 *
 * @param thinking the text inside the tags, without them (empty when the model did not think)
 * @param answer   the text after the thinking
 */
public record R1Response(String thinking, String answer) {

    /** What opens the thinking; R1 templates end their generation prompt with it. */
    public static final String THINKING_START = "<think>\n";

    /** What closes the thinking and separates it from the answer. */
    public static final String THINKING_END = "\n</think>\n\n";

    public R1Response {
        if (thinking == null || answer == null) throw new IllegalArgumentException("thinking and answer must not be null");
    }

    /**
     * Splits {@code text} written in this layout at its first thinking end.
     *
     * @throws IllegalArgumentException when {@code text} does not open with {@link #THINKING_START} or has no
     *                                  {@link #THINKING_END}
     */
    public static R1Response parse(String text) {
        int end = text.indexOf(THINKING_END, THINKING_START.length());
        if (!text.startsWith(THINKING_START) || end < 0) {
            throw new IllegalArgumentException("not an R1 response (<think>\\n…\\n</think>\\n\\n…): "
                    + (text.length() > 60 ? text.substring(0, 60) + "…" : text));
        }
        return new R1Response(text.substring(THINKING_START.length(), end), text.substring(end + THINKING_END.length()));
    }

    /** The whole response as the model writes it. */
    public String text() {
        return THINKING_START + thinking + THINKING_END + answer;
    }
}
