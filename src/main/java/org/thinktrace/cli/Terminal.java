package org.thinktrace.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is an interactive terminal that understands ANSI styles. */
final class Terminal {

    /** SGR 2: faint text. */
    static final String DIM = "\u001b[2m";
    /** SGR 0: back to normal. */
    static final String RESET = "\u001b[0m";

    private Terminal() {
    }

    /**
     * The one filter for text from a model folder or from the model printed to a terminal (generated text,
     * rendered prompts, messages quoting a file, inspection reports): every control character made visible
     * ({@code \n}, {@code \t}, else {@code \u001b} style: C0 controls, DEL, the C1 controls such as the 8-bit
     * CSI, and the bidirectional overrides and isolates that reorder what is displayed), so that such text can
     * never move the cursor, retitle or clear the terminal. {@code --json} output escapes by itself.
     */
    static String visible(String text) {
        return visible(text, false);
    }

    /** Like {@link #visible(String)}, but line breaks and tabs stay as they are (for answers and multi-line reports). */
    static String visibleLines(String text) {
        return visible(text, true);
    }

    private static String visible(String text, boolean keepLines) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') out.append(keepLines ? "\n" : "\\n");
            else if (c == '\t') out.append(keepLines ? "\t" : "\\t");
            else if (Character.isISOControl(c) || isBidiControl(c)) out.append(String.format("\\u%04x", c));
            else out.appendCodePoint(c);
        });
        return out.toString();
    }

    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /**
     * True when {@link System#console()} exists and (on JDK 22+, where a console also exists for redirected
     * streams) {@code Console.isTerminal()} says it is a terminal, and {@code NO_COLOR} is not set.
     */
    static boolean supportsStyles() {
        return System.getenv("NO_COLOR") == null && interactive();
    }

    /** True when standard input and output are an interactive terminal (as {@link System#console()} sees it). */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) return false;
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 21: a console exists only for a terminal
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Console.isTerminal() could not be called", e);
        }
    }
}
