package org.thinktrace.inspect;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the final answer out of answer text and normalises it, so that two answers can be compared
 * ("9.90", "$9.9$" and "**9.9.**" are the same answer).
 *
 * <p>Extraction, first that applies:
 * <ol>
 *   <li>the content of the last {@code \boxed{…}} (braces balanced);</li>
 *   <li>the first {@code **bold**} span that is not a label (one ending in a colon, or "answer" / "final
 *       answer"): answers state the result first ("**9.9** is larger than **9.11**");</li>
 *   <li>the last number (an optional minus sign, digits with optional thousands commas and decimals, an optional
 *       {@code /denominator}; or a {@code \frac{a}{b}}) of the first non-blank line, else of the whole text: an
 *       answer read after a cut thinking starts with it;</li>
 *   <li>the last word (letters only) of the first non-blank line, else of the whole text.</li>
 * </ol>
 * Lines that only head the answer ("**Final Answer**", "Answer:") at its start are skipped by the last two rules.
 * Text after a {@code </think>} only is read when the text has one. Normalisation: {@code \text{…}},
 * {@code \mathrm{…}} and {@code \textbf{…}} are unwrapped; {@code {,}} becomes a comma, {@code \dfrac} and
 * {@code \tfrac} become {@code \frac} and a Unicode minus sign ({@code −}) a hyphen-minus; {@code $},
 * {@code \(}, {@code \)}, {@code \,} and {@code \!} are removed; surrounding quotes, brackets and trailing punctuation ({@code . , ; : ! ?}) are
 * stripped; space runs become one space; letters become lower case; a number loses its thousands commas and
 * trailing zeros ({@code 1,194.50} → {@code 1194.5}, {@code -0} → {@code 0}). The extractor never throws; text
 * with no number and no word has no answer.
 */
public final class AnswerExtractor {

    private static final String BOXED = "\\boxed{";
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("\\\\[dt]?frac\\{[-\u2212]?\\d+}\\{\\d+}"
            + "|[-\u2212]?(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?:/\\d+)?");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final Pattern LABEL = Pattern.compile("(?i).*:|(?:the )?(?:final )?answer");
    /** A line that only heads the answer ("**Final Answer**", "## Answer:"), once Markdown marks are removed. */
    private static final Pattern ANSWER_HEADING = Pattern.compile("(?i)(?:the )?(?:final )?answer:?");
    private static final Pattern TEXT_COMMAND = Pattern.compile("\\\\(?:text|mathrm|textbf|mathbf)\\{([^{}]*)}");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    private AnswerExtractor() {
    }

    /**
     * The final answer stated in {@code answerText}, normalised; {@code ""} when it states none. Fit for use as a
     * {@code Function<String, String>} (convergence probes, resampling).
     */
    public static String extract(String answerText) {
        return find(answerText).orElse("");
    }

    /** The final answer stated in {@code answerText}, normalised; empty when it states none. */
    public static Optional<String> find(String answerText) {
        return raw(answerText).map(AnswerExtractor::normalise).filter(s -> !s.isEmpty());
    }

    /**
     * The first line of {@code text} that is not blank and does not only head the answer ("**Final Answer**",
     * "Answer:"); "" when there is none.
     */
    public static String firstAnswerLine(String text) {
        return withoutAnswerHeadings(text).lines().findFirst().orElse("");
    }

    /** The final answer as written, before normalisation; empty when the text states none. */
    public static Optional<String> raw(String answerText) {
        if (answerText == null) return Optional.empty();
        int close = answerText.lastIndexOf("</think>");
        String text = close < 0 ? answerText : answerText.substring(close + "</think>".length());
        Optional<String> boxed = lastBoxed(text);
        if (boxed.isPresent()) return boxed;
        Matcher bold = BOLD.matcher(text);
        while (bold.find()) {
            String span = bold.group(1);
            if (!span.isBlank() && !LABEL.matcher(span.strip()).matches()) return Optional.of(span);
        }
        String body = withoutAnswerHeadings(text);
        String firstLine = body.lines().findFirst().orElse("");
        for (String scope : new String[] {firstLine, body}) {
            String number = lastMatch(NUMBER.matcher(scope), 0);
            if (number != null) return Optional.of(number);
        }
        String word = lastMatch(WORD.matcher(firstLine), 0);
        return Optional.ofNullable(word != null ? word : lastMatch(WORD.matcher(body), 0));
    }

    /** {@code answer} normalised as {@link AnswerExtractor} describes. */
    public static String normalise(String answer) {
        String t = answer;
        for (int i = 0; i < 3; i++) t = TEXT_COMMAND.matcher(t).replaceAll("$1");
        t = t.replace("{,}", ",").replace("\\dfrac{", "\\frac{").replace("\\tfrac{", "\\frac{").replace('\u2212', '-');
        t = t.replace("$", "").replace("\\(", "").replace("\\)", "").replace("\\,", "").replace("\\!", "")
                .replace("**", "");
        t = t.replaceAll("\\s+", " ").strip();
        String before;
        do {
            before = t;
            t = stripEnds(t);
        } while (!t.equals(before));
        t = t.toLowerCase(Locale.ROOT);
        String digits = t.matches("-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?") ? t.replace(",", "") : t;
        if (PLAIN_NUMBER.matcher(digits).matches()) {
            BigDecimal value = new BigDecimal(digits).stripTrailingZeros();
            return value.signum() == 0 ? "0" : value.toPlainString();
        }
        return t;
    }

    /** Whether two answers are the same after normalisation. */
    public static boolean same(String a, String b) {
        return normalise(a).equals(normalise(b));
    }

    /** {@code text} stripped, without the answer headings it starts with (their words are no answer). */
    private static String withoutAnswerHeadings(String text) {
        String rest = text.strip();
        while (!rest.isEmpty()) {
            int lineEnd = rest.indexOf('\n');
            String line = lineEnd < 0 ? rest : rest.substring(0, lineEnd);
            if (!ANSWER_HEADING.matcher(line.replaceAll("[*#_]", "").strip()).matches()) break;
            rest = lineEnd < 0 ? "" : rest.substring(lineEnd + 1).strip();
        }
        return rest;
    }

    private static String stripEnds(String t) {
        String s = t.strip();
        while (!s.isEmpty() && ".,;:!?".indexOf(s.charAt(s.length() - 1)) >= 0) s = s.substring(0, s.length() - 1);
        if (s.length() >= 2) {
            char first = s.charAt(0);
            char last = s.charAt(s.length() - 1);
            if (first == '"' && last == '"' || first == '\'' && last == '\'' || first == '“' && last == '”'
                    || first == '(' && last == ')' || first == '[' && last == ']') {
                s = s.substring(1, s.length() - 1);
            }
        }
        return s.strip();
    }

    private static Optional<String> lastBoxed(String text) {
        int start = text.lastIndexOf(BOXED);
        while (start >= 0) {
            int depth = 1;
            for (int j = start + BOXED.length(); j < text.length(); j++) {
                char c = text.charAt(j);
                if (c == '{') depth++;
                else if (c == '}' && --depth == 0) return Optional.of(text.substring(start + BOXED.length(), j));
            }
            start = start == 0 ? -1 : text.lastIndexOf(BOXED, start - 1); // unclosed: try the one before
        }
        return Optional.empty();
    }

    private static String lastMatch(Matcher m, int group) {
        String last = null;
        while (m.find()) last = m.group(group);
        return last;
    }
}
