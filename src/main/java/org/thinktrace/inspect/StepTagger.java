package org.thinktrace.inspect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags a reasoning step with its function by transparent rules over DeepSeek-R1's reasoning vocabulary.
 *
 * <p>Rules match the lower-cased step. A step's <em>opening</em> is its start once list markers ({@code -},
 * {@code 1.}, {@code a)}), Markdown emphasis and the fillers "Okay", "Alright", "So", "Well", "And", "Also" are
 * skipped. The rules are tried in this order and the first that matches gives the tag (the order is the
 * precedence):
 * <ol>
 *   <li>{@code backtrack}: anywhere, an abandoned approach or an admitted error: "that doesn't work",
 *       "that's not right/correct", "which is incorrect", "61 is incorrect", "I (must have) made a mistake" (not
 *       after "perhaps" or "maybe"), "my initial answer was wrong", "let me try another/a different …", "approach
 *       it differently", "start over", "scratch that".</li>
 *   <li>{@code conclude}: an opening "So the answer", "The answer", "Final answer", "In conclusion", "So all
 *       methods/steps"; a sentence beginning "Therefore", "Thus" or "Hence" anywhere in the step; anywhere "the
 *       (final/correct) answer is/should be", {@code \boxed{}}, "final answer", "the correct answer", "I'm
 *       confident"; an opening "So I think/believe" in a step that says "correct", "right", "answer" or "solid";
 *       or a step of at most {@link #SHORT_CONCLUSION} characters that begins with "So", overlaps the question
 *       as defined under {@code restate} and has arithmetic or a number the question lacks
 *       ("So 17 × 24 = 408.").</li>
 *   <li>{@code check}: anywhere a verification word: "check" (and "double-check", "recheck", "checking"),
 *       "verify", "confirm", "cross-check", "plug … back", or a confirmation: "is indeed", "that seems/is
 *       right/correct", "checks out"; or an opening "Yes"; or a step that ends with "Correct."</li>
 *   <li>{@code uncertainty}: an opening "Wait", "Hmm", "But", "Actually", "Hold on", "Hang on", "However", "Oh",
 *       "Oops", "No,"; or anywhere "not sure", "confused", "can't be right", "doesn't make sense",
 *       "something's wrong", "misinterpret", "mixing up", "that seems
 *       off/odd/strange/high/low/a bit/quite", "is that right?".</li>
 *   <li>{@code restate}: anywhere "the problem says/states/asks/gives", "the question asks/says", "let me
 *       re-read/restate"; in the first step, an opening "I need to", "I have (this problem)", "We need to", "The
 *       problem", "Let's see"; a step that shares at least half of its content words (and at least two) with
 *       the question, when it is the first step, or one of the first {@link #RESTATE_WINDOW} steps without
 *       arithmetic (see {@code compute}). Content words: lower-case words and numbers without common
 *       function words, letters standing alone left out.</li>
 *   <li>{@code recall}: anywhere "I remember", "I recall", "recall that", "I know that", "is defined as",
 *       "by definition", "the formula/definition/rule/theorem/identity/property for/of/is/says", "is known as".</li>
 *   <li>{@code compute}: arithmetic: a digit together with {@code = ≡ ≈ ≠ ≤ ≥ < >}, or two numbers joined by
 *       {@code + × * ÷ / ^}, a spaced minus, or "plus/minus/times/divided by/multiplied by", or LaTeX
 *       {@code \frac \sqrt \times \cdot \div}.</li>
 *   <li>{@code plan}: an opening "First", "To find/solve/…", "Next", "Then", "Now", "Step n", "Let me", "Let's",
 *       "I should/need to/will/'ll/can", "We should/need to/can", "Maybe I can/should", "Alternatively",
 *       "The (best) approach/plan/strategy is"; or anywhere "the best approach".</li>
 *   <li>otherwise {@code compute}: a step with no cue is working towards the result.</li>
 * </ol>
 * Thread-safe and stateless apart from the question.
 */
public final class StepTagger {

    /** Steps with an index below this may be tagged {@code restate} by their overlap with the question. */
    public static final int RESTATE_WINDOW = 6;
    /** A step opening with "So" this short or shorter that names the question's terms concludes. */
    public static final int SHORT_CONCLUSION = 100;

    private static final int FLAGS = 0; // patterns are matched against lower-case text

    private static final String[] BACKTRACK_WORDS = {"work", "right", "correct", "wrong", "mistake", "error",
        "another", "different", "over", "again", "scratch"};
    private static final String[] CONCLUDE_WORDS = {"therefore", "thus", "hence", "answer", "boxed", "confident"};
    private static final String[] CHECK_WORDS = {"check", "verif", "confirm", "plug", "indeed", "right", "correct"};
    private static final String[] UNCERTAINTY_WORDS = {"sure", "confus", "right", "sense", "wrong", "off",
        "misinterpret", "mixing", "seems"};
    private static final String[] RESTATE_WORDS = {"problem", "question", "read", "restate"};
    private static final String[] RECALL_WORDS = {"remember", "recall", "know", "defin", "formula", "rule", "theorem",
        "identity", "property", "law"};

    private static final Pattern LEADING_NOISE = Pattern.compile(
            "^(?:\\s|[-*•#>]|\\d{1,2}[.)]\\s|[a-z][)]\\s|\\*\\*)*", FLAGS);
    private static final Pattern FILLERS = Pattern.compile(
            "^(?:(?:okay|ok|alright|all right|so|well|and|also)\\b[,.!]?\\s*)+", FLAGS);

    private static final Pattern BACKTRACK = Pattern.compile(String.join("|",
            "\\b(?:that|this|it|which)(?: approach| method| reasoning| idea)? (?:doesn't|does not|didn't|did not"
                    + "|won't|will not|can't|cannot) work\\b",
            "\\b(?:that's|that is|this is|which is|that was|this was) (?:not right|not correct|incorrect|wrong"
                    + "|a mistake)\\b", "\\b\\d+(?:\\.\\d+)? (?:is|was) (?:incorrect|wrong|not (?:correct|right))\\b",
            "(?<!perhaps |maybe )\\bi (?:must have |have |)made (?:a|an) (?:mistake|error)\\b",
            "\\b(?:my|the) (?:initial|earlier|previous|first|original) (?:answer|approach|reasoning|assumption"
                    + "|calculation|count) (?:was|is) (?:wrong|incorrect|a mistake|not correct)\\b",
            "\\b(?:let me|let's|let us|i'll|i will|i should|maybe i should|i need to|i'd better) (?:try|use|take"
                    + "|consider) (?:another|a different)\\b",
            "\\b(?:approach|think about|look at|do|solve|think of) (?:it|this|the problem) differently\\b",
            "\\bthink differently\\b", "\\bstart (?:over|again|from scratch)\\b", "\\bscratch that\\b"), FLAGS);

    private static final Pattern CONCLUDE_OPENING = Pattern.compile(
            "^(?:so,? the (?:final |correct )?answer|the (?:final |correct )?answer"
                    + "|\\**final answer|in conclusion|in summary|to summarize|so,? all (?:methods|steps|checks))\\b",
            FLAGS);
    private static final Pattern CONCLUDE = Pattern.compile(String.join("|",
            "(?:^|[.!?]\\s+)(?:therefore|thus|hence)\\b",
            "\\bthe (?:final |correct )?answer (?:is|should be|would be|must be)\\b", "\\\\boxed\\{",
            "\\bfinal answer\\b", "\\bthe (?:correct|right) answer\\b", "\\bi(?:'m| am) confident\\b"), FLAGS);

    private static final Pattern SO = Pattern.compile("^so\\b", FLAGS);
    private static final Pattern SO_I_THINK = Pattern.compile("^so,? i (?:think|believe)\\b", FLAGS);
    private static final Pattern SETTLED = Pattern.compile("\\b(?:correct|right|answer|solid)\\b", FLAGS);

    private static final Pattern CHECK = Pattern.compile(String.join("|",
            "\\b(?:double[- ]?|re-?|cross[- ]?)?check(?:s|ed|ing)?\\b", "\\bverif(?:y|ies|ied|ying"
                    + "|ication)\\b", "\\bconfirm(?:s|ed|ing)?\\b", "\\bplug(?:ging)? (?:\\S+ ){0,3}back\\b",
            "\\bis indeed\\b", "\\b(?:that|this|it) (?:seems|looks|is) (?:right|correct)\\b", "\\bchecks out\\b"),
            FLAGS);
    private static final Pattern CHECK_OPENING = Pattern.compile("^yes\\b", FLAGS);
    private static final Pattern CHECK_ENDING = Pattern.compile("\\bcorrect[.!]?$", FLAGS);

    private static final Pattern UNCERTAINTY_OPENING = Pattern.compile(
            "^(?:wait|hmm+|but|actually|hold on|hang on|however|oh|oops|no,)\\b", FLAGS);
    private static final Pattern UNCERTAINTY = Pattern.compile(String.join("|",
            "\\bnot sure\\b", "\\bunsure\\b", "\\bconfus(?:ed|ing)\\b", "\\bcan(?:'t|not) be right\\b",
            "\\bdoes(?:n't| not) make sense\\b", "\\bsomething(?:'s| is) (?:wrong|off)\\b", "\\bmisinterpret",
            "\\bmixing up\\b",
            "\\b(?:that|this|it) seems (?:off|odd|strange|wrong|high|low|too|a bit|quite)\\b", "\\bis that right\\?"),
            FLAGS);

    private static final Pattern RESTATE = Pattern.compile(String.join("|",
            "\\bthe problem (?:says|states|asks|gives|is asking|tells)\\b",
            "\\bthe question (?:says|asks|is asking|states)\\b", "\\blet me (?:re-?read|restate)\\b"), FLAGS);
    private static final Pattern RESTATE_FIRST = Pattern.compile(
            "^(?:i need to|i have (?:this|a|an|to)|i'm (?:asked|given|supposed)|we need to|we have|we're asked"
                    + "|the problem|this problem|the question|let's see)\\b", FLAGS);

    private static final Pattern RECALL = Pattern.compile(String.join("|",
            "\\bi (?:remember|recall)\\b", "\\brecall (?:that|the)\\b", "\\bi know that\\b", "\\bis defined as\\b",
            "\\bby definition\\b",
            "\\bthe (?:formula|definition|rule|theorem|identity|property|law) (?:for|of|is|says|states)\\b",
            "\\bis known as\\b"), FLAGS);

    private static final Pattern COMPUTE = Pattern.compile(String.join("|",
            "\\d\\s*[=≡≈≠≤≥<>]", "[=≡≈≠≤≥<>]\\s*[-−(]?\\s*\\d",
            "\\d\\s*[)]?\\s*[+×*÷/^]\\s*[(]?\\s*[-−]?\\d", "\\d\\s+[-−]\\s+[(]?\\d",
            "\\d\\s+(?:plus|minus|times|divided by|multiplied by|over)\\s+[(]?[-−]?\\d",
            "\\\\(?:frac|sqrt|times|cdot|div)\\b"), FLAGS);

    private static final Pattern PLAN_OPENING = Pattern.compile(
            "^(?:first(?:ly)?|to (?:find|solve|compute|determine|figure|count|get|check)|next|then|now|step \\d"
                    + "|let me|let's|let us|i (?:should|need to|will|'ll|can|think the best|think i should)"
                    + "|we (?:should|need to|can|will)|maybe i (?:can|should)|perhaps i (?:can|should)|alternatively"
                    + "|the (?:best |first |next )?(?:approach|plan|strategy|idea|way) (?:is|would be))\\b",
            FLAGS);
    private static final Pattern PLAN = Pattern.compile("\\bthe best (?:approach|way)\\b", FLAGS);

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:[.,][\\p{N}]+)*");
    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "are", "but", "not", "you", "all",
            "any", "can", "her", "was", "one", "our", "out", "his", "has", "had", "how", "its", "let", "may", "who",
            "did", "this", "that", "with", "have", "from", "they", "will", "would", "there", "their", "what",
            "when", "which", "than", "then", "them", "these", "those", "into", "does", "each", "some", "many",
            "much", "more", "most", "about", "need", "find", "what's", "okay", "so", "is", "of", "to", "in", "a",
            "an", "it", "be", "as", "at", "by", "or", "on", "if", "me", "my", "we", "i");

    private final Set<String> questionWords;

    /** @param question the problem or prompt the trace answers; may be empty (no overlap rule then) */
    public StepTagger(String question) {
        this.questionWords = contentWords(question == null ? "" : question);
    }

    /** The tag of the step {@code text} at position {@code index} in its trace. */
    public StepTag tag(String text, int index) {
        String lower = text.toLowerCase(Locale.ROOT);
        String lead = LEADING_NOISE.matcher(lower).replaceFirst("");
        String opening = opening(lower);
        if (containsAny(lower, BACKTRACK_WORDS) && BACKTRACK.matcher(lower).find()) return StepTag.BACKTRACK;
        if (concludes(lower, lead, opening)) return StepTag.CONCLUDE;
        if (containsAny(lower, CHECK_WORDS) && (CHECK.matcher(lower).find()
                || CHECK_ENDING.matcher(lower.strip()).find()) || CHECK_OPENING.matcher(opening).find()) {
            return StepTag.CHECK;
        }
        if (UNCERTAINTY_OPENING.matcher(opening).find()
                || containsAny(lower, UNCERTAINTY_WORDS) && UNCERTAINTY.matcher(lower).find()) {
            return StepTag.UNCERTAINTY;
        }
        boolean arithmetic = arithmetic(lower);
        if (containsAny(lower, RESTATE_WORDS) && RESTATE.matcher(lower).find()
                || index == 0 && RESTATE_FIRST.matcher(opening).find()
                || (index == 0 || index < RESTATE_WINDOW && !arithmetic) && overlapsQuestion(lower)) {
            return StepTag.RESTATE;
        }
        if (containsAny(lower, RECALL_WORDS) && RECALL.matcher(lower).find()) return StepTag.RECALL;
        if (arithmetic) return StepTag.COMPUTE;
        if (PLAN_OPENING.matcher(opening).find() || PLAN.matcher(lower).find()) return StepTag.PLAN;
        return StepTag.COMPUTE;
    }

    private boolean concludes(String lower, String lead, String opening) {
        if (CONCLUDE_OPENING.matcher(lead).find() || CONCLUDE_OPENING.matcher(opening).find()
                || containsAny(lower, CONCLUDE_WORDS) && CONCLUDE.matcher(lower).find()) {
            return true;
        }
        if (SO_I_THINK.matcher(lead).find() && SETTLED.matcher(lower).find()) return true;
        return lower.length() <= SHORT_CONCLUSION && SO.matcher(lead).find() && overlapsQuestion(lower)
                && (arithmetic(lower) || hasNewNumber(lower));
    }

    private static boolean arithmetic(String lower) {
        return hasDigitOrBackslash(lower) && COMPUTE.matcher(lower).find();
    }

    private static boolean hasDigitOrBackslash(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' || c == '\\') return true;
        }
        return false;
    }

    /** A cheap gate before a pattern: none of its alternatives can match without one of these words. */
    private static boolean containsAny(String lower, String[] words) {
        for (String w : words) {
            if (lower.contains(w)) return true;
        }
        return false;
    }

    private boolean hasNewNumber(String text) {
        for (String w : contentWords(text)) {
            if (Character.isDigit(w.charAt(0)) && !questionWords.contains(w)) return true;
        }
        return false;
    }

    /** Steps of {@code thinking} with their tags (no token data). */
    public List<TraceStep> steps(String thinking) {
        return tagged(thinking, StepSegmenter.segment(thinking), 0);
    }

    /**
     * The steps of {@code thinking}, reusing the work done for an earlier text it continues (a response that is
     * still streaming): when {@code thinking} starts with {@code previousThinking}, the previous steps that end
     * before the previous text's last line break are kept as they are and only the rest is segmented and
     * tagged. The result equals {@link #steps(String)}, since segmenting and tagging a step looks only at its own
     * line, its index and the question.
     *
     * @param previousThinking the text {@code previousSteps} were made from
     * @param previousSteps    {@code steps(previousThinking)} of this tagger
     */
    public List<TraceStep> steps(String thinking, String previousThinking, List<TraceStep> previousSteps) {
        if (!thinking.startsWith(previousThinking)) return steps(thinking);
        int lastBreak = previousThinking.lastIndexOf('\n');
        if (lastBreak < 0) return steps(thinking);
        int kept = 0;
        while (kept < previousSteps.size() && previousSteps.get(kept).chars().to() <= lastBreak) kept++;
        List<TraceStep> out = new ArrayList<>(previousSteps.subList(0, kept));
        out.addAll(tagged(thinking, StepSegmenter.segment(thinking, lastBreak + 1), kept));
        return out;
    }

    private List<TraceStep> tagged(String thinking, List<Span> spans, int firstIndex) {
        List<TraceStep> steps = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            String text = thinking.substring(s.from(), s.to());
            steps.add(TraceStep.ofText(firstIndex + i, tag(text, firstIndex + i), text, s));
        }
        return steps;
    }

    /** The step's lower-case text after list markers, emphasis and fillers ("okay, so") at its start. */
    static String opening(String lower) {
        String t = lower;
        for (int round = 0; round < 3; round++) {
            String before = t;
            t = LEADING_NOISE.matcher(t).replaceFirst("");
            t = FILLERS.matcher(t).replaceFirst("");
            if (t.equals(before)) break;
        }
        return t;
    }

    private boolean overlapsQuestion(String lower) {
        Set<String> words = contentWords(lower);
        int shared = sharedWords(words);
        return shared >= 2 && 2 * shared >= words.size();
    }

    private int sharedWords(Set<String> words) {
        int shared = 0;
        for (String w : words) {
            if (questionWords.contains(w)) shared++;
        }
        return shared;
    }

    /** Lower-case words and numbers of {@code text}, without stop words and one-letter words. */
    static Set<String> contentWords(String text) {
        Set<String> words = new HashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            if (!STOP_WORDS.contains(w) && (w.length() >= 3 || Character.isDigit(w.charAt(0)))) words.add(w);
        }
        return words;
    }
}
