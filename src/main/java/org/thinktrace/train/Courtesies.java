package org.thinktrace.train;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Openings and closings around training questions (thirty-fifth edition), so that a model learns that greetings and
 * thanks do not decide what is asked: one training question in three, of every family, out-of-scope questions
 * included, opens with one of {@link #OPENINGS}, closes with one of {@link #CLOSINGS}, or both ({@code Good morning! Is
 * 41 prime? Thank you so much!}). Models of the twenty-eighth to thirty-fourth editions refused in-scope questions that
 * open or close in a way no training question did ("Dear assistant, Prime or not: 44 Many thanks.", "Determine if 33
 * is prime. Many thanks."): before this edition a training question had an opening one time in five and a closing one
 * time in eight, from short lists ({@link SurfaceForms#TRAINING_PREFIXES}, {@link SurfaceForms#TRAINING_SUFFIXES}), and
 * both one time in forty.
 *
 * <p>Contract: the question's own words, values and line breaks are untouched, and no opening or closing has a word
 * that cues a family or a side ("more", "small", "first", "left", …); the opening goes before it as it is and
 * the closing after it, and a question that already ends in a training closing gets no second one. The openings and
 * closings are training parts: none is, or contains, an opening or closing kept for the held-out-phrasing evaluation
 * ({@link SurfaceForms#HELD_OUT_PREFIXES}, {@link SurfaceForms#HELD_OUT_SUFFIXES}), and the edition's test checks that
 * none uses a word that only held-out templates or held-out openings and closings use. Out-of-scope questions get them
 * as often as in-scope ones, so that neither greeting nor thanks marks a question as one or the other. Whether and how
 * a question changes is drawn from its own text, so a caller's random stream is not advanced.
 *
 * <p>From the thirty-seventh edition on there are no openings: one training question in four closes with thanks, and
 * that is all ({@code Is 41 prime? Thank you so much!}).
 */
final class Courtesies {

    /** Openings, each followed by the question as it is. */
    static final List<String> OPENINGS = List.of(
            "Good morning! ", "Good evening. ", "Hi there, ", "Hello there! ", "Sorry to bother you, ", "Quick one: ",
            "Got a question: ", "Morning! ", "Hey there! ", "A question for you: ", "Can I ask you something? ",
            "Hi again! ", "Another one: ", "Hello, ", "Good afternoon, ", "Hi friend, ", "Hey you, ", "Hope you are well. ");
    /** Closings, each after the question as it is. */
    static final List<String> CLOSINGS = List.of(
            " Thank you.", " Thank you!", " Thanks a lot.", " Thank you so much!", " Much appreciated.",
            " Appreciate it.", " thank you", " tnx", " Thanks again!", " Grateful for your help.", " Kind regards.",
            " :D", " Thank you very much.", " Best wishes!", " Thanks, friend.", " Be quick, please.");
    /**
     * The openings and closings that the thirty-sixth edition leaves out, as small talk of their own or its words:
     * "Hey there!" opens the held-out small talk "hey there, how is it going?", "Hope you are well." is small talk, and
     * "Good morning!" and "Thank you very much." are phrases that out-of-scope questions ask to translate ("What is
     * "good morning" in Italian?" is held out). The thirty-fifth edition's model answered "hey there, how is it going?"
     * and "Please introduce yourself." as letter counts.
     */
    static final Set<String> SMALL_TALK = Set.of("Hey there! ", "Hope you are well. ", "Good morning! ",
            " Thank you very much.");

    /**
     * The closing that the thirty-seventh edition also leaves out: "Grateful" begins as "grater" does, a training
     * misspelling of "greater" ({@code which is grater: 4.5 or 4.25?}), so after a comparison whose side word is
     * misspelt it reads as the side asked for.
     */
    static final String READS_AS_A_SIDE = " Grateful for your help.";

    private final List<String> openings;
    private final List<String> closings;

    private Courtesies(List<String> openings, List<String> closings) {
        this.openings = openings;
        this.closings = closings;
    }

    /**
     * The openings and closings of {@code edition}: every one of {@link #OPENINGS} and {@link #CLOSINGS} in the
     * thirty-fifth edition, those less {@link #SMALL_TALK} in the thirty-sixth, and those closings less {@link
     * #READS_AS_A_SIDE}, with no opening, from the thirty-seventh on.
     */
    static Courtesies of(TeacherEdition edition) {
        if (!edition.keepsCourtesiesApartFromSmallTalk()) {
            return new Courtesies(OPENINGS, CLOSINGS);
        }
        List<String> closings = CLOSINGS.stream().filter(c -> !SMALL_TALK.contains(c)).toList();
        if (edition.closesWithThanksOnly()) {
            return new Courtesies(List.of(), closings.stream().filter(c -> !c.equals(READS_AS_A_SIDE)).toList());
        }
        return new Courtesies(OPENINGS.stream().filter(o -> !SMALL_TALK.contains(o)).toList(), closings);
    }

    /** The openings a question may get. */
    List<String> openings() {
        return openings;
    }

    /** The closings a question may get. */
    List<String> closings() {
        return closings;
    }

    /**
     * {@code question}, one time in three, with an {@linkplain #openings() opening}, a {@linkplain #closings()
     * closing} or both (a third of those each); with no openings, one time in four with a closing. A closing only when
     * the question does not already end in a training closing.
     */
    String around(String question) {
        SplittableRandom choice = new SplittableRandom(question.hashCode() * 0xBF58476D1CE4E5B9L + 35);
        if (openings.isEmpty()) {
            String closing = closings.get(choice.nextInt(closings.size()));
            boolean closes = choice.nextInt(4) == 0 && !SurfaceForms.endsInTrainingClosing(question);
            return closes ? question + closing : question;
        }
        if (choice.nextInt(3) != 0) {
            return question;
        }
        int kind = choice.nextInt(3);
        String opening = openings.get(choice.nextInt(openings.size()));
        String closing = closings.get(choice.nextInt(closings.size()));
        boolean closed = SurfaceForms.endsInTrainingClosing(question);
        String q = kind == 1 ? question : opening + question;
        return kind == 0 || closed ? q : q + closing;
    }
}
