package org.thinktrace.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizerSettingsTest {

    @TempDir
    Path folder;

    @Test
    void readsTokenObjectsAndNamedTemplates() throws IOException {
        Files.writeString(folder.resolve("tokenizer_config.json"), """
                {"bos_token": {"__type": "AddedToken", "content": "<s>"}, "eos_token": "</s>", "add_bos_token": false,
                 "chat_template": [{"name": "tool_use", "template": "T"}, {"name": "default", "template": "D"}]}
                """);
        Files.writeString(folder.resolve("generation_config.json"), "{\"eos_token_id\": [7, 9]}");
        TokenizerSettings settings = TokenizerSettings.read(folder);
        assertEquals("<s>", settings.bosToken());
        assertEquals("</s>", settings.eosToken());
        assertEquals(Boolean.FALSE, settings.addBosToken());
        assertEquals(Optional.of("D"), settings.chatTemplate());
        assertEquals(List.of(7, 9), settings.extraEosIds());
    }

    @Test
    void aFolderWithoutConfigHasNoTokensAndNoTemplate() throws IOException {
        TokenizerSettings settings = TokenizerSettings.read(folder);
        assertNull(settings.bosToken());
        assertNull(settings.addBosToken());
        assertEquals(Optional.empty(), settings.chatTemplate());
    }

    @Test
    void badFieldsAreNamedWithTheirFile() throws IOException {
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"add_bos_token\": \"yes\"}");
        IOException error = assertThrows(IOException.class, () -> TokenizerSettings.read(folder));
        assertTrue(error.getMessage().contains("tokenizer_config.json") && error.getMessage().contains("add_bos_token"),
                error.getMessage());

        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"eos_token\": 5}");
        error = assertThrows(IOException.class, () -> TokenizerSettings.read(folder));
        assertTrue(error.getMessage().contains("eos_token"), error.getMessage());

        Files.writeString(folder.resolve("tokenizer_config.json"), "{not json");
        error = assertThrows(IOException.class, () -> TokenizerSettings.read(folder));
        assertTrue(error.getMessage().contains("not valid JSON"), error.getMessage());
    }

    @Test
    void namedTemplatesWithoutADefaultAreRefusedNamingTheField() throws IOException {
        // Hugging Face refuses it ("multiple chat templates with no default specified"); reading no template
        // made the model's prompts silently use the R1 fallback template instead of its own.
        Files.writeString(folder.resolve("tokenizer_config.json"), """
                {"chat_template": [{"name": "tool_use", "template": "T"}, {"name": "rag", "template": "R"}]}
                """);
        IOException error = assertThrows(IOException.class, () -> TokenizerSettings.read(folder));
        assertTrue(error.getMessage().startsWith(folder.resolve("tokenizer_config.json") + ": field chat_template"),
                error.getMessage());
        assertTrue(error.getMessage().contains("default") && error.getMessage().contains("tool_use"), error.getMessage());
    }

    @Test
    void aKeyListedTwiceIsRefusedNamingIt() throws IOException {
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"bos_token\": \"<s>\", \"bos_token\": \"<evil>\"}");
        IOException error = assertThrows(IOException.class, () -> TokenizerSettings.read(folder));
        assertEquals(folder.resolve("tokenizer_config.json") + ": key 'bos_token' appears twice in the top-level object",
                error.getMessage());
    }
}
