package org.thinktrace.cli;

/**
 * Minimal Markdown for an answer streamed to a terminal: {@code **bold**} in bold, {@code `code`} and fenced
 * code blocks in the code colour, the inline markers left out (fence lines stay, coloured). Nothing else is
 * interpreted; single {@code *} are text (answers hold arithmetic). Fed piece by piece as tokens arrive: a
 * piece that ends in {@code *} or {@code `} is held back until the next one shows which marker it is.
 * Not thread-safe; one response at a time, {@link #finish()} at its end.
 */
final class AnswerStyler {

    static final String BOLD = "\u001b[1m";
    static final String NOT_BOLD = "\u001b[22m";
    static final String CODE = "\u001b[36m";
    static final String NOT_CODE = "\u001b[39m";

    private String pending = "";
    private boolean bold;
    private boolean code;
    private boolean fence;
    private boolean lineStart = true;

    /** The styled text of {@code text}, less any trailing marker characters held for the next piece. */
    String feed(String text) {
        String all = pending + text;
        int held = 0;
        while (held < all.length() && held < 3 && isMarker(all.charAt(all.length() - 1 - held))) held++;
        pending = all.substring(all.length() - held);
        return render(all.substring(0, all.length() - held));
    }

    /** The held characters and whatever closes the styles still open; ready for the next response. */
    String finish() {
        StringBuilder out = new StringBuilder(render(pending));
        if (bold) out.append(NOT_BOLD);
        if (code || fence) out.append(NOT_CODE);
        pending = "";
        bold = code = fence = false;
        lineStart = true;
        return out.toString();
    }

    private String render(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (lineStart && text.startsWith("```", i)) {
                if (!fence) out.append(CODE);
                out.append("```");
                if (fence) out.append(NOT_CODE);
                fence = !fence;
                lineStart = false;
                i += 3;
                continue;
            }
            lineStart = c == '\n';
            if (fence) {
                out.append(c);
            } else if (c == '`') {
                out.append(code ? NOT_CODE : CODE);
                code = !code;
            } else if (!code && text.startsWith("**", i)) {
                out.append(bold ? NOT_BOLD : BOLD);
                bold = !bold;
                i++;
            } else {
                if (c == '\n' && code) { // inline code does not run past its line
                    out.append(NOT_CODE);
                    code = false;
                }
                out.append(c);
            }
            i++;
        }
        return out.toString();
    }

    private static boolean isMarker(char c) {
        return c == '*' || c == '`';
    }
}
