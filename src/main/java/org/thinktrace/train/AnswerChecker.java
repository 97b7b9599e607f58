package org.thinktrace.train;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer in a model response and compares it with a problem's canonical answer.
 *
 * <p>The final answer is the last {@code \boxed{…}} after the thinking (the text after the last
 * {@code </think>}, or the whole response when there is none), else the last {@code **bold**} span
 * there. Comparison ignores case, surrounding quotes and a trailing full stop, normalises spaces
 * around commas, and compares numbers by value ({@code 9.90} equals {@code 9.9}).
 */
public final class AnswerChecker {

    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*", Pattern.DOTALL);
    private static final String BOXED = "\\boxed{";

    private AnswerChecker() {
    }

    /** The final answer stated in {@code response}, if it states one. */
    public static Optional<String> extract(String response) {
        int close = response.lastIndexOf("</think>");
        String tail = close < 0 ? response : response.substring(close + "</think>".length());
        Optional<String> boxed = lastBoxed(tail);
        if (boxed.isPresent()) {
            return boxed;
        }
        Matcher m = BOLD.matcher(tail);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return Optional.ofNullable(last);
    }

    /** Whether {@code response} states {@code expected} as its final answer. */
    public static boolean isCorrect(String response, String expected) {
        return extract(response).map(found -> sameAnswer(found, expected)).orElse(false);
    }

    /** Whether two answer strings mean the same after normalisation. */
    public static boolean sameAnswer(String a, String b) {
        String na = normalise(a);
        String nb = normalise(b);
        if (na.equals(nb)) {
            return true;
        }
        Optional<BigDecimal> da = number(na);
        Optional<BigDecimal> db = number(nb);
        return da.isPresent() && db.isPresent() && da.get().compareTo(db.get()) == 0;
    }

    private static Optional<String> lastBoxed(String text) {
        int start = text.lastIndexOf(BOXED);
        if (start < 0) {
            return Optional.empty();
        }
        int depth = 1;
        int i = start + BOXED.length();
        for (int j = i; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return Optional.of(text.substring(i, j));
            }
        }
        return Optional.empty();
    }

    private static String normalise(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        t = t.replaceAll("\\s*,\\s*", ", ").replaceAll("\\s+", " ");
        while (t.endsWith(".") || t.endsWith("!")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    private static Optional<BigDecimal> number(String s) {
        if (!s.matches("-?\\d+(\\.\\d+)?")) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(s));
    }
}
