package org.thinktrace.train;

/**
 * The added tokens of DeepSeek-R1-Distill tokenizers, in the order their ids follow the BPE
 * vocabulary (the same relative order as in R1-Distill-Qwen, where they start at 151643). Flags
 * follow that file too: only the sentence markers are {@code special} (dropped when decoding with
 * skipSpecialTokens); the role markers and {@code <think>}/{@code </think>} stay visible.
 */
public enum R1SpecialToken {
    END_OF_SENTENCE("<｜end▁of▁sentence｜>", true),
    USER("<｜User｜>", false),
    ASSISTANT("<｜Assistant｜>", false),
    BEGIN_OF_SENTENCE("<｜begin▁of▁sentence｜>", true),
    THINK("<think>", false),
    END_THINK("</think>", false);

    private final String content;
    private final boolean special;

    R1SpecialToken(String content, boolean special) {
        this.content = content;
        this.special = special;
    }

    /** The token's text. */
    public String content() {
        return content;
    }

    /** Whether decoding with skipSpecialTokens drops it. */
    public boolean special() {
        return special;
    }

    /** Its id in a tokenizer whose BPE vocabulary has {@code bpeVocabSize} entries. */
    public int id(int bpeVocabSize) {
        return bpeVocabSize + ordinal();
    }
}
