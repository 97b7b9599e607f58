package org.thinktrace.model;

/**
 * The {@code rope_scaling} block of a Llama 3.1 {@code config.json} ({@code rope_type: "llama3"}).
 * Every factor is read from the file; none is hard-coded.
 *
 * @param factor                        how much longer the context is than the original one (8.0 for Llama 3.1)
 * @param lowFreqFactor                 wavelengths above {@code originalMaxPosition / lowFreqFactor} are divided by {@code factor}
 * @param highFreqFactor                wavelengths below {@code originalMaxPosition / highFreqFactor} are kept
 * @param originalMaxPositionEmbeddings the context length the model was pre-trained with
 */
public record RopeScaling(double factor, double lowFreqFactor, double highFreqFactor,
                          int originalMaxPositionEmbeddings) {
}
