package org.thinktrace.model;

/**
 * The {@code rope_scaling} block of a {@code config.json} ({@link Llama3RopeScaling}, {@link YarnRopeScaling}), or a
 * GGUF file's per-frequency divisors ({@link RopeFrequencyFactors}): how rotary position frequencies are stretched so
 * that a model reaches past the context it was pre-trained on. Every value comes from the file (or from the default
 * HuggingFace gives an optional key); none is hard-coded.
 *
 * <p>A {@link ModelConfig} without scaling holds {@code null} here. {@link RotaryEmbedding} turns
 * each variant into inverse frequencies and a factor on the cos/sin tables.
 */
public sealed interface RopeScaling permits Llama3RopeScaling, YarnRopeScaling, RopeFrequencyFactors {
}
