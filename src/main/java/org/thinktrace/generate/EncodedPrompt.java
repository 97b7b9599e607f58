package org.thinktrace.generate;

/**
 * A prompt ready for the model.
 *
 * @param text             the exact text the ids encode (the rendered template, or the raw text)
 * @param ids              the token ids, BOS included when the tokenizer adds one
 * @param startsInThinking the prompt ends inside {@code <think>}: the response begins as thinking
 */
public record EncodedPrompt(String text, int[] ids, boolean startsInThinking) {

    public int length() {
        return ids.length;
    }
}
