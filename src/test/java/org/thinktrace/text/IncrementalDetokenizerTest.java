package org.thinktrace.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streams real token sequences through the detokenizer and compares with one full decode. */
class IncrementalDetokenizerTest {

    private static final String[] TEXTS = {
            "草莓里有几个r？数一数：草、莓。",
            "Emoji: 🍓🧠👩‍👩‍👧‍👦 and flags 🇫🇷🇯🇵.",
            "Combining: e\u0301 a\u0308 n\u0303 — Zalgo: Z\u0336\u0327a\u0335l\u0338g\u0334o\u0337",
            "<think>\nLet me compute 17 * 23 = 391.\n</think>\n\nThe answer is **391**.",
            "Кириллица, ελληνικά, עברית, العربية, हिन्दी, 한국어, 日本語のテキスト。",
            "  two  spaces\tand tabs\n\nnew lines   ",
    };

    @ParameterizedTest
    @ValueSource(strings = {"tokenizers/qwen2.5", "tokenizers/llama3.1", "tokenizers/deepseek-r1-distill-qwen",
            "models/stories260K"})
    void concatenatedDeltasEqualTheFullDecode(String folderName) {
        ModelTokenizer tokenizer = Fixtures.loadedTokenizer(folderName);
        Random random = new Random(20260420L);
        for (int round = 0; round < 12; round++) {
            int[] ids = randomStream(tokenizer, random);
            for (boolean skipSpecial : new boolean[]{true, false}) {
                String expected = tokenizer.decode(ids, skipSpecial);
                IncrementalDetokenizer detokenizer = new IncrementalDetokenizer(tokenizer, skipSpecial);
                StringBuilder streamed = new StringBuilder();
                for (int id : ids) {
                    String delta = detokenizer.push(id);
                    assertFalse(!delta.isEmpty() && Character.isHighSurrogate(delta.charAt(delta.length() - 1)),
                            "a delta never ends inside a surrogate pair");
                    streamed.append(delta);
                }
                streamed.append(detokenizer.flush());
                assertEquals(expected, streamed.toString(),
                        folderName + " skipSpecial=" + skipSpecial + " ids=" + Arrays.toString(ids));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tokenizers/qwen2.5", "models/stories260K"})
    void multiByteCharactersAreNeverEmittedHalfWay(String folderName) {
        ModelTokenizer tokenizer = Fixtures.loadedTokenizer(folderName);
        for (String text : TEXTS) {
            IncrementalDetokenizer detokenizer = new IncrementalDetokenizer(tokenizer);
            for (int id : tokenizer.encodePlain(text)) {
                String delta = detokenizer.push(id);
                assertFalse(delta.indexOf('\uFFFD') >= 0, "no replacement character in " + delta + " of " + text);
            }
            assertFalse(detokenizer.flush().indexOf('\uFFFD') >= 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tokenizers/qwen2.5", "models/stories260K"})
    void aLongStreamKeepsASmallWindow(String folderName) {
        ModelTokenizer tokenizer = Fixtures.loadedTokenizer(folderName);
        int[] text = tokenizer.encodePlain(String.join(" ", TEXTS));
        int[] ids = IntStream.range(0, 20_000).map(i -> text[i % text.length]).toArray();
        IncrementalDetokenizer detokenizer = new IncrementalDetokenizer(tokenizer);
        StringBuilder streamed = new StringBuilder();
        int largestWindow = 0;
        for (int id : ids) {
            streamed.append(detokenizer.push(id));
            largestWindow = Math.max(largestWindow, detokenizer.windowSize());
        }
        streamed.append(detokenizer.flush());
        assertEquals(tokenizer.decode(ids, true), streamed.toString());
        int bound = 16 + longestFallbackByteRun(tokenizer, ids);
        assertTrue(largestWindow <= bound, "the decode window stays within " + bound + ", largest was " + largestWindow);
    }

    /** A run of byte-fallback tokens is held back whole, so it adds to the window. */
    private static int longestFallbackByteRun(ModelTokenizer tokenizer, int[] ids) {
        int longest = 0;
        int run = 0;
        for (int id : ids) {
            run = tokenizer.isFallbackByte(id) ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /**
     * Real encodings of multilingual text, spliced with random ids (which may be lone bytes of a multi-byte
     * character, or special tokens) at random places.
     */
    private static int[] randomStream(ModelTokenizer tokenizer, Random random) {
        IntStream.Builder stream = IntStream.builder();
        int pieces = 2 + random.nextInt(4);
        for (int p = 0; p < pieces; p++) {
            String text = TEXTS[random.nextInt(TEXTS.length)];
            int[] ids = random.nextBoolean() ? tokenizer.encodePlain(text) : tokenizer.encodeSpecial(text);
            int from = random.nextInt(ids.length);
            int to = from + random.nextInt(ids.length - from + 1);
            for (int i = from; i < to; i++) {
                stream.add(ids[i]);
            }
            int noise = random.nextInt(3);
            for (int n = 0; n < noise; n++) {
                stream.add(random.nextInt(tokenizer.vocabSize()));
            }
        }
        return stream.build().toArray();
    }
}
