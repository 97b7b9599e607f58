package org.thinktrace.model;

/**
 * {@code rope_type: "llama3"} scaling of Llama 3.1 (and DeepSeek-R1-Distill-Llama): long
 * wavelengths are divided by {@code factor}, short ones kept, the band between blended smoothly.
 *
 * @param factor                        how much longer the context is than the original one (8.0 for Llama 3.1)
 * @param lowFreqFactor                 wavelengths above {@code originalMaxPosition / lowFreqFactor} are divided by {@code factor}
 * @param highFreqFactor                wavelengths below {@code originalMaxPosition / highFreqFactor} are kept
 * @param originalMaxPositionEmbeddings the context length the model was pre-trained with
 */
public record Llama3RopeScaling(double factor, double lowFreqFactor, double highFreqFactor,
                                int originalMaxPositionEmbeddings) implements RopeScaling {
}
