package org.thinktrace.text;

import java.nio.file.Path;
import java.util.Map;
import org.thinktrace.testing.Fixture;
import org.thinktrace.testing.LoadedTokenizers;

/** The real tokenizer and template fixtures ({@link Fixture}), with each tokenizer loaded once per test JVM. */
final class Fixtures {

    /**
     * The fixture tokenizer whose config gives each fixture template its bos/eos. R1-Distill-Llama's official
     * config uses the same BOS/EOS texts as R1-Distill-Qwen (its vocabulary, Llama 3's, is not among the
     * fixtures); QwQ shares the Qwen2.5 vocabulary and special tokens.
     */
    static final Map<String, String> TOKENIZER_OF_TEMPLATE = Map.of(
            "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B", "deepseek-r1-distill-qwen",
            "deepseek-ai-DeepSeek-R1-Distill-Llama-8B", "deepseek-r1-distill-qwen",
            "Qwen-Qwen2.5-7B-Instruct", "qwen2.5",
            "Qwen-QwQ-32B", "qwen2.5",
            "Qwen-Qwen3-0.6B", "qwen3");

    /** The one fixture template whose model's vocabulary is not among the fixture tokenizers. */
    static final String TEMPLATE_WITHOUT_ITS_VOCABULARY = "deepseek-ai-DeepSeek-R1-Distill-Llama-8B";

    private Fixtures() {
    }

    /** The fixture path, or a skipped test when it is in neither the repository nor {@code ../shared}. */
    static Path require(String relative) {
        return Fixture.require(relative);
    }

    static Path tokenizer(String name) {
        return require("tokenizers/" + name);
    }

    /**
     * The tokenizer of a fixture folder ({@code tokenizers/qwen2.5}, {@code models/stories260K}), loaded once per test
     * JVM ({@link LoadedTokenizers}); not to be closed.
     */
    static ModelTokenizer loadedTokenizer(String folder) {
        return LoadedTokenizers.of(require(folder));
    }
}
