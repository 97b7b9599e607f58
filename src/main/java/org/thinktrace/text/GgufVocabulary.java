package org.thinktrace.text;

import java.util.List;

/**
 * The tokenizer a GGUF file carries in its metadata, as llama.cpp's {@code convert_hf_to_gguf.py} writes it.
 *
 * @param model       {@code tokenizer.ggml.model}: the tokenizer kind ({@code gpt2} is byte-level BPE)
 * @param pre         {@code tokenizer.ggml.pre}: the name of the pre-tokenizer ({@code qwen2}, {@code llama-bpe}, …)
 * @param tokens      {@code tokenizer.ggml.tokens}: every token's text, in id order
 * @param tokenTypes  {@code tokenizer.ggml.token_type}: llama.cpp's type of each token (see {@link #NORMAL} …),
 *                    one per token
 * @param merges      {@code tokenizer.ggml.merges}: BPE merges as {@code "a b"}, highest priority first
 * @param bosId       {@code tokenizer.ggml.bos_token_id}, or null
 * @param eosId       {@code tokenizer.ggml.eos_token_id}, or null
 * @param addBos      {@code tokenizer.ggml.add_bos_token}, or null when the file does not say (no BOS is added)
 */
public record GgufVocabulary(String model, String pre, List<String> tokens, List<Integer> tokenTypes,
                             List<String> merges, Integer bosId, Integer eosId, Boolean addBos) {

    /** llama.cpp's token types ({@code llama_token_type}). */
    public static final int NORMAL = 1;
    public static final int UNKNOWN = 2;
    public static final int CONTROL = 3;
    public static final int USER_DEFINED = 4;
    public static final int UNUSED = 5;
    public static final int BYTE = 6;

    public GgufVocabulary {
        tokens = List.copyOf(tokens);
        tokenTypes = List.copyOf(tokenTypes);
        merges = List.copyOf(merges);
    }

    /** The text of token {@code id}, or null when {@code id} is null. */
    String textOf(Integer id) {
        return id == null ? null : tokens.get(id);
    }
}
