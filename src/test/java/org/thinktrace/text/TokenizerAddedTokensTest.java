package org.thinktrace.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code added_tokens} that repeat an id or a text, or disagree with the vocabulary, would make the native
 * tokenizer encode control tokens as text; such a file is refused with a message naming it and the token.
 */
class TokenizerAddedTokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path BUNDLED = Path.of("models/thinktrace-r1-tiny");

    @TempDir
    Path folder;

    private IOException refusal(Consumer<ObjectNode> change) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(BUNDLED.resolve("tokenizer.json").toFile());
        change.accept(json);
        JSON.writeValue(folder.resolve("tokenizer.json").toFile(), json);
        Files.copy(BUNDLED.resolve("tokenizer_config.json"), folder.resolve("tokenizer_config.json"));
        IOException error = assertThrows(IOException.class, () -> ModelTokenizer.load(folder).close());
        assertTrue(error.getMessage().startsWith(folder.resolve("tokenizer.json").toString()), error.getMessage());
        return error;
    }

    private static ArrayNode added(ObjectNode json) {
        return (ArrayNode) json.get("added_tokens");
    }

    @Test
    void aRepeatedIdIsRefused() throws IOException {
        IOException error = refusal(json -> ((ObjectNode) added(json).get(1)).put("id", added(json).get(0).get("id").intValue()));
        assertTrue(error.getMessage().contains("added_tokens give id 1018 to both"),
                error.getMessage());
    }

    @Test
    void aRepeatedTextIsRefused() throws IOException {
        IOException error = refusal(json -> ((ObjectNode) added(json).get(1)).put("content", added(json).get(0).get("content").textValue()));
        assertTrue(error.getMessage().contains("twice"), error.getMessage());
    }

    @Test
    void renumberingOntoAVocabularyPieceIsRefused() throws IOException {
        IOException error = refusal(json -> {
            for (int i = 0; i < added(json).size(); i++) {
                ((ObjectNode) added(json).get(i)).put("id", i + 10);
            }
        });
        assertTrue(error.getMessage().contains("which model.vocab gives to"), error.getMessage());
    }

    @Test
    void anAddedTokenTheVocabularyNumbersDifferentlyIsRefused() throws IOException {
        IOException error = refusal(json -> {
            String content = added(json).get(0).get("content").textValue();
            ((ObjectNode) json.get("model").get("vocab")).put(content, 12);
        });
        assertTrue(error.getMessage().contains("but model.vocab gives it id 12"), error.getMessage());
    }
}
