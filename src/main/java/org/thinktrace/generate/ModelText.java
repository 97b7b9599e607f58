package org.thinktrace.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.thinktrace.model.ModelConfig;
import org.thinktrace.text.ChatTemplate;
import org.thinktrace.text.ModelTokenizer;

/**
 * The text side of a model folder: its tokenizer, its chat template (the folder's own, or the R1 format
 * when it has none) and the {@link PromptCodec} over both. Enough to render and encode prompts without
 * loading any weights ({@link ModelSource#loadText()}). {@link #close()} frees the native tokenizer.
 */
public final class ModelText implements AutoCloseable {

    private final ModelTokenizer tokenizer;
    private final ChatTemplate template;
    private final TokenizerCodec codec;

    private ModelText(ModelTokenizer tokenizer, ChatTemplate template, List<Integer> configEos) {
        this.tokenizer = tokenizer;
        this.template = template;
        this.codec = new TokenizerCodec(tokenizer, (turns, variables) -> template.render(turns, true, variables), configEos);
    }

    /**
     * Builds the text side of the model in {@code folder}: {@code tokenizer.json} and {@code tokenizer_config.json}
     * (each read once here), with the end-of-generation ids of {@code config} (which holds what
     * {@code generation_config.json} says); a token id at or beyond {@code config}'s {@code vocab_size} is refused.
     * Called by {@link ModelSource} implementations once the folder is checked.
     */
    static ModelText build(Path folder, ModelConfig config) throws ModelFolderException {
        List<Integer> configEos = config.eosTokenIds();
        ModelTokenizer tokenizer;
        try {
            tokenizer = ModelTokenizer.load(folder, configEos, config.vocabSize());
        } catch (IOException e) {
            throw new ModelFolderException(folder, e.getMessage(), e);
        }
        try {
            return new ModelText(tokenizer, ChatTemplate.forTokenizer(tokenizer), configEos);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw new ModelFolderException(folder, "tokenizer_config.json: the chat template cannot be used: "
                    + e.getMessage(), e);
        }
    }

    /** The text side made of a tokenizer and a template already built (a GGUF file's); it owns {@code tokenizer}. */
    static ModelText of(ModelTokenizer tokenizer, ChatTemplate template, List<Integer> configEos) {
        return new ModelText(tokenizer, template, configEos);
    }

    public ModelTokenizer tokenizer() {
        return tokenizer;
    }

    public ChatTemplate template() {
        return template;
    }

    public PromptCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
