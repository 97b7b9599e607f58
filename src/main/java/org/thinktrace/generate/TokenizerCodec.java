package org.thinktrace.generate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiFunction;
import org.thinktrace.text.ChatTurn;
import org.thinktrace.text.IncrementalDetokenizer;
import org.thinktrace.text.ModelTokenizer;
import org.thinktrace.text.RenderedPrompt;

/**
 * The {@link PromptCodec} of a real model folder: its {@link ModelTokenizer} and a chat-template renderer.
 * Message content is encoded as plain text (a user typing {@code </think>} gets characters, not the control
 * token); template structure and {@link #encodeControl} recognise special tokens. Thread-safe as the
 * tokenizer is; each {@link #openStream} is for one generation.
 */
public final class TokenizerCodec implements PromptCodec {

    private final ModelTokenizer tokenizer;
    private final BiFunction<List<ChatTurn>, Map<String, Object>, RenderedPrompt> template;
    private final Set<Integer> eosIds;

    /**
     * @param template renders a conversation, with more template variables, and the generation prompt added
     * @param extraEos EOS ids from the model config, added to the tokenizer's own
     */
    public TokenizerCodec(ModelTokenizer tokenizer, BiFunction<List<ChatTurn>, Map<String, Object>, RenderedPrompt> template,
                          List<Integer> extraEos) {
        this.tokenizer = tokenizer;
        this.template = template;
        Set<Integer> eos = new LinkedHashSet<>(tokenizer.eosIds());
        eos.addAll(extraEos);
        this.eosIds = Set.copyOf(eos);
    }

    @Override
    public EncodedPrompt encodeConversation(List<ChatTurn> turns, Map<String, Object> templateVariables) {
        RenderedPrompt rendered = template.apply(turns, templateVariables);
        return new EncodedPrompt(rendered.text(), tokenizer.encodePrompt(rendered), rendered.endsInsideThinking());
    }

    @Override
    public EncodedPrompt encodeRaw(String text) {
        return new EncodedPrompt(text, tokenizer.encodePrompt(RenderedPrompt.plain(text)), false);
    }

    @Override
    public int[] encodeText(String text) {
        return tokenizer.encodePlain(text);
    }

    @Override
    public int[] encodeControl(String text) {
        return tokenizer.encodeSpecial(text);
    }

    /**
     * Primes a detokenizer with the prompt's tail, discarding its text, so the first generated token decodes
     * as in context. Trailing byte-fallback tokens are left out of the priming: the detokenizer would hold
     * them and release their text with the first generated token.
     */
    @Override
    public TokenTextStream openStream(int[] precedingIds) {
        IncrementalDetokenizer detokenizer = new IncrementalDetokenizer(tokenizer);
        int end = precedingIds.length;
        while (end > 0 && tokenizer.isFallbackByte(precedingIds[end - 1])) end--;
        for (int i = 0; i < end; i++) detokenizer.push(precedingIds[i]);
        return new TokenTextStream() {
            @Override
            public String push(int id) {
                return detokenizer.push(id);
            }

            @Override
            public String flush() {
                return detokenizer.flush();
            }
        };
    }

    @Override
    public String tokenText(int id) {
        return tokenizer.tokenText(id);
    }

    @Override
    public Set<Integer> eosIds() {
        return eosIds;
    }

    @Override
    public OptionalInt bosId() {
        return tokenizer.bosId();
    }
}
