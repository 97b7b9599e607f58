package org.thinktrace.chat;

/**
 * What the model answers when its thinking is cut at the end of one step.
 *
 * @param step        the step's index
 * @param tokenIndex  how many thinking tokens preceded the cut
 * @param text        the greedy answer text the model wrote after the forced end of thinking
 * @param answer      that text's normalised answer ("" when none could be read)
 * @param probability the product of the probabilities of the answer's tokens under the model
 */
public record InterimAnswer(int step, int tokenIndex, String text, String answer, double probability) {
}
