package org.thinktrace.train;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Varies the surface of a question as people type it, independently of its template: a greeting or
 * politeness prefix, a closing word, a lowercase first letter, a missing final full stop or question
 * mark, a typo in a common word, no spaces around an operator, no space after a list's commas. The
 * parts combine freely, so a template is seen in many more surface forms than it has words, and the
 * model learns to find the numbers wherever the wording puts them.
 *
 * <p>Contract: only template words change. Numbers, days, names, the letter and the word of a letter
 * count are never touched (a typo only rewrites a word of {@link #TYPOS}, none of which is a value
 * any family fills in), so the problem's answer and trace stay those of the plain question.
 *
 * <p>Prefixes and closings come in two disjoint sets: the {@link PhrasingSplit#TRAINING training}
 * parts vary training questions, the {@link PhrasingSplit#HELD_OUT held-out} parts vary questions of
 * the held-out-phrasing evaluation (held-out templates), so that evaluation also meets openings and
 * closings no training example has. No training typo is a word of a held-out template.
 *
 * <p>From the seventh edition on ({@link #withSlips}), a typo is not one of {@link #TYPOS}' fixed forms
 * but any one-letter slip in a word of {@link #mistypable()} (a letter dropped, doubled, swapped with the
 * next one or replaced by a key beside it on a QWERTY keyboard; never the first letter), so that the model
 * meets many more misspellings than a list holds; a slip that would be a word of a held-out template is
 * never made.
 *
 * <p>From the fifteenth edition on ({@link #withQuoteStyles}), a training question's quoted phrase or letter may
 * change its quote marks to single, double or curly quotes ({@link #requoted}); the marks are template characters, so
 * the contract holds.
 */
final class SurfaceForms {

    /** Openings of training questions. */
    static final List<String> TRAINING_PREFIXES = List.of(
            "Please ", "please ", "Hi, ", "hi ", "Hey, ", "hey ", "Hello! ", "Quick question: ", "Question: ",
            "Help me with this: ", "I need help. ", "ok ", "OK so ", "Q: ", "Solve this: ", "Try this one: ",
            "Tell me: ", "I want to know: ", "Next one: ", "Here's one: ", "Hmm, ", "So, ");
    /** Closings of training questions. */
    static final List<String> TRAINING_SUFFIXES = List.of(
            " Thanks!", " thanks", " thx", " please", " Please.", " :)", " Thanks in advance.", "??", " !",
            " (quick)", " asap");
    /** Openings kept for the held-out-phrasing evaluation. */
    static final List<String> HELD_OUT_PREFIXES = List.of(
            "Excuse me, ", "Greetings! ", "Dear assistant, ", "Homework question: ", "Help please: ", "Yo, ");
    /** Closings kept for the held-out-phrasing evaluation. */
    static final List<String> HELD_OUT_SUFFIXES = List.of(" Many thanks.", " cheers", " ty", " :-)");

    /** Common template words and how they get mistyped in training questions. */
    static final Map<String, List<String>> TYPOS = Map.ofEntries(
            Map.entry("what", List.of("wat", "waht", "hwat")),
            Map.entry("which", List.of("whcih", "whic")),
            Map.entry("numbers", List.of("nubmers", "numbres", "numers")),
            Map.entry("sort", List.of("srot", "sotr")),
            Map.entry("order", List.of("oder", "ordr")),
            Map.entry("ascending", List.of("asending", "ascendng")),
            Map.entry("descending", List.of("desending", "descendng")),
            Map.entry("smallest", List.of("smalles", "smallset")),
            Map.entry("largest", List.of("largets", "larest")),
            Map.entry("biggest", List.of("bigges", "biggset")),
            Map.entry("greater", List.of("greter", "graeter")),
            Map.entry("larger", List.of("lager", "largr")),
            Map.entry("smaller", List.of("smaler", "smallr")),
            Map.entry("difference", List.of("diffrence", "differnce")),
            Map.entry("calculate", List.of("calcualte", "calculte")),
            Map.entry("product", List.of("prodcut", "prduct")),
            Map.entry("plus", List.of("pluss", "plsu")),
            Map.entry("minus", List.of("minsu", "mines")),
            Map.entry("times", List.of("tims", "timse")),
            Map.entry("many", List.of("mnay", "meny")),
            Map.entry("much", List.of("muhc", "mch")),
            Map.entry("please", List.of("pls", "plz", "pleas")),
            Map.entry("total", List.of("totla", "toal")),
            Map.entry("prime", List.of("prme", "priem")),
            Map.entry("how", List.of("hwo", "hw")),
            Map.entry("does", List.of("dose", "deos")),
            Map.entry("each", List.of("eahc", "ech")),
            Map.entry("days", List.of("dayz", "dys")),
            Map.entry("sum", List.of("summ", "sume")),
            Map.entry("count", List.of("coutn", "cont")),
            Map.entry("appear", List.of("apear", "appaer")),
            Map.entry("cost", List.of("cots", "csot")),
            Map.entry("dollars", List.of("dolars", "dollers")),
            Map.entry("left", List.of("lef", "letf")),
            Map.entry("will", List.of("wil", "wll")));

    /**
     * Template words beside {@link #TYPOS}' that a seventh-edition slip may change: cue words of the
     * families' training templates, none of them a value a family fills in (letter-count words and days are
     * removed by {@link #mistypable()} in any case).
     */
    static final Set<String> MORE_MISTYPABLE = Set.of(
            "minimum", "maximum", "lowest", "highest", "smallest", "subtract", "multiply", "multiplied", "divided",
            "equally", "shares", "find", "add", "tell", "after", "before", "today", "number", "letters", "divisible",
            "compare", "arrange", "from", "there", "work", "figure", "answer", "week", "later", "ago", "costs", "buys",
            "gives", "sum", "first", "bigger", "higher", "lower", "less", "more", "ascending", "descending", "occur");

    /** Letters beside each letter on a QWERTY keyboard, in its row. */
    private static final List<String> KEY_ROWS = List.of("qwertyuiop", "asdfghjkl", "zxcvbnm");

    private static final Pattern WORD = Pattern.compile("\\b[A-Za-z]+\\b");
    private static final Pattern SPACED_OPERATOR = Pattern.compile("(\\d) ([+×*÷]) (\\d)");
    private static final Pattern LIST_COMMA = Pattern.compile("(\\d), (\\d)");
    /** A span in straight double quotes, in single quotes (not an apostrophe inside a word) or in curly quotes. */
    private static final List<Pattern> QUOTED = List.of(
            Pattern.compile("\"([^\"\\n]+)\""),
            Pattern.compile("(?<![\\p{L}\\d])'([^'\\n]+)'(?![\\p{L}\\d])"),
            Pattern.compile("“([^”\\n]+)”"));
    /** Opening and closing marks {@link #requoted} chooses from. */
    private static final List<List<String>> QUOTE_MARKS = List.of(List.of("'", "'"), List.of("\"", "\""), List.of("“", "”"));

    private final List<String> prefixes;
    private final List<String> suffixes;
    private final boolean typos;
    /** Lowercase words a slip must never produce; null when typos come from {@link #TYPOS}. */
    private final Set<String> slipsNeverMade;
    /** Whether quoted spans may change their quote marks ({@link #requoted}). */
    private final boolean quoteStyles;

    private SurfaceForms(List<String> prefixes, List<String> suffixes, boolean typos, Set<String> slipsNeverMade,
                         boolean quoteStyles) {
        this.prefixes = prefixes;
        this.suffixes = suffixes;
        this.typos = typos;
        this.slipsNeverMade = slipsNeverMade;
        this.quoteStyles = quoteStyles;
    }

    /** These parts, with quoted spans' marks varied as well ({@link #requoted}; fifteenth edition on). */
    SurfaceForms withQuoteStyles() {
        return new SurfaceForms(prefixes, suffixes, typos, slipsNeverMade, true);
    }

    /**
     * The training parts with generated one-letter slips as typos (seventh edition), never producing a
     * word of {@code neverMade} (compared in lowercase): the words of the held-out templates.
     */
    static SurfaceForms withSlips(Set<String> neverMade) {
        Set<String> lower = neverMade.stream().map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        return new SurfaceForms(TRAINING_PREFIXES, TRAINING_SUFFIXES, true, lower, false);
    }

    /**
     * Every word a seventh-edition slip may change: {@link #TYPOS}' words and {@link #MORE_MISTYPABLE},
     * less any letter-count word or day.
     */
    static Set<String> mistypable() {
        return Stream.concat(TYPOS.keySet().stream(), MORE_MISTYPABLE.stream())
                .filter(w -> !LetterCountFamily.WORDS.contains(w))
                .filter(w -> WeekdayFamily.DAYS.stream().noneMatch(d -> d.equalsIgnoreCase(w)))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The parts that vary questions of {@code split}: training parts, or held-out openings and closings (no typos). */
    static SurfaceForms of(PhrasingSplit split) {
        return split == PhrasingSplit.HELD_OUT
                ? new SurfaceForms(HELD_OUT_PREFIXES, HELD_OUT_SUFFIXES, false, null, false)
                : new SurfaceForms(TRAINING_PREFIXES, TRAINING_SUFFIXES, true, null, false);
    }

    /**
     * {@code question} with each part of this split applied independently at its own rate (about half
     * of all questions change at all); a question that would lose its only line break or its numbers is
     * never produced, as no part touches them.
     */
    String vary(RandomGenerator rnd, String question) {
        String q = quoteStyles ? requoted(question) : question;
        if (typos && rnd.nextInt(5) == 0) {
            q = slipsNeverMade == null ? typo(rnd, q) : slip(rnd, q);
        }
        if (rnd.nextInt(6) == 0) {
            q = SPACED_OPERATOR.matcher(q).replaceAll("$1$2$3");
        }
        if (rnd.nextInt(8) == 0) {
            q = LIST_COMMA.matcher(q).replaceAll("$1,$2");
        }
        if (rnd.nextInt(6) == 0) {
            q = dropFinalPunctuation(q);
        }
        if (rnd.nextInt(5) == 0) {
            q = lowerFirstWord(q);
        }
        if (rnd.nextInt(5) == 0) {
            q = TaskFamily.pick(rnd, prefixes) + lowerFirstWord(q);
        }
        if (rnd.nextInt(8) == 0) {
            q = q + TaskFamily.pick(rnd, suffixes);
        }
        return q;
    }

    /**
     * {@code question} with, one time in two, the marks of every quoted span (a phrase or a letter in single, double or
     * curly quotes) replaced by one of those three kinds; which, and whether, is drawn from the question's own text, so
     * the same question is always requoted the same way and a caller's random stream is not advanced.
     */
    static String requoted(String question) {
        SplittableRandom choice = new SplittableRandom(question.hashCode());
        if (choice.nextInt(2) != 0) {
            return question;
        }
        List<String> marks = QUOTE_MARKS.get(choice.nextInt(QUOTE_MARKS.size()));
        String q = question;
        for (Pattern quoted : QUOTED) {
            q = quoted.matcher(q).replaceAll(m -> Matcher.quoteReplacement(marks.get(0) + m.group(1) + marks.get(1)));
        }
        return q;
    }

    /** Whether {@code question} already ends in one of {@link #TRAINING_SUFFIXES}. */
    static boolean endsInTrainingClosing(String question) {
        return TRAINING_SUFFIXES.stream().anyMatch(question::endsWith);
    }

    /** Every typo form a training question may contain, lowercase. */
    static Set<String> typoForms() {
        return TYPOS.values().stream().flatMap(List::stream).collect(Collectors.toUnmodifiableSet());
    }

    /** Every prefix and suffix of both splits, for tests of their disjointness. */
    static Stream<String> allParts() {
        return Stream.of(TRAINING_PREFIXES, TRAINING_SUFFIXES, HELD_OUT_PREFIXES, HELD_OUT_SUFFIXES).flatMap(List::stream);
    }

    /** Mistypes one word of {@link #TYPOS} in {@code q} (keeping a capital first letter), if it has one. */
    private static String typo(RandomGenerator rnd, String q) {
        int[] at = pickWord(rnd, q, TYPOS::containsKey);
        if (at == null) {
            return q;
        }
        String word = q.substring(at[0], at[1]);
        String typo = TaskFamily.pick(rnd, TYPOS.get(word.toLowerCase(Locale.ROOT)));
        if (Character.isUpperCase(word.charAt(0))) {
            typo = Character.toUpperCase(typo.charAt(0)) + typo.substring(1);
        }
        return q.substring(0, at[0]) + typo + q.substring(at[1]);
    }

    /**
     * One one-letter slip in a word of {@link #mistypable()} in {@code q}, if it has one and a slip that is
     * not in {@link #slipsNeverMade} is found in a few tries; otherwise {@code q} unchanged.
     */
    private String slip(RandomGenerator rnd, String q) {
        int[] at = pickWord(rnd, q, w -> w.length() >= 3 && MISTYPABLE.contains(w));
        if (at == null) {
            return q;
        }
        String word = q.substring(at[0], at[1]);
        for (int attempt = 0; attempt < 8; attempt++) {
            String slipped = slipOf(rnd, word);
            String lower = slipped.toLowerCase(Locale.ROOT);
            if (!lower.equals(word.toLowerCase(Locale.ROOT)) && !slipsNeverMade.contains(lower) && !MISTYPABLE.contains(lower)) {
                return q.substring(0, at[0]) + slipped + q.substring(at[1]);
            }
        }
        return q;
    }

    /**
     * The start and end of one word of {@code q}, drawn uniformly among those whose lowercase form passes
     * {@code mistypable}; null (and no draw) when none does.
     */
    private static int[] pickWord(RandomGenerator rnd, String q, java.util.function.Predicate<String> mistypable) {
        Matcher m = WORD.matcher(q);
        List<int[]> candidates = new java.util.ArrayList<>();
        while (m.find()) {
            if (mistypable.test(m.group().toLowerCase(Locale.ROOT))) {
                candidates.add(new int[] {m.start(), m.end()});
            }
        }
        return candidates.isEmpty() ? null : TaskFamily.pick(rnd, candidates);
    }

    /**
     * {@code word} (three letters or more) with one slip at a letter other than the first: dropped (words of
     * four letters or more), doubled, swapped with the next letter (one of two equal letters dropped instead),
     * or replaced by a key beside it. Never {@code word} itself.
     */
    static String slipOf(RandomGenerator rnd, String word) {
        int n = word.length();
        int i = rnd.nextInt(1, n);
        StringBuilder b = new StringBuilder(word);
        switch (rnd.nextInt(4)) {
            case 0 -> {
                if (n >= 4) {
                    b.deleteCharAt(i);
                } else {
                    b.insert(i, word.charAt(i));
                }
            }
            case 1 -> b.insert(i, word.charAt(i));
            case 2 -> {
                int j = i < n - 1 ? i : i - 1;
                if (word.charAt(j) == word.charAt(j + 1)) {
                    b.deleteCharAt(j);
                } else {
                    b.setCharAt(j, word.charAt(j + 1));
                    b.setCharAt(j + 1, word.charAt(j));
                }
            }
            default -> b.setCharAt(i, keyBeside(rnd, word.charAt(i)));
        }
        return b.toString();
    }

    /** A key beside {@code c} in its QWERTY row, in the same case; {@code c} itself if it is not a letter there. */
    private static char keyBeside(RandomGenerator rnd, char c) {
        char lower = Character.toLowerCase(c);
        for (String row : KEY_ROWS) {
            int at = row.indexOf(lower);
            if (at >= 0) {
                List<Character> beside = new java.util.ArrayList<>();
                if (at > 0) {
                    beside.add(row.charAt(at - 1));
                }
                if (at < row.length() - 1) {
                    beside.add(row.charAt(at + 1));
                }
                char k = TaskFamily.pick(rnd, beside);
                return Character.isUpperCase(c) ? Character.toUpperCase(k) : k;
            }
        }
        return c;
    }

    private static String dropFinalPunctuation(String q) {
        String t = q;
        while (!t.isEmpty() && (t.endsWith("?") || t.endsWith("."))) {
            t = t.substring(0, t.length() - 1);
        }
        return t.isEmpty() ? q : t;
    }

    /** Lowercases the first letter when it starts a common opening word (never a name, a day or "I"). */
    private static String lowerFirstWord(String q) {
        Matcher m = WORD.matcher(q);
        if (!m.find() || m.start() != 0) {
            return q;
        }
        String word = m.group();
        boolean ordinary = word.length() > 1 && !WeekdayFamily.DAYS.contains(word) && !word.equals(word.toUpperCase(Locale.ROOT))
                && COMMON_OPENINGS.contains(word.toLowerCase(Locale.ROOT));
        return ordinary ? Character.toLowerCase(word.charAt(0)) + q.substring(1) : q;
    }

    private static final Set<String> MISTYPABLE = mistypable();

    /** Opening words that are lowercased after a prefix ("Hey, what is …"). */
    private static final Set<String> COMMON_OPENINGS = Set.of(
            "what", "what's", "which", "how", "is", "sort", "put", "order", "arrange", "calculate", "compute",
            "find", "add", "subtract", "multiply", "count", "list", "give", "tell", "compare", "today", "if",
            "it", "there", "the", "a", "an", "one", "decrease", "increase", "work", "can", "who", "write");
}
