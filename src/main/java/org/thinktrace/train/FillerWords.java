package org.thinktrace.train;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words no template uses, put into training questions (eighteenth edition) so that a model learns to read past a word
 * it has not seen and decide by the words it has: one question in four gains a {@link #FILLERS filler} before one of
 * its cue words ({@code the largest actual number in …}), and one in two of those that say "number" or "numbers" say
 * it with another noun ({@code the largest figure in …}). A model that has only ever read "the highest number" sorted
 * "the highest value in 59 56 97" instead of scanning it.
 *
 * <p>Contract: the question's values (numbers, names, days, the letter and the word of a letter count) are never
 * touched, as a filler goes before a word of {@link SurfaceForms#mistypable()} only and a noun replaces only "number"
 * or "numbers", never in a letter count; no filler or noun is a word of any template, held out or not. Which question changes, where and how is
 * drawn from the question's own text, so a caller's random stream is not advanced.
 */
final class FillerWords {

    /** Adjectives and adverbs that may go before a cue word, before those of a template are removed. */
    static final List<String> FILLERS = List.of(
            "actual", "exact", "given", "following", "current", "whole", "final", "specific", "particular", "simple",
            "correct", "precise", "plain", "usual", "certain", "really", "just", "basically", "exactly", "actually",
            "simply", "kindly", "now", "here", "still", "also", "maybe", "perhaps", "truly", "surely", "precisely",
            "listed", "mentioned", "shown", "above", "real", "overall", "main", "proper", "true");
    /** Nouns that may stand for "number" ({@code [0]} of each pair) and "numbers" ({@code [1]}). */
    static final List<List<String>> NOUNS = List.of(
            List.of("figure", "figures"), List.of("entry", "entries"), List.of("item", "items"),
            List.of("element", "elements"), List.of("amount", "amounts"), List.of("integer", "integers"),
            List.of("quantity", "quantities"), List.of("score", "scores"), List.of("count", "counts"));

    private static final Pattern WORD = Pattern.compile("\\b[A-Za-z]+\\b");
    private static final Pattern NUMBER = Pattern.compile("\\b([Nn])umber(s?)\\b");

    private final List<String> fillers;
    private final List<List<String>> nouns;

    /** Fillers and nouns less every word of {@code templateWords} (compared in lowercase). */
    FillerWords(Set<String> templateWords) {
        Set<String> taken = templateWords.stream().map(w -> w.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
        this.fillers = FILLERS.stream().filter(w -> !taken.contains(w)).toList();
        this.nouns = NOUNS.stream().filter(pair -> pair.stream().noneMatch(taken::contains)).toList();
        if (fillers.isEmpty() || nouns.isEmpty()) {
            throw new IllegalArgumentException("every filler or every noun is a template word");
        }
    }

    /** The fillers a question may gain. */
    List<String> fillers() {
        return fillers;
    }

    /** The nouns, singular and plural, that may stand for "number" and "numbers". */
    List<List<String>> nouns() {
        return nouns;
    }

    /**
     * {@code question} with, one time in four, a filler and perhaps another noun for "number" (see the class); with
     * {@code keepNumber} (a letter count, whose word may be "number") "number" stays.
     */
    String into(String question, boolean keepNumber) {
        SplittableRandom choice = new SplittableRandom(question.hashCode() * 0x9E3779B97F4A7C15L);
        if (choice.nextInt(4) != 0) {
            return question;
        }
        String q = question;
        Matcher number = NUMBER.matcher(q);
        if (number.find() && choice.nextBoolean() && !keepNumber) {
            List<String> pair = nouns.get(choice.nextInt(nouns.size()));
            String noun = pair.get(number.group(2).isEmpty() ? 0 : 1);
            noun = Character.isUpperCase(number.group(1).charAt(0)) ? Character.toUpperCase(noun.charAt(0)) + noun.substring(1) : noun;
            q = q.substring(0, number.start()) + noun + q.substring(number.end());
        }
        List<Integer> cues = new java.util.ArrayList<>();
        Matcher m = WORD.matcher(q);
        Set<String> cueWords = SurfaceForms.mistypable();
        while (m.find()) {
            if (cueWords.contains(m.group().toLowerCase(Locale.ROOT))) {
                cues.add(m.start());
            }
        }
        if (cues.isEmpty()) {
            return q;
        }
        int at = cues.get(choice.nextInt(cues.size()));
        String filler = fillers.get(choice.nextInt(fillers.size()));
        if (at == 0) {
            boolean capital = Character.isUpperCase(q.charAt(0));
            String rest = capital ? Character.toLowerCase(q.charAt(0)) + q.substring(1) : q;
            return (capital ? Character.toUpperCase(filler.charAt(0)) + filler.substring(1) : filler) + " " + rest;
        }
        return q.substring(0, at) + filler + " " + q.substring(at);
    }
}
