package org.thinktrace.model;

/**
 * The decoder families ThinkTrace runs, each named by the {@code architectures} entry of a
 * HuggingFace {@code config.json}. They share one decoder; the differences are flags on
 * {@link ModelConfig} (q/k/v bias, q/k norm, RoPE scaling), not separate code paths.
 */
public enum Architecture {
    /** DeepSeek-R1-Distill-Qwen-*: q/k/v projections carry biases. */
    QWEN2("Qwen2ForCausalLM"),
    /** DeepSeek-R1-Distill-Llama-*: no biases, optional llama3 RoPE scaling. */
    LLAMA("LlamaForCausalLM"),
    /** DeepSeek-R1-0528-Qwen3-8B: RMSNorm on q and k per head, explicit head_dim. */
    QWEN3("Qwen3ForCausalLM");

    private final String hfName;

    Architecture(String hfName) {
        this.hfName = hfName;
    }

    /** The class name used in {@code config.json}'s {@code architectures} list. */
    public String hfName() {
        return hfName;
    }

    /** Finds the architecture for an {@code architectures} entry, or null when unknown. */
    public static Architecture fromHfName(String name) {
        for (Architecture a : values()) {
            if (a.hfName.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
