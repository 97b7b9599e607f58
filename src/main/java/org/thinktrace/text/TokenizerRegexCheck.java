package org.thinktrace.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Refuses {@code tokenizer.json} regular expressions that can make the native tokenizer abort the JVM.
 *
 * <p>Why: the HuggingFace tokenizers library matches {@code Split} / {@code Replace} patterns with Oniguruma,
 * which gives up after 10,000,000 backtracking steps at one position; the library then panics, and DJL does
 * not turn that panic into an exception: the process aborts (exit 134), whatever the caller catches. So a
 * pattern must be shown harmless before the native tokenizer ever sees it.
 *
 * <p>Rules, each with the reason in its message: at most {@value #MAX_LENGTH} characters; no quantified group
 * (({@code (a+)+}, {@code (a|b)*}, {@code (?:x){2,}}: nested quantifiers and quantified alternations are what
 * backtracks exponentially; a group may still be optional with {@code ?}); no back-references, subroutine
 * calls or absent operators; counted repetitions up to {@value #MAX_REPEAT}. A pattern that passes is then
 * run by Java's backtracking engine from the start of runs of {@value #PROBE_LENGTH} repeated characters
 * (letters, digits, spaces, newlines, punctuation, CJK, and every character the pattern spells), each followed
 * by nothing, {@code !} and a letter; a pattern that needs more than {@value #STEPS_PER_CHARACTER} character
 * reads per input character to match at one position (Oniguruma's limit is per position too) backtracks
 * polynomially and is refused too. The patterns of the
 * official Qwen2, Qwen3, Llama 3 and DeepSeek-R1 tokenizers read a few characters per character.
 */
final class TokenizerRegexCheck {

    static final int MAX_LENGTH = 1_000;
    static final int MAX_REPEAT = 1_000;
    static final int PROBE_LENGTH = 2_048;
    static final int STEPS_PER_CHARACTER = 200;

    /** The split pattern of Qwen2's official tokenizer.json (also Qwen2.5's, Qwen3's and the R1 Qwen distills'). */
    static final String QWEN2_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    /** The split pattern of Llama 3's official tokenizer.json (also the R1 Llama distills'): digits in threes. */
    static final String LLAMA3_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    /**
     * The pre-tokenizer patterns of the official tokenizers ThinkTrace is made for: Qwen2's (shared by Qwen2.5,
     * Qwen3 and the DeepSeek-R1 Qwen distills) and Llama 3's (the R1 Llama distills). A tokenizer whose patterns are
     * all among these encodes in-process; any other runs in a child process ({@link IsolatedEncoder}).
     */
    static final Set<String> KNOWN_GOOD = Set.of(QWEN2_SPLIT, LLAMA3_SPLIT);

    private static final Pattern BACK_REFERENCE = Pattern.compile("\\\\(?:[1-9]|k<|k'|g<|g')");
    private static final String PROBE_CHARACTERS = "a Z\n\t1!中é";

    /** A regular expression found in the file, with where it was. */
    record Found(String field, String pattern) {
    }

    private TokenizerRegexCheck() {
    }

    /** Checks every pattern; the first one refused becomes an IOException naming the file, the field and the rule. */
    static void check(Path file, List<Found> patterns) throws IOException {
        for (Found found : patterns) {
            String problem = problem(found.pattern());
            if (problem != null) {
                throw new IOException(file + ": " + found.field() + " regular expression " + quoted(found.pattern())
                        + " is refused: " + problem + " (the native tokenizer would abort the program on some input)");
            }
        }
    }

    /** Whether every pattern is one of the {@link #KNOWN_GOOD} official ones (true for a tokenizer with none). */
    static boolean isKnownGood(List<Found> patterns) {
        return patterns.stream().allMatch(found -> KNOWN_GOOD.contains(found.pattern()));
    }

    /**
     * Refuses decoder patterns that are not known-good: decoding runs in-process (it is called for every generated
     * token), and the official tokenizers' decoders use none.
     */
    static void checkDecoder(Path file, List<Found> patterns) throws IOException {
        for (Found found : patterns) {
            if (found.field().startsWith("decoder") && !KNOWN_GOOD.contains(found.pattern())) {
                throw new IOException(file + ": " + found.field() + " regular expression " + quoted(found.pattern())
                        + " is refused: decoders run in ThinkTrace's own process, and only the official tokenizers'"
                        + " patterns are trusted there");
            }
        }
    }

    /** Why a pattern is refused, or {@code null} when it passes. */
    static String problem(String pattern) {
        if (pattern.length() > MAX_LENGTH) {
            return "it is " + pattern.length() + " characters long, more than " + MAX_LENGTH;
        }
        if (pattern.contains("(?~")) {
            return "it uses the absent operator (?~";
        }
        if (BACK_REFERENCE.matcher(pattern).find()) {
            return "it uses a back-reference or subroutine call";
        }
        String structural = structure(pattern);
        if (structural != null) {
            return structural;
        }
        return probe(pattern);
    }

    /** Walks the pattern's syntax: groups quantified, repetition counts. */
    private static String structure(String pattern) {
        int i = 0;
        int n = pattern.length();
        boolean lastWasGroup = false;
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i = skipEscape(pattern, i);
                lastWasGroup = false;
            } else if (c == '[') {
                i = skipClass(pattern, i);
                lastWasGroup = false;
            } else if (c == ')') {
                i++;
                lastWasGroup = true;
                continue;
            } else if (c == '*' || c == '+') {
                if (lastWasGroup) {
                    return "a group is repeated with '" + c + "' (nested or alternated repetition backtracks exponentially)";
                }
                i++;
            } else if (c == '{') {
                int close = pattern.indexOf('}', i);
                Matcher counted = close < 0 ? null
                        : Pattern.compile("(\\d*)(?:,(\\d*))?").matcher(pattern.substring(i + 1, close));
                if (counted != null && counted.matches() && !pattern.substring(i + 1, close).isEmpty()) {
                    String low = counted.group(1);
                    String high = counted.group(2);
                    long most = high == null ? parse(low) : high.isEmpty() ? Long.MAX_VALUE : parse(high);
                    if (most > MAX_REPEAT && most != Long.MAX_VALUE) {
                        return "a repetition count of " + most + " is more than " + MAX_REPEAT;
                    }
                    if (lastWasGroup && most > 1) {
                        return "a group is repeated with {" + pattern.substring(i + 1, close)
                                + "} (nested or alternated repetition backtracks exponentially)";
                    }
                    i = close + 1;
                } else {
                    i++;
                }
            } else {
                i++;
            }
            lastWasGroup = false;
        }
        return null;
    }

    private static long parse(String digits) {
        if (digits.isEmpty()) {
            return 0;
        }
        return digits.length() > 12 ? Long.MAX_VALUE - 1 : Long.parseLong(digits);
    }

    private static int skipEscape(String pattern, int at) {
        int i = at + 2;
        if (i <= pattern.length() && at + 1 < pattern.length()) {
            char kind = pattern.charAt(at + 1);
            if ((kind == 'p' || kind == 'P' || kind == 'x' || kind == 'u') && i < pattern.length() && pattern.charAt(i) == '{') {
                int close = pattern.indexOf('}', i);
                return close < 0 ? pattern.length() : close + 1;
            }
        }
        return Math.min(i, pattern.length());
    }

    private static int skipClass(String pattern, int at) {
        int depth = 0;
        int i = at;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i = skipEscape(pattern, i);
                continue;
            }
            if (c == '[') {
                depth++;
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '^') i++;
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') i++; // a leading ] is literal
            } else if (c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return i;
    }

    /** Runs the pattern over the probe texts with a step budget; a pattern Java cannot read is left to the rules. */
    private static String probe(String pattern) {
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException | StackOverflowError e) {
            return null;
        }
        for (String text : probes(pattern)) {
            try {
                for (int start = 0; start < 2; start++) { // the longest runs start here
                    CountingText counted = new CountingText(text, (long) STEPS_PER_CHARACTER * text.length());
                    Matcher matcher = compiled.matcher(counted).useTransparentBounds(true).useAnchoringBounds(false);
                    matcher.region(start, text.length()).lookingAt();
                }
            } catch (CountingText.TooManySteps e) {
                return "matching it against " + describe(text) + " takes more than " + STEPS_PER_CHARACTER
                        + " steps per character (catastrophic backtracking)";
            } catch (StackOverflowError e) {
                return "matching it against " + describe(text) + " overflows the stack (catastrophic backtracking)";
            }
        }
        return null;
    }

    private static List<String> probes(String pattern) {
        Set<Character> characters = new LinkedHashSet<>();
        PROBE_CHARACTERS.chars().forEach(c -> characters.add((char) c));
        pattern.chars().filter(c -> c >= 0x20 && c < 0x7F && "\\[](){}|*+?^$.".indexOf(c) < 0)
                .forEach(c -> characters.add((char) c));
        List<String> texts = new ArrayList<>();
        for (char c : characters) {
            String run = String.valueOf(c).repeat(PROBE_LENGTH);
            texts.add(run);
            texts.add(run + "!");
            texts.add(run + "a");
        }
        return texts;
    }

    private static String describe(String text) {
        char c = text.charAt(0);
        String shown = c == '\n' ? "\\n" : c == '\t' ? "\\t" : String.valueOf(c);
        return PROBE_LENGTH + " × '" + shown + "'" + (text.length() > PROBE_LENGTH ? " + '" + text.charAt(PROBE_LENGTH) + "'" : "");
    }

    private static String quoted(String pattern) {
        String shown = pattern.length() > 80 ? pattern.substring(0, 80) + "…" : pattern;
        return "'" + shown + "'";
    }

    /** A text that counts its character reads and gives up past a budget. */
    private static final class CountingText implements CharSequence {

        static final class TooManySteps extends RuntimeException {
            TooManySteps() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private final long budget;
        private long reads;

        CountingText(String text, long budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (++reads > budget) {
                throw new TooManySteps();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
