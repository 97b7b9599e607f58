package org.thinktrace.train;

import java.util.ArrayList;
import java.util.List;
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

    private static final List<String> PHRASINGS = List.of(
            "How many %1$s's are in %2$s?",
            "How many times does the letter %1$s appear in \"%2$s\"?",
            "Count the letter %1$s in the word %2$s.",
            "How many '%1$s' are there in %2$s?",
            "In the word %2$s, how many %1$s's are there?",
            "How many %1$s are in the word \"%2$s\"?");

    @Override
    public String name() {
        return "letter-count";
    }

    @Override
    public Problem generate(RandomGenerator rnd) {
        String word = TaskFamily.pick(rnd, WORDS);
        char letter = rnd.nextInt(5) == 0
                ? (char) ('a' + rnd.nextInt(26))
                : word.charAt(rnd.nextInt(word.length()));
        int count = (int) word.chars().filter(c -> c == letter).count();
        Trace trace = new Trace().step("Spell " + word + " letter by letter and count " + letter + ":");
        if (TaskFamily.drawSlip(rnd) && count > 0) {
            int skipped = 1 + rnd.nextInt(count);
            trace.slip(spelling(word, letter, skipped) + " That makes " + (count - 1) + ".",
                    "Wait, I skipped one " + letter + ". Spell it again:");
        }
        trace.step(spelling(word, letter, 0));
        trace.step(count == 0 ? "No letter is " + letter + ", so the count is 0." : "The count is " + count + ".");
        trace.step("Check: " + marked(word, letter) + " shows " + count + " " + letter + (count == 1 ? "" : "'s") + ". Correct.");
        String question = String.format(TaskFamily.pick(rnd, PHRASINGS), letter, word);
        String plural = count == 1 ? "is **1** " + letter : "are **" + count + "** " + letter + "'s";
        return trace.toProblem(name(), "letter:" + letter + ":" + word, question,
                "There " + plural + " in \"" + word + "\".", String.valueOf(count));
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
