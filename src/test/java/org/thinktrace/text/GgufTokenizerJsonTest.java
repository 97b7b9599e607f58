package org.thinktrace.text;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tokenizer rebuilt from GGUF metadata (written from the real tokenizers exactly as llama.cpp's converter
 * writes it, {@link HfToGgufVocabulary}) encodes llama.cpp's tokenizer test vectors to llama.cpp's ids, and
 * those vectors and the control tokens to the same ids as the official tokenizer.json it came from. Each test
 * rebuilds a 128k-152k vocabulary (a few seconds).
 */
class GgufTokenizerJsonTest {

    private static final String SEPARATOR = "\n__ggml_vocab_test__\n";
    private static final Path GGUF = Path.of("model.gguf");

    @Test
    void r1DistillQwenFromGgufEncodesLikeItsTokenizerJson() throws IOException {
        assertSameEncoding("deepseek-r1-distill-qwen", "deepseek-r1-qwen", 152064, "ggml-vocab-qwen2.gguf");
    }

    @Test
    void qwen3FromGgufEncodesLikeItsTokenizerJson() throws IOException {
        assertSameEncoding("qwen3", "qwen2", 151936, "ggml-vocab-qwen2.gguf");
    }

    @Test
    void llama31FromGgufEncodesLikeItsTokenizerJson() throws IOException {
        assertSameEncoding("llama3.1", "llama-bpe", 128256, "ggml-vocab-llama-bpe.gguf");
    }

    private static void assertSameEncoding(String name, String pre, int vocabSize, String vectors) throws IOException {
        Path folder = Fixtures.tokenizer(name);
        ModelTokenizer official = Fixtures.loadedTokenizer("tokenizers/" + name);
        GgufVocabulary vocabulary = HfToGgufVocabulary.convert(folder, pre, vocabSize);
        try (ModelTokenizer rebuilt = ModelTokenizer.fromGguf(GGUF, vocabulary, List.of())) {
            assertFalse(rebuilt.encodesInChildProcess(), "the family's official split pattern encodes in-process");
            List<String> texts = new ArrayList<>(List.of(
                    Files.readString(Fixtures.require("tokenizer-vectors/" + vectors + ".inp"), StandardCharsets.UTF_8)
                            .split(SEPARATOR, -1)));
            List<String> ids = List.of(Files.readString(Fixtures.require("tokenizer-vectors/" + vectors + ".out"),
                    StandardCharsets.UTF_8).split("\n", -1));
            texts.removeLast();
            for (int i = 0; i < texts.size(); i++) {
                String line = ids.get(i).strip();
                int[] expected = line.isEmpty() ? new int[0]
                        : Arrays.stream(line.split(" +")).mapToInt(Integer::parseInt).toArray();
                assertArrayEquals(expected, rebuilt.encodePlain(texts.get(i)), "llama.cpp's ids for " + texts.get(i));
            }
            for (String control : official.addedTokens()) {
                texts.add("Hi" + control + "there 12345\n\n" + control);
            }
            for (String text : texts) {
                assertArrayEquals(official.encodePlain(text), rebuilt.encodePlain(text), "plain: " + text);
                assertArrayEquals(official.encodeSpecial(text), rebuilt.encodeSpecial(text), "special: " + text);
            }
            assertEquals(official.addsBos(), rebuilt.addsBos(), "add_bos_token");
            assertEquals(official.bosId(), rebuilt.bosId());
            assertEquals(official.addedTokens(), rebuilt.addedTokens());
            int[] sample = official.encodeSpecial(texts.getLast() + " héllo 世界");
            assertEquals(official.decode(sample, false), rebuilt.decode(sample, false));
        }
    }

    @Test
    void unknownPreTokenizerIsRefusedNamingTheKeyAndValue() {
        GgufVocabulary vocabulary = tiny("gpt2", "falcon", List.of("a b"));
        IOException e = assertThrows(IOException.class, () -> GgufTokenizerJson.build(GGUF, vocabulary));
        assertTrue(e.getMessage().contains("model.gguf: tokenizer.ggml.pre is 'falcon'"), e.getMessage());
        assertTrue(e.getMessage().contains("llama-bpe"), e.getMessage());
    }

    @Test
    void otherTokenizerModelsAreRefusedNamingTheKey() {
        IOException e = assertThrows(IOException.class,
                () -> GgufTokenizerJson.build(GGUF, tiny("llama", "qwen2", List.of("a b"))));
        assertTrue(e.getMessage().contains("tokenizer.ggml.model is 'llama'"), e.getMessage());
    }

    @Test
    void malformedMergeIsRefusedNamingItsIndex() {
        IOException e = assertThrows(IOException.class,
                () -> GgufTokenizerJson.build(GGUF, tiny("gpt2", "qwen2", List.of("a b", "ab"))));
        assertTrue(e.getMessage().contains("tokenizer.ggml.merges[1] is 'ab'"), e.getMessage());
    }

    @Test
    void tokenTypesOfAnotherLengthAreRefused() {
        GgufVocabulary vocabulary = new GgufVocabulary("gpt2", "qwen2", List.of("a", "b"), List.of(1), List.of(),
                null, null, null);
        IOException e = assertThrows(IOException.class, () -> GgufTokenizerJson.build(GGUF, vocabulary));
        assertTrue(e.getMessage().contains("tokenizer.ggml.token_type has 1 entries"), e.getMessage());
    }

    @Test
    void aVocabularyTokenListedTwiceIsRefusedNamingBothIndices() {
        GgufVocabulary vocabulary = new GgufVocabulary("gpt2", "qwen2", List.of("a", "b", "a"), List.of(1, 1, 1),
                List.of(), null, null, null);
        IOException e = assertThrows(IOException.class, () -> GgufTokenizerJson.build(GGUF, vocabulary));
        assertTrue(e.getMessage().contains("tokenizer.ggml.tokens[2] is 'a', the text of tokenizer.ggml.tokens[0] too"),
                e.getMessage());
    }

    private static GgufVocabulary tiny(String model, String pre, List<String> merges) {
        return new GgufVocabulary(model, pre, List.of("a", "b", "ab"), List.of(1, 1, 1), merges, null, null, null);
    }
}
