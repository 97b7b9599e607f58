package org.thinktrace.train;

import java.util.List;
import java.util.Objects;

/**
 * One teacher-written example: a question, the R1-style response that solves it, and the answer a
 * correct response must state; for a follow-up, also the conversation before it.
 *
 * <p>The response has the shape {@code <think>\n…steps…\n</think>\n\nfinal answer}, the final answer
 * stating the result in bold ({@code **…**}). {@link #key()} names the problem independently of its
 * phrasing (for example {@code addition:1234+567}); it decides the {@link DataSplit}, so that one
 * problem never appears in both training and evaluation data, whatever words ask it.
 *
 * @param family         the {@link TaskFamily#name()} that wrote it
 * @param key            canonical form of the problem, independent of phrasing
 * @param question       what the user types
 * @param response       the full assistant response, thinking included
 * @param answer         the canonical expected answer, as {@link AnswerChecker} compares it
 * @param selfCorrected  whether the trace contains a slip that is noticed ("Wait, …") and corrected
 * @param phrasing       the name of the {@link Phrasing} the question was asked in
 * @param context        earlier turns of the conversation, oldest first; empty for a first question
 */
public record Problem(String family, String key, String question, String response, String answer,
                      boolean selfCorrected, String phrasing, List<Exchange> context) {

    /**
     * One earlier turn: what the user asked and what the assistant wrote, thinking included (the chat
     * template decides what of it the model sees again).
     */
    public record Exchange(String question, String response) {
        public Exchange {
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(response, "response");
        }
    }

    public Problem {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(phrasing, "phrasing");
        context = List.copyOf(context);
    }

    /** The split this problem belongs to, decided by its key alone. */
    public DataSplit split() {
        return DataSplit.of(key);
    }

    /** Turns in the conversation, this one included. */
    public int turns() {
        return context.size() + 1;
    }

    /** This problem as the next turn after {@code earlier}. */
    Problem after(List<Exchange> earlier) {
        return new Problem(family, key, question, response, answer, selfCorrected, phrasing, earlier);
    }

    /** This problem asked in other words: the same key, response and answer. */
    Problem withQuestion(String other) {
        return new Problem(family, key, other, response, answer, selfCorrected, phrasing, context);
    }

    /** This problem answered in other words: the same key, question and answer. */
    Problem withResponse(String other) {
        return new Problem(family, key, question, other, answer, selfCorrected, phrasing, context);
    }

    /** This problem as one finished exchange, for the context of the next turn. */
    Exchange asExchange() {
        return new Exchange(question, response);
    }
}
