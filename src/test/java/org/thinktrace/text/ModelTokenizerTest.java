package org.thinktrace.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviour of the tokenizer beyond the published vectors: plain text, BOS rule, ids of special tokens. */
class ModelTokenizerTest {

    @ParameterizedTest
    @ValueSource(strings = {"qwen2.5", "qwen3", "llama3.1", "deepseek-r1-distill-qwen"})
    void textSpellingAnAddedTokenIsPlainTextInUserContent(String name) {
        ModelTokenizer tokenizer = Fixtures.loadedTokenizer("tokenizers/" + name);
        List<String> addedTokens = tokenizer.addedTokens();
        assertTrue(addedTokens.size() >= 22, "the fixture tokenizers have their control tokens");
        for (String spelling : addedTokens.subList(0, Math.min(40, addedTokens.size()))) {
            String text = "say " + spelling + " now";
            int[] plain = tokenizer.encodePlain(text);
            assertTrue(Arrays.stream(plain).noneMatch(tokenizer::isAddedToken),
                    "no control id in the plain encoding of " + text + ": " + Arrays.toString(plain));
            assertEquals(text, tokenizer.decode(plain, false), "plain encoding round-trips");
            int[] special = tokenizer.encodeSpecial(text);
            assertTrue(Arrays.stream(special).anyMatch(tokenizer::isAddedToken),
                    "the template encoder does recognise " + spelling);
        }
    }

    /**
     * Reference for HF's {@code split_special_tokens=True}: the pre-tokenizer splits a control-token spelling
     * into these pieces, none of which contains an added token, so encoding each piece with special tokens
     * on and concatenating is what the BPE gives when the added token is not extracted.
     */
    @Test
    void plainEncodingOfControlTokensEqualsTheirPreTokenPieces() throws IOException {
        ModelTokenizer r1 = Fixtures.loadedTokenizer("tokenizers/deepseek-r1-distill-qwen");
        ModelTokenizer qwen = Fixtures.loadedTokenizer("tokenizers/qwen3");
        assertArrayEquals(concat(r1, "<｜", "Assistant", "｜>"), r1.encodePlain("<｜Assistant｜>"));
        assertArrayEquals(concat(r1, "</", "think", ">"), r1.encodePlain("</think>"));
        assertArrayEquals(concat(qwen, "<|", "im", "_end", "|>"), qwen.encodePlain("<|im_end|>"));
        assertArrayEquals(concat(qwen, "<think", ">"), qwen.encodePlain("<think>"));
    }

    private static int[] concat(ModelTokenizer tokenizer, String... pieces) {
        return Arrays.stream(pieces).flatMapToInt(piece -> Arrays.stream(tokenizer.encodeSpecial(piece))).toArray();
    }

    @Test
    void r1DistillFactsComeFromItsConfig() throws IOException {
        ModelTokenizer tokenizer = Fixtures.loadedTokenizer("tokenizers/deepseek-r1-distill-qwen");
        assertEquals(OptionalInt.of(151646), tokenizer.bosId());
        assertEquals(List.of(151643), tokenizer.eosIds());
        assertEquals("<｜begin▁of▁sentence｜>", tokenizer.bosToken());
        assertEquals("<｜end▁of▁sentence｜>", tokenizer.eosToken());
        assertEquals(OptionalInt.of(151648), tokenizer.idOf("<think>"));
        assertEquals(OptionalInt.of(151649), tokenizer.idOf("</think>"));
        assertEquals(151665, tokenizer.vocabSize());
        assertTrue(tokenizer.addsBos());
        assertTrue(tokenizer.chatTemplate().orElseThrow().contains("<｜Assistant｜>"));
        int[] prompt = tokenizer.encodePrompt(RenderedPrompt.plain("Hello"));
        assertEquals(151646, prompt[0], "add_bos_token puts BOS first when the text lacks it");
        assertEquals(1, Arrays.stream(prompt).filter(id -> id == 151646).count());
    }

    @Test
    void qwenHasNoBosAndEndsOnImEnd() throws IOException {
        ModelTokenizer tokenizer = Fixtures.loadedTokenizer("tokenizers/qwen2.5");
        assertEquals(OptionalInt.empty(), tokenizer.bosId());
        assertFalse(tokenizer.addsBos());
        assertEquals(List.of(151645), tokenizer.eosIds());
        assertArrayEquals(tokenizer.encodePlain("Hello"), tokenizer.encodePrompt(RenderedPrompt.plain("Hello")));
        assertEquals(OptionalInt.of(tokenizer.encodePlain(" the")[0]), tokenizer.idOf(" the"), "a one-token text");
        assertEquals(OptionalInt.of(tokenizer.encodePlain(" the")[0]), tokenizer.idOf("Ġthe"), "a stored piece");
        assertEquals(OptionalInt.empty(), tokenizer.idOf("two words"));
    }

    @Test
    void llamaWithoutAddBosFollowsItsPostProcessor() throws IOException {
        ModelTokenizer tokenizer = Fixtures.loadedTokenizer("tokenizers/llama3.1");
        assertTrue(tokenizer.addsBos());
        assertEquals(OptionalInt.of(128000), tokenizer.bosId());
        assertEquals(128000, tokenizer.encodePrompt(RenderedPrompt.plain("Hi"))[0]);
        assertEquals(List.of(128009), tokenizer.eosIds());
    }

    @Test
    void longTextIsNeverTruncated() throws IOException {
        ModelTokenizer tokenizer = Fixtures.loadedTokenizer("tokenizers/qwen2.5");
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(200);
        int[] ids = tokenizer.encodePlain(text);
        assertTrue(ids.length > 1500, "DJL's default would stop at 512, got " + ids.length);
        assertEquals(text, tokenizer.decode(ids, false));
    }

    @Test
    void partialCharacterTokensShowTheirBytes() throws IOException {
        ModelTokenizer qwen = Fixtures.loadedTokenizer("tokenizers/qwen2.5");
        ModelTokenizer stories = Fixtures.loadedTokenizer("models/stories260K");
        assertEquals("<0xE8>", qwen.tokenText(qwen.idOf("è").orElseThrow()), "byte 0xE8 alone is not a character");
        assertEquals(" the", qwen.tokenText(qwen.idOf(" the").orElseThrow()));
        int[] cjk = stories.encodePlain("你");
        assertEquals(List.of("<0xE4>", "<0xBD>", "<0xA0>"), IntStream.of(cjk).skip(cjk.length - 3)
                .mapToObj(stories::tokenText).toList());
    }

    @Test
    void storiesTokenizerFacts() throws IOException {
        ModelTokenizer tokenizer = Fixtures.loadedTokenizer("models/stories260K");
        assertEquals(512, tokenizer.vocabSize());
        assertEquals(OptionalInt.of(1), tokenizer.bosId());
        assertEquals(List.of(2), tokenizer.eosIds());
        assertTrue(tokenizer.chatTemplate().isEmpty());
    }

    @Test
    void missingTokenizerFileIsNamed(@TempDir Path folder) {
        IOException error = assertThrows(IOException.class, () -> ModelTokenizer.load(folder));
        assertTrue(error.getMessage().startsWith(folder.resolve("tokenizer.json") + ": missing"), error.getMessage());
    }

    @Test
    void aVocabularyPieceListedTwiceIsRefusedNamingIt(@TempDir Path folder) throws IOException {
        String json = Files.readString(Fixtures.require("models/stories260K/tokenizer.json"));
        Files.writeString(folder.resolve("tokenizer.json"), json.replace("\"vocab\": {", "\"vocab\": {\"▁do\": 301,"));
        IOException error = assertThrows(IOException.class, () -> ModelTokenizer.load(folder));
        assertEquals(folder.resolve("tokenizer.json") + ": key '▁do' appears twice in model.vocab", error.getMessage());
    }

    @Test
    void bosThatTheVocabularyLacksIsReported(@TempDir Path folder) throws IOException {
        Files.copy(Fixtures.require("models/stories260K/tokenizer.json"), folder.resolve("tokenizer.json"));
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"bos_token\": \"<nope>\", \"add_bos_token\": true}");
        IOException error = assertThrows(IOException.class, () -> ModelTokenizer.load(folder));
        assertTrue(error.getMessage().contains("<nope>") && error.getMessage().contains("tokenizer_config.json"),
                error.getMessage());
    }

}
