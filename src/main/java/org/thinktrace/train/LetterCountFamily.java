package org.thinktrace.train;

import static org.thinktrace.train.Phrasing.heldOut;
import static org.thinktrace.train.Phrasing.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * How often a letter occurs in a word (the "r in strawberry" question). The trace spells the word
 * letter by letter with a running count, then re-checks by marking each occurrence.
 */
public final class LetterCountFamily implements TaskFamily {

    /** Common English words, many with doubled letters, where miscounting is easy. */
    static final List<String> WORDS = List.of(
            "strawberry", "banana", "mississippi", "bookkeeper", "committee", "balloon", "coffee", "letter",
            "apple", "address", "success", "tomorrow", "necessary", "accommodate", "possession", "embarrass",
            "occurrence", "parallel", "millennium", "assessment", "raspberry", "blueberry", "cherry", "pepper",
            "grammar", "happiness", "mirror", "summer", "puzzle", "jazz", "bubble", "giraffe", "hippopotamus",
            "butterfly", "cucumber", "potato", "tomato", "avocado", "broccoli", "spaghetti", "umbrella",
            "elephant", "kangaroo", "chocolate", "vanilla", "cinnamon", "pineapple", "watermelon", "lemonade",
            "computer", "keyboard", "internet", "programming", "algorithm", "database", "function", "variable",
            "calendar", "tuesday", "wednesday", "february", "library", "language", "dictionary", "sentence",
            "paragraph", "question", "answer", "reasoning", "thinking", "beginning", "assistant", "excellent",
            "different", "difficult", "important", "interesting", "beautiful", "wonderful", "remember",
            "engineer", "pioneer", "volunteer", "referee", "guarantee", "cheese", "freedom", "agreement",
            "teeth", "sheep", "green", "seventeen", "eleven", "seven", "level", "radar", "civic", "kayak",
            "rotor", "noon", "moon", "spoon", "school", "cookie", "woodpecker", "bookshelf", "classroom",
            "assassin", "business", "princess", "dress", "grass", "glass", "class", "mattress",
            "tennis", "dinner", "winner", "beginner", "running", "swimming", "shopping", "stopping", "hello",
            "yellow", "pillow", "follow", "hollow", "football", "basketball", "volleyball",
            "baseball", "small", "tall", "wall", "still", "skill", "hill", "bell", "shell", "spell", "well",
            "llama", "alpaca", "panda", "koala", "zebra", "penguin", "dolphin", "octopus", "mosquito",
            "squirrel", "rabbit", "parrot", "carrot", "arrow", "sorrow", "borrow", "narrow", "error", "terror",
            "horror", "current", "corridor", "territory", "referral", "irregular", "barrier", "carriage",
            "marriage", "occasion", "accident", "access", "accept", "account", "acquire", "across", "actually",
            "nevertheless", "mathematics", "statistics", "probability", "geometry", "triangle", "rectangle",
            "circle", "square", "number", "eighteen", "thirteen", "fourteen", "nineteen", "hundred", "thousand",
            "million", "billion", "minimum", "maximum", "average", "subtract", "multiply", "divide", "remainder");

    private static final Phrasings FIRST = Phrasings.of(
            train("how-many-apostrophe-s", "How many {letter}'s are in {word}?"),
            train("how-many-times-appear", "How many times does the letter {letter} appear in \"{word}\"?"),
            train("count-the-letter", "Count the letter {letter} in the word {word}."),
            train("how-many-quoted-letter", "How many '{letter}' are there in {word}?"),
            train("in-the-word-how-many", "In the word {word}, how many {letter}'s are there?"),
            train("how-many-in-the-word-quoted", "How many {letter} are in the word \"{word}\"?"));

    private static final Phrasings SECOND = FIRST.plus(
            train("how-many-lowercase", "how many {letter}s in {word}"),
            train("count-the-letters-in", "Count the {letter}'s in {word}"),
            train("how-often", "How often does {letter} occur in {word}?"),
            train("please-count", "Please count the letter {letter} in \"{word}\"."),
            train("can-you-count", "Can you count how many {letter}'s {word} has?"),
            train("typo-hwo-many", "hwo many {letter} in {word}?"),
            train("number-of-letter", "Number of {letter}'s in the word {word}?"),
            train("word-has-how-many", "{word} has how many {letter}'s?"),
            heldOut("how-many-letters-are-there", "How many letter {letter}'s are there in {word}?"),
            heldOut("count-occurrences", "count the occurrences of {letter} in {word}"),
            heldOut("could-you-tell", "Could you tell me how many times {letter} appears in {word}?"),
            heldOut("does-contain-how-many", "How many {letter} does the word {word} contain?"),
            heldOut("typo-cuont", "cuont the {letter}s in {word}"));

    /** The fourth edition's composed questions: frames around the letter and the word, with other cue words. */
    private static final Phrasings FOURTH = SECOND.withComposed("composed", List.of(
                    "Number of {op}?", "Count {op}.", "Tell me the number of {op}.", "Who can count {op}?",
                    "Write the number of {op}.", "Find the number of {op}"),
            List.of("{letter}'s in {word}", "times {letter} is in {word}", "letters {letter} in the word {word}",
                    "{letter}s in \"{word}\"", "{letter}'s the word {word} has"),
            List.of("{word}: how many {letter}'s?", "In {word}, count the {letter}'s.",
                    "Spell {word} and count the {letter}'s.", "{word} has how many {letter} letters?",
                    "Write how many times {letter} is in {word}.", "{word} - count {letter}",
                    "What is the count of {letter} in {word}?", "Letter {letter} in {word}: how many times?"));

    /**
     * The thirty-first edition's training templates: the fourth edition's, with the letter and the word asked for in
     * more requests and questions, the letter after other words than the templates put it after.
     */
    private static final Phrasings THIRTY_FIRST = FOURTH.withComposed("requests", List.of(
                    "Count {op}.", "count {op}", "Please count {op}.", "Can you count {op}?", "Go and count {op}.",
                    "Help me count {op}"),
            List.of("every {letter} in {word}", "the letter {letter} in {word}", "each {letter} in the word {word}",
                    "how often {letter} shows up in {word}", "the times {letter} shows up in {word}",
                    "the number of times {letter} is in {word}", "{letter} in the word \"{word}\""),
            List.of("How many {letter}'s does {word} have?", "how many {letter} does {word} have",
                    "Tell me how often {letter} shows up in {word}.", "In {word}, how many times is {letter} there?",
                    "{word}: count every {letter}.", "I want to know how many {letter}'s are in {word}.",
                    "how many {letter} in the word {word}", "Find out how often {letter} occurs in {word}."));

    /**
     * The thirty-eighth edition's training templates: the thirty-first edition's, with a decoy before the letter and
     * the word asked for: another word of {@link #WORDS} ({@code {other}}, see {@link #decoyFor}), or words of the list
     * used as plain words ("question", "answer", "number", "actually", "important"), so that the word counted in is
     * the one the question asks about, wherever other words of the list stand.
     */
    private static final Phrasings THIRTY_EIGHTH = THIRTY_FIRST.withComposed("decoys", List.of(
                    "Forget {other}. {op}", "Not {other}: {op}", "{other} aside, {op}", "Quick question: {op}",
                    "Actually, {op}", "After {other}, {op}"),
            List.of("count the {letter}'s in {word}.", "how many {letter}'s are in {word}?",
                    "count every {letter} in {word}", "how many times is {letter} in {word}?",
                    "count the number of {letter} in {word}"),
            List.of("Not {other} but {word}: how many {letter}'s?", "Skip {other} and count {letter} in {word}.",
                    "Remember {other}? Now count the {letter}'s in {word}.",
                    "The answer I need: the number of {letter}'s in {word}.",
                    "Important: how many times is {letter} in {word}?", "count the instances of {letter} in {word}",
                    "count the uses of {letter} in {word}", "{other} or {word}? Count the {letter}'s in {word}.",
                    "I can spell {other}, but how many {letter}'s are in {word}?",
                    "A difficult one: count every {letter} in {word}.",
                    "The word in my question is {word}. Count the {letter}'s.",
                    "Not in {other}, in {word}: count the {letter}'s."));

    /**
     * The nouns that the fortieth edition puts before the letter ("count the appearances of e in civic"), of many first
     * letters, so that the letter is read after "of", not as the noun's first letter. None is "occurrences", a word
     * that only a held-out template uses.
     */
    static final List<String> NOUNS_BEFORE_THE_LETTER = List.of("appearances", "copies", "examples", "mentions",
            "repeats", "hits", "sightings", "positions", "spots", "duplicates", "entries", "traces");

    /**
     * The fortieth edition's training templates: the thirty-eighth edition's, with a noun for what is counted before
     * the letter ({@link #NOUNS_BEFORE_THE_LETTER}).
     */
    private static final Phrasings FORTIETH = THIRTY_EIGHTH.withComposed("nouns", List.of(
                    "count the {op}", "Count the {op}.", "Can you count the {op}?", "How many {op} are there?"),
            NOUNS_BEFORE_THE_LETTER.stream().map(noun -> noun + " of {letter} in {word}").toList(),
            List.of("Give me the tally of {letter} in {word}.", "count the amount of {letter} in the word {word}",
                    "What is the frequency of {letter} in {word}?", "Find the count of {letter} in \"{word}\".",
                    "Report the number of {letter}'s in {word}.", "Tell me the quantity of {letter} in {word}."));

    private final Phrasings phrasings;
    /**
     * The templates training problems are asked in: {@link #phrasings}, with the thirty-first edition's requests, the
     * thirty-eighth edition's decoys and the fortieth edition's nouns.
     */
    private final Phrasings trainingPhrasings;
    private final boolean localTrace;

    public LetterCountFamily(TeacherEdition edition) {
        this.phrasings = edition == TeacherEdition.FIRST ? FIRST : edition.atLeast(TeacherEdition.FOURTH) ? FOURTH : SECOND;
        this.trainingPhrasings = edition.namesTheCountBeforeTheLetter() ? FORTIETH
                : edition.asksPastDecoysAndIntoContainers() ? THIRTY_EIGHTH
                : edition.asksInMoreKindsOfSentence() ? THIRTY_FIRST : phrasings;
        this.localTrace = edition.atLeast(TeacherEdition.FOURTH);
    }

    @Override
    public List<Phrasing> phrasings() {
        return trainingPhrasings.all();
    }

    @Override
    public String name() {
        return "letter-count";
    }

    @Override
    public Problem generate(RandomGenerator rnd, PhrasingSplit phrasing) {
        return generate(rnd, phrasing, phrasings);
    }

    /** As {@link #generate}, asked in the training templates ({@link TeacherEdition#asksInMoreKindsOfSentence}). */
    @Override
    public Problem generateForTraining(RandomGenerator rnd, PhrasingSplit phrasing) {
        return generate(rnd, phrasing, trainingPhrasings);
    }

    private Problem generate(RandomGenerator rnd, PhrasingSplit phrasing, Phrasings templates) {
        String word = TaskFamily.pick(rnd, WORDS);
        char letter = rnd.nextInt(5) == 0
                ? (char) ('a' + rnd.nextInt(26))
                : word.charAt(rnd.nextInt(word.length()));
        int count = (int) word.chars().filter(c -> c == letter).count();
        if (localTrace) {
            return local(rnd, phrasing, templates, word, letter, count);
        }
        Trace trace = new Trace().step("Spell " + word + " letter by letter and count " + letter + ":");
        if (TaskFamily.drawSlip(rnd) && count > 0) {
            int skipped = 1 + rnd.nextInt(count);
            trace.slip(spelling(word, letter, skipped) + " That makes " + (count - 1) + ".",
                    "Wait, I skipped one " + letter + ". Spell it again:");
        }
        trace.step(spelling(word, letter, 0));
        trace.step(count == 0 ? "No letter is " + letter + ", so the count is 0." : "The count is " + count + ".");
        trace.step("Check: " + marked(word, letter) + " shows " + count + " " + letter + (count == 1 ? "" : "'s") + ". Correct.");
        Phrasings.Asked question = templates.ask(rnd, phrasing, values(word, letter));
        String plural = count == 1 ? "is **1** " + letter : "are **" + count + "** " + letter + "'s";
        return trace.toProblem(name(), "letter:" + letter + ":" + word, question,
                "There " + plural + " in \"" + word + "\".", String.valueOf(count));
    }

    /**
     * The fourth edition's trace, every decision local: each letter of the word beside the letter
     * counted, equal or not, and the count so far ("s≠r 0, t≠r 0, r=r 1, …"), so that no step looks
     * further back than the step before it; checked by the word with each occurrence in brackets. A
     * slip writes one occurrence as not equal and stops there, and the next line notices it.
     */
    private Problem local(RandomGenerator rnd, PhrasingSplit phrasing, Phrasings templates, String word, char letter,
                          int count) {
        Trace trace = new Trace().step("Go through " + word + " letter by letter, counting " + letter + ":");
        if (TaskFamily.drawSlip(rnd) && count > 0) {
            int missed = word.indexOf(letter, 0);
            for (int skip = rnd.nextInt(count); skip > 0; skip--) {
                missed = word.indexOf(letter, missed + 1);
            }
            String upTo = comparisons(word.substring(0, missed), letter);
            int before = (int) word.substring(0, missed).chars().filter(c -> c == letter).count();
            trace.slip((upTo.isEmpty() ? "" : upTo + ", ") + letter + "≠" + letter + " " + before,
                    "Wait, " + letter + " is " + letter + ", so that one counts. Again:");
        }
        trace.step(comparisons(word, letter) + ".");
        trace.step("Check: " + bracketed(word, letter) + " has " + count + " " + letter + (count == 1 ? "" : "'s") + ". Correct.");
        Phrasings.Asked question = templates.ask(rnd, phrasing, values(word, letter));
        String plural = count == 1 ? "is **1** " + letter : "are **" + count + "** " + letter + "'s";
        return trace.toProblem(name(), "letter:" + letter + ":" + word, question,
                "There " + plural + " in \"" + word + "\".", String.valueOf(count));
    }

    /** The values a template fills in: the letter, the word and the word's {@link #decoyFor decoy}. */
    private static Map<String, String> values(String word, char letter) {
        return Map.of("letter", String.valueOf(letter), "word", word, "other", decoyFor(word, letter));
    }

    /**
     * Another word of {@link #WORDS} than {@code word}, chosen by the word and the letter alone, so that filling it in
     * draws nothing from the generator: every earlier edition's questions stay as they were drawn.
     */
    static String decoyFor(String word, char letter) {
        int at = Math.floorMod(word.hashCode() * 31 + letter, WORDS.size());
        String decoy = WORDS.get(at);
        return decoy.equals(word) ? WORDS.get((at + 1) % WORDS.size()) : decoy;
    }

    /** Each letter of {@code part} compared with {@code letter}, with the count so far: "s≠r 0, t≠r 0, r=r 1". */
    static String comparisons(String part, char letter) {
        List<String> parts = new ArrayList<>();
        int counted = 0;
        for (char c : part.toCharArray()) {
            counted += c == letter ? 1 : 0;
            parts.add(c + (c == letter ? "=" : "≠") + letter + " " + counted);
        }
        return String.join(", ", parts);
    }

    /** The word with each occurrence of {@code letter} in brackets: "st[r]awbe[r][r]y". */
    private static String bracketed(String word, char letter) {
        StringBuilder out = new StringBuilder();
        for (char c : word.toCharArray()) {
            out.append(c == letter ? "[" + c + "]" : String.valueOf(c));
        }
        return out.toString();
    }

    /**
     * The word as comma-separated letters, each occurrence of {@code letter} followed by the running
     * count in parentheses; the {@code skipped}-th occurrence (1-based, 0 for none) is left uncounted.
     */
    private static String spelling(String word, char letter, int skipped) {
        List<String> parts = new ArrayList<>();
        int seen = 0;
        int counted = 0;
        for (char c : word.toCharArray()) {
            if (c == letter && ++seen != skipped) {
                parts.add(c + " (" + ++counted + ")");
            } else {
                parts.add(String.valueOf(c));
            }
        }
        return String.join(", ", parts) + ".";
    }

    /** The word spelled with dashes, each occurrence of {@code letter} in brackets. */
    private static String marked(String word, char letter) {
        List<String> parts = new ArrayList<>();
        for (char c : word.toCharArray()) {
            parts.add(c == letter ? "[" + c + "]" : String.valueOf(c));
        }
        return String.join("-", parts);
    }
}
