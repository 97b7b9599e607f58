package org.thinktrace.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds loops: a step, or a run of at least {@link #NGRAM_WORDS} words, that occurs {@link #MIN_REPEATS} times
 * or more.
 *
 * <ul>
 *   <li><b>Step loops.</b> Steps are compared after normalisation: lower case, every run of whitespace, sentence
 *       punctuation ({@code , ; : ! ?} and a full stop before a space or the end), quotes and Markdown emphasis
 *       replaced by one space, trimmed; signs and decimal points stay ({@code ≡ -1} is not {@code ≡ 1}). Steps
 *       of fewer than {@link #MIN_STEP_WORDS} words ("**Final Answer**", "2 = 2") are not counted.</li>
 *   <li><b>Word loops.</b> Words are the runs of letters and digits, compared in lower case. A sequence of
 *       {@link #NGRAM_WORDS} words that occurs at {@link #MIN_REPEATS} or more places that do not overlap is a
 *       loop; overlapping windows of one longer repeated run are reported once, as the whole run. Runs that
 *       overlap are reported once: the runs are taken by number of occurrences, then length, and a run is kept
 *       only if at least {@link #MIN_REPEATS} of its occurrences overlap no step loop and no run kept before.</li>
 * </ul>
 * Linear in the length of the text (hashing), apart from the occurrences found.
 */
public final class LoopDetector {

    /** A passage must occur at least this many times to be a loop. */
    public static final int MIN_REPEATS = 3;
    /** Words in the shortest repeated run that counts as a loop. */
    public static final int NGRAM_WORDS = 12;
    /** Steps with fewer words than this are not compared. */
    public static final int MIN_STEP_WORDS = 4;

    /** Whitespace, sentence punctuation, quotes and Markdown emphasis; a full stop only before a space or the end. */
    private static final Pattern PUNCTUATION = Pattern.compile("(?:[\\s,;:!?\"'`*_]|\\.(?=\\s|$))+");

    private LoopDetector() {
    }

    /** The loops of {@code thinking}, whose steps are {@code steps}: step loops, then word loops in text order. */
    public static List<TraceLoop> find(String thinking, List<TraceStep> steps) {
        List<TraceLoop> loops = new ArrayList<>(stepLoops(steps));
        List<TraceLoop> candidates = new ArrayList<>(wordLoops(thinking, steps));
        candidates.sort(Comparator.comparingInt((TraceLoop l) -> l.occurrences().size()).reversed()
                .thenComparing(Comparator.comparingInt((TraceLoop l) -> l.text().length()).reversed()));
        List<TraceLoop> kept = new ArrayList<>();
        for (TraceLoop loop : candidates) {
            if (freeOccurrences(loop, loops, kept) >= MIN_REPEATS) kept.add(loop);
        }
        kept.sort(Comparator.comparingInt(l -> l.occurrences().getFirst().chars().from()));
        loops.addAll(kept);
        return loops;
    }

    static String normalise(String text) {
        return PUNCTUATION.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private static List<TraceLoop> stepLoops(List<TraceStep> steps) {
        Map<String, List<TraceStep>> byText = new LinkedHashMap<>();
        for (TraceStep step : steps) {
            String key = normalise(step.text());
            if (key.split(" ").length < MIN_STEP_WORDS) continue;
            byText.computeIfAbsent(key, k -> new ArrayList<>()).add(step);
        }
        List<TraceLoop> loops = new ArrayList<>();
        for (List<TraceStep> same : byText.values()) {
            if (same.size() < MIN_REPEATS) continue;
            loops.add(new TraceLoop(TraceLoop.Kind.STEP, same.getFirst().text(), same.stream()
                    .map(s -> new TraceLoop.Occurrence(s.index(), s.chars())).toList()));
        }
        return loops;
    }

    private static List<TraceLoop> wordLoops(String text, List<TraceStep> steps) {
        List<Span> words = words(text);
        int n = words.size() - NGRAM_WORDS + 1;
        if (n < MIN_REPEATS) return List.of();
        long[] wordHash = new long[words.size()];
        for (int i = 0; i < words.size(); i++) {
            wordHash[i] = lowerCaseHash(text, words.get(i)) * 0x9E3779B97F4A7C15L + 1;
        }
        long[] windowHash = new long[n];
        for (int i = 0; i < n; i++) {
            long h = 0;
            for (int k = 0; k < NGRAM_WORDS; k++) h = h * 1_000_003L + wordHash[i + k];
            windowHash[i] = h;
        }
        // only hashes seen MIN_REPEATS times or more need their positions grouped
        long[] sorted = windowHash.clone();
        Arrays.sort(sorted);
        Set<Long> frequent = new HashSet<>();
        for (int i = 0; i + MIN_REPEATS - 1 < n; i++) {
            if (sorted[i] == sorted[i + MIN_REPEATS - 1]) frequent.add(sorted[i]);
        }
        Map<Long, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (frequent.contains(windowHash[i])) groups.computeIfAbsent(windowHash[i], x -> new ArrayList<>()).add(i);
        }
        // repeated[i]: the non-overlapping occurrences of window i's words, when there are enough of them
        Map<Integer, List<Integer>> repeated = new HashMap<>();
        for (List<Integer> starts : groups.values()) {
            List<Integer> kept = nonOverlapping(starts, text, words);
            if (kept.size() >= MIN_REPEATS) repeated.put(kept.getFirst(), kept);
        }
        List<TraceLoop> loops = new ArrayList<>();
        for (int head = 0; head < n; head++) {
            List<Integer> occ = repeated.get(head);
            if (occ == null || continues(repeated, head, occ)) continue;
            int extra = 0;
            int room = Integer.MAX_VALUE; // words from one occurrence to the next: a run may not grow into it
            for (int i = 1; i < occ.size(); i++) room = Math.min(room, occ.get(i) - occ.get(i - 1));
            while (NGRAM_WORDS + extra < room && shifted(repeated.get(head + extra + 1), occ, extra + 1)) extra++;
            int runWords = NGRAM_WORDS + extra;
            List<TraceLoop.Occurrence> found = new ArrayList<>();
            for (int start : occ) {
                Span chars = new Span(words.get(start).from(), words.get(start + runWords - 1).to());
                found.add(new TraceLoop.Occurrence(stepAt(steps, chars.from()), chars));
            }
            Span first = found.getFirst().chars();
            loops.add(new TraceLoop(TraceLoop.Kind.NGRAM, text.substring(first.from(), first.to()), found));
        }
        return loops;
    }

    /** Occurrences (checked word by word, since hashes may collide) that start after the previous one ended. */
    private static List<Integer> nonOverlapping(List<Integer> starts, String text, List<Span> words) {
        int first = starts.getFirst();
        List<Integer> kept = new ArrayList<>();
        int free = 0;
        for (int s : starts) {
            if (s < free || !sameWords(text, words, first, s)) continue;
            kept.add(s);
            free = s + NGRAM_WORDS;
        }
        return kept;
    }

    private static boolean sameWords(String text, List<Span> words, int a, int b) {
        for (int k = 0; k < NGRAM_WORDS; k++) {
            Span x = words.get(a + k);
            Span y = words.get(b + k);
            if (x.length() != y.length() || !text.regionMatches(true, x.from(), text, y.from(), x.length())) {
                return false;
            }
        }
        return true;
    }

    private static long lowerCaseHash(String text, Span word) {
        long h = 0;
        for (int i = word.from(); i < word.to(); i++) h = 31 * h + Character.toLowerCase(text.charAt(i));
        return h;
    }

    /** Window {@code head} is the continuation of a run that began one word earlier. */
    private static boolean continues(Map<Integer, List<Integer>> repeated, int head, List<Integer> occ) {
        return head > 0 && shifted(occ, repeated.get(head - 1), 1);
    }

    /** {@code later} is {@code earlier} with every occurrence moved {@code by} words on. */
    private static boolean shifted(List<Integer> later, List<Integer> earlier, int by) {
        if (later == null || earlier == null || later.size() != earlier.size()) return false;
        for (int i = 0; i < later.size(); i++) {
            if (later.get(i) != earlier.get(i) + by) return false;
        }
        return true;
    }

    private static List<Span> words(String text) {
        List<Span> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.charAt(i))) i++;
            int start = i;
            while (i < n && Character.isLetterOrDigit(text.charAt(i))) i++;
            if (i > start) words.add(new Span(start, i));
        }
        return words;
    }

    /** Index of the step containing or following {@code charIndex}; the last step when past every step. */
    static int stepAt(List<TraceStep> steps, int charIndex) {
        int lo = 0;
        int hi = steps.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (steps.get(mid).chars().to() <= charIndex) lo = mid + 1;
            else hi = mid;
        }
        return steps.isEmpty() ? -1 : steps.get(lo).index();
    }

    /** How many occurrences of {@code loop} overlap no occurrence of an already reported loop. */
    private static int freeOccurrences(TraceLoop loop, List<TraceLoop> stepLoops, List<TraceLoop> wordLoops) {
        int free = 0;
        for (TraceLoop.Occurrence o : loop.occurrences()) {
            if (!overlapsAny(o.chars(), stepLoops) && !overlapsAny(o.chars(), wordLoops)) free++;
        }
        return free;
    }

    private static boolean overlapsAny(Span chars, List<TraceLoop> loops) {
        for (TraceLoop loop : loops) {
            for (TraceLoop.Occurrence o : loop.occurrences()) {
                if (o.chars().from() < chars.to() && chars.from() < o.chars().to()) return true;
            }
        }
        return false;
    }
}
