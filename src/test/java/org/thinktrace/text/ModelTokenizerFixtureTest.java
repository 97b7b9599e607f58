package org.thinktrace.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Encodes with the real tokenizers and compares with vectors that other implementations produced. */
class ModelTokenizerFixtureTest {

    private static final String SEPARATOR = "\n__ggml_vocab_test__\n";

    @TestFactory
    Stream<DynamicTest> llamaCppQwen2VectorsMatchTheQwen25Tokenizer() throws IOException {
        return llamaCppVectors("ggml-vocab-qwen2.gguf", "qwen2.5");
    }

    @TestFactory
    Stream<DynamicTest> llamaCppLlamaBpeVectorsMatchTheLlama31Tokenizer() throws IOException {
        return llamaCppVectors("ggml-vocab-llama-bpe.gguf", "llama3.1");
    }

    /**
     * llama.cpp's format: the {@code .inp} texts are separated by {@code \n__ggml_vocab_test__\n} (the file
     * ends with one), the {@code .out} has one line of space-separated ids per text, without BOS.
     */
    private static Stream<DynamicTest> llamaCppVectors(String vocab, String tokenizerName) throws IOException {
        Path inputs = Fixtures.require("tokenizer-vectors/" + vocab + ".inp");
        Path outputs = Fixtures.require("tokenizer-vectors/" + vocab + ".out");
        List<String> texts = new ArrayList<>(Arrays.asList(Files.readString(inputs, StandardCharsets.UTF_8).split(SEPARATOR, -1)));
        List<String> lines = new ArrayList<>(Arrays.asList(Files.readString(outputs, StandardCharsets.UTF_8).split("\n", -1)));
        assertEquals("", texts.removeLast(), "input file ends with a separator");
        assertEquals("", lines.removeLast(), "output file ends with a newline");
        assertEquals(texts.size(), lines.size(), "one id line per text");
        ModelTokenizer tokenizer = Fixtures.loadedTokenizer("tokenizers/" + tokenizerName);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            int[] expected = parseIds(lines.get(i));
            tests.add(DynamicTest.dynamicTest("#" + i + " " + printable(text), () -> {
                assertArrayEquals(expected, tokenizer.encodePlain(text), "plain encoding of " + printable(text));
                assertArrayEquals(expected, tokenizer.encodeSpecial(text), "special encoding of " + printable(text));
            }));
        }
        return tests.stream();
    }

    private static int[] parseIds(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() ? new int[0] : Arrays.stream(trimmed.split(" +")).mapToInt(Integer::parseInt).toArray();
    }

    private static String printable(String text) {
        return text.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }

    @Test
    void r1DistillPublishedVectorEncodesTheTemplateStructure() throws IOException {
        ModelTokenizer tokenizer = Fixtures.loadedTokenizer("tokenizers/deepseek-r1-distill-qwen");
        String text = "<｜begin▁of▁sentence｜><｜User｜>Hello, world!<｜Assistant｜>";
        assertArrayEquals(new int[]{151646, 151644, 9707, 11, 1879, 0, 151645}, tokenizer.encodeSpecial(text));
        RenderedPrompt prompt = new RenderedPrompt(text, List.of(
                new RenderedPrompt.Segment("<｜begin▁of▁sentence｜><｜User｜>", false),
                new RenderedPrompt.Segment("Hello, world!", true),
                new RenderedPrompt.Segment("<｜Assistant｜>", false)), false);
        assertArrayEquals(new int[]{151646, 151644, 9707, 11, 1879, 0, 151645}, tokenizer.encodePrompt(prompt),
                "the template already wrote BOS, so none is added");
    }

    @Test
    void stories260kEncodeVectorsMatchWithBos() throws IOException {
        Path folder = Fixtures.require("models/stories260K");
        JsonNode vectors = new ObjectMapper().readTree(folder.resolve("tok512_encode_vectors.json").toFile());
        ModelTokenizer tokenizer = Fixtures.loadedTokenizer("models/stories260K");
        for (JsonNode vector : vectors) {
            String text = vector.get("text").asText();
            int[] expected = new int[vector.get("ids").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = vector.get("ids").get(i).asInt();
            }
            assertArrayEquals(expected, tokenizer.encodePrompt(RenderedPrompt.plain(text)), text);
        }
    }
}
