package org.thinktrace.train;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    private static final Pattern WORD = Pattern.compile("\\b[A-Za-z]+\\b");
    private static final Pattern SPACED_OPERATOR = Pattern.compile("(\\d) ([+×*÷]) (\\d)");
    private static final Pattern LIST_COMMA = Pattern.compile("(\\d), (\\d)");

    private final List<String> prefixes;
    private final List<String> suffixes;
    private final boolean typos;

    private SurfaceForms(List<String> prefixes, List<String> suffixes, boolean typos) {
        this.prefixes = prefixes;
        this.suffixes = suffixes;
        this.typos = typos;
    }

    /** The parts that vary questions of {@code split}: training parts, or held-out openings and closings (no typos). */
    static SurfaceForms of(PhrasingSplit split) {
        return split == PhrasingSplit.HELD_OUT
                ? new SurfaceForms(HELD_OUT_PREFIXES, HELD_OUT_SUFFIXES, false)
                : new SurfaceForms(TRAINING_PREFIXES, TRAINING_SUFFIXES, true);
    }

    /**
     * {@code question} with each part of this split applied independently at its own rate (about half
     * of all questions change at all); a question that would lose its only line break or its numbers is
     * never produced, as no part touches them.
     */
    String vary(RandomGenerator rnd, String question) {
        String q = question;
        if (typos && rnd.nextInt(5) == 0) {
            q = typo(rnd, q);
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
        Matcher m = WORD.matcher(q);
        List<int[]> candidates = new java.util.ArrayList<>();
        while (m.find()) {
            if (TYPOS.containsKey(m.group().toLowerCase(Locale.ROOT))) {
                candidates.add(new int[] {m.start(), m.end()});
            }
        }
        if (candidates.isEmpty()) {
            return q;
        }
        int[] at = TaskFamily.pick(rnd, candidates);
        String word = q.substring(at[0], at[1]);
        String typo = TaskFamily.pick(rnd, TYPOS.get(word.toLowerCase(Locale.ROOT)));
        if (Character.isUpperCase(word.charAt(0))) {
            typo = Character.toUpperCase(typo.charAt(0)) + typo.substring(1);
        }
        return q.substring(0, at[0]) + typo + q.substring(at[1]);
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

    /** Opening words that are lowercased after a prefix ("Hey, what is …"). */
    private static final Set<String> COMMON_OPENINGS = Set.of(
            "what", "what's", "which", "how", "is", "sort", "put", "order", "arrange", "calculate", "compute",
            "find", "add", "subtract", "multiply", "count", "list", "give", "tell", "compare", "today", "if",
            "it", "there", "the", "a", "an", "one", "decrease", "increase", "work", "can", "who", "write");
}
