package org.thinktrace.train;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One named way of asking a question: a pattern with {@code {placeholder}}s, and whether it is held
 * out of training. A held-out phrasing never appears in a training set; evaluation asks problems in
 * it to measure how the model copes with wording it never saw ({@link PhrasingSplit#HELD_OUT}).
 *
 * @param name    unique within its {@link Phrasings}, stable across releases (it names the template in reports)
 * @param pattern the question, {@code {a}}, {@code {list}} and the like standing for the values
 * @param heldOut whether the phrasing is kept out of training
 */
public record Phrasing(String name, String pattern, boolean heldOut) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z-]+)}");
    /** What a filled-in value looks like to {@link #reads}: no '=', '?' or ':', no space at either end. */
    private static final String VALUE = "[^=?:\\s](?:[^=?:]*?[^=?:\\s])?";
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final Pattern FINAL_PUNCTUATION = Pattern.compile("[?.!:)]+$");

    public Phrasing {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
    }

    /** A phrasing used in training. */
    static Phrasing train(String name, String pattern) {
        return new Phrasing(name, pattern, false);
    }

    /** A phrasing kept out of training, asked only in the held-out-phrasing evaluation. */
    static Phrasing heldOut(String name, String pattern) {
        return new Phrasing(name, pattern, true);
    }

    /**
     * Whether {@code question} reads as this template filled in with any values, ignoring case, a
     * spelling of spaces and the final punctuation: the test that keeps held-out templates out of
     * varied training questions.
     */
    public boolean reads(String question) {
        return reader().test(question);
    }

    /** {@link #reads} with the template compiled once, for testing many questions. */
    public Predicate<String> reader() {
        return readerOfAny(List.of(this));
    }

    /**
     * Whether a question {@link #reads reads} as any of {@code phrasings}: each template compiled once, for testing many
     * questions, and each question loosened once for all of them.
     */
    public static Predicate<String> readerOfAny(Collection<Phrasing> phrasings) {
        List<Pattern> regexes = phrasings.stream().map(Phrasing::asRegex).toList();
        return question -> {
            String loose = loose(question);
            for (Pattern regex : regexes) {
                if (regex.matcher(loose).matches()) {
                    return true;
                }
            }
            return false;
        };
    }

    private Pattern asRegex() {
        Matcher m = PLACEHOLDER.matcher(loose(pattern));
        StringBuilder regex = new StringBuilder();
        int at = 0;
        String text = loose(pattern);
        while (m.find()) {
            regex.append(Pattern.quote(text.substring(at, m.start()))).append(VALUE);
            at = m.end();
        }
        regex.append(Pattern.quote(text.substring(at)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** Lowercase, runs of white space as one space, without surrounding white space and final punctuation. */
    private static String loose(String s) {
        String t = WHITE_SPACE.matcher(s.toLowerCase(java.util.Locale.ROOT)).replaceAll(" ").strip();
        return FINAL_PUNCTUATION.matcher(t).replaceAll("").strip();
    }

    /** The split of training or evaluation data this phrasing may appear in. */
    public PhrasingSplit split() {
        return heldOut ? PhrasingSplit.HELD_OUT : PhrasingSplit.TRAINING;
    }

    /**
     * The question with every placeholder replaced by its value.
     *
     * @throws IllegalArgumentException naming the phrasing and the placeholder that has no value
     */
    public String fill(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("phrasing " + name + " needs a value for {" + m.group(1)
                        + "}, given " + values.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
