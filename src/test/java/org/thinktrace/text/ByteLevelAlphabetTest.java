package org.thinktrace.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ByteLevelAlphabetTest {

    @Test
    void theFirstTokenIdsOfQwensVocabularyAreTheAlphabetInVocabularyOrder() throws IOException {
        JsonNode vocab = new ObjectMapper()
                .readTree(Fixtures.require("tokenizers/qwen2.5/tokenizer.json").toFile())
                .path("model").path("vocab");
        Map<Integer, String> tokenOfId = new HashMap<>();
        vocab.properties().forEach(e -> tokenOfId.put(e.getValue().asInt(), e.getKey()));
        for (int id = 0; id < ByteLevelAlphabet.SIZE; id++) {
            assertEquals(tokenOfId.get(id), ByteLevelAlphabet.symbol(id), "token id " + id);
        }
    }

    @Test
    void knownCharactersOfGpt2sTable() {
        assertEquals('Ġ', ByteLevelAlphabet.charOf(' '));
        assertEquals('Ċ', ByteLevelAlphabet.charOf('\n'));
        assertEquals('Ń', ByteLevelAlphabet.charOf(0xAD));
        assertEquals('a', ByteLevelAlphabet.charOf('a'));
        assertEquals("ĠhÃ©", ByteLevelAlphabet.encode(" hé"));
    }

    @Test
    void everyByteRoundTripsAndForeignCharactersAreRejected() {
        byte[] all = new byte[ByteLevelAlphabet.SIZE];
        StringBuilder piece = new StringBuilder();
        for (int b = 0; b < all.length; b++) {
            all[b] = (byte) b;
            piece.append(ByteLevelAlphabet.charOf(b));
        }
        assertArrayEquals(all, ByteLevelAlphabet.bytesOf(piece.toString()));
        String text = "naïve 日本 🙂\t\n";
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8),
                ByteLevelAlphabet.bytesOf(ByteLevelAlphabet.encode(text)));
        assertNull(ByteLevelAlphabet.bytesOf("a b"), "a plain space is not in the alphabet");
        assertNull(ByteLevelAlphabet.bytesOf("日"));
    }
}
