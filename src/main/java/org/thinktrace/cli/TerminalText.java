package org.thinktrace.cli;

/**
 * The one filter for text that comes from a model folder or from the model and is printed to a terminal
 * (generated text, rendered prompts, error messages that quote a file). Control characters are shown, not
 * obeyed: an escape sequence in a {@code config.json} value, a tokenizer's decoder output or a template's
 * {@code raise_exception} cannot retitle the window, clear the screen or rewrite what was printed.
 *
 * <p>Kept as they are: line feeds and tabs. Shown as {@code \xNN}: the other C0 controls (ESC, BEL, CR,
 * backspace …), DEL and the C1 controls (U+0080–U+009F, among them the 8-bit CSI). Shown as {@code \\u{XXXX}}:
 * the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder what is displayed.
 * JSON output ({@code --json}) escapes by itself and does not pass through here.
 */
final class TerminalText {

    private TerminalText() {
    }

    /** The text with every control character made visible; {@code null} stays {@code null}. */
    static String visible(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String shown = shown(c);
            if (shown != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                out.append(shown != null ? shown : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    private static String shown(char c) {
        if (c == '\n' || c == '\t') {
            return null;
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return String.format("\\x%02x", (int) c);
        }
        if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
            return String.format("\\u{%04x}", (int) c);
        }
        return null;
    }
}
