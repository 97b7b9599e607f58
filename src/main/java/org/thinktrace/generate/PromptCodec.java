package org.thinktrace.generate;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.thinktrace.text.ChatTurn;

/**
 * What the generator needs from a model's tokenizer and chat template: prompts in, text out.
 * Implementations must be usable from the generation thread.
 */
public interface PromptCodec {

    /** Renders {@code turns} with the model's chat template (generation prompt added) and encodes the result. */
    default EncodedPrompt encodeConversation(List<ChatTurn> turns) {
        return encodeConversation(turns, Map.of());
    }

    /**
     * As {@link #encodeConversation(List)}, with more template variables (e.g. {@code enable_thinking=false}
     * for Qwen3's template); a template that does not read a variable is unaffected by it.
     */
    EncodedPrompt encodeConversation(List<ChatTurn> turns, Map<String, Object> templateVariables);

    /** Encodes {@code text} as is, with BOS when the tokenizer's config adds one (raw completion, base models). */
    EncodedPrompt encodeRaw(String text);

    /** Encodes text as plain text: text spelling a control token (such as {@code </think>}) stays characters. */
    int[] encodeText(String text);

    /** Encodes text in which tags such as {@code </think>} are meant as the model's control tokens. */
    int[] encodeControl(String text);

    /**
     * A text stream for the ids that follow {@code precedingIds} (the tail of the prompt, whose own text is
     * not emitted but lets the first generated token decode as it would in context, e.g. with its leading space).
     */
    TokenTextStream openStream(int[] precedingIds);

    /** The text of one token on its own, for token-level displays. */
    String tokenText(int id);

    /** Ids that end a generation. */
    Set<Integer> eosIds();

    /**
     * The BOS id, when the tokenizer has one. A raw completion ends there too: a base model that writes BOS
     * has begun a new document (llama2.c stops on it the same way).
     */
    OptionalInt bosId();
}
