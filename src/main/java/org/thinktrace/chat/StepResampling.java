package org.thinktrace.chat;

import java.util.List;

/**
 * Resampling around one step: how often continuations reach the original answer when sampled from just before the
 * step and from just after it.
 *
 * @param step          the step's index
 * @param answersBefore normalised answers of the continuations sampled before the step
 * @param answersAfter  normalised answers of the continuations sampled after it
 * @param shareBefore   the share of {@code answersBefore} equal to the original answer
 * @param shareAfter    the share of {@code answersAfter} equal to the original answer
 * @param tokens        tokens generated for this step's continuations
 */
public record StepResampling(int step, List<String> answersBefore, List<String> answersAfter, double shareBefore,
                             double shareAfter, int tokens) {

    public StepResampling {
        answersBefore = List.copyOf(answersBefore);
        answersAfter = List.copyOf(answersAfter);
    }

    /** How much the step moves the model towards its original answer: {@code shareAfter − shareBefore}. */
    public double importance() {
        return shareAfter - shareBefore;
    }
}
