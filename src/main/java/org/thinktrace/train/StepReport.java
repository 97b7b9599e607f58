package org.thinktrace.train;

/**
 * What one optimizer step did.
 *
 * @param step          steps completed so far (1-based)
 * @param totalSteps    steps of the whole run
 * @param loss          mean cross-entropy over the batch's completion tokens
 * @param learningRate  the rate used
 * @param gradientNorm  global gradient norm before clipping
 * @param tokens        positions computed, padding included
 * @param nanos         wall time of the step
 */
public record StepReport(int step, int totalSteps, float loss, double learningRate, double gradientNorm,
                         long tokens, long nanos) {
}
