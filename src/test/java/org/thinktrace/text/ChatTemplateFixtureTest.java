package org.thinktrace.text;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every official template × every case of {@code fixtures/chat-templates} must render byte for byte what
 * Python Jinja2 with HuggingFace's settings rendered.
 */
class ChatTemplateFixtureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyTemplateRendersEveryCaseExactly() throws IOException {
        Path folder = Fixtures.require("chat-templates");
        JsonNode cases = JSON.readTree(folder.resolve("cases.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> entry : Fixtures.TOKENIZER_OF_TEMPLATE.entrySet()) {
            String templateName = entry.getKey();
            TokenizerSettings settings = TokenizerSettings.read(Fixtures.tokenizer(entry.getValue()));
            String source = Files.readString(folder.resolve(templateName + ".jinja"), StandardCharsets.UTF_8);
            ChatTemplate template = ChatTemplate.of(source, settings.bosToken(), settings.eosToken());
            for (JsonNode testCase : cases) {
                if (!appliesTo(testCase, templateName)) {
                    continue;
                }
                String caseName = testCase.get("name").asText();
                Path expectedFile = folder.resolve("expected").resolve(templateName + "." + caseName + ".txt");
                tests.add(DynamicTest.dynamicTest(templateName + " / " + caseName, () -> {
                    RenderedPrompt prompt = template.renderMessages(messages(testCase),
                            testCase.path("add_generation_prompt").asBoolean(true), kwargs(testCase));
                    assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), prompt.text());
                }));
            }
        }
        assertTrue(tests.size() >= 30, "all templates × cases were found");
        return tests.stream();
    }

    private static boolean appliesTo(JsonNode testCase, String templateName) {
        if (!testCase.has("only")) {
            return true;
        }
        for (JsonNode name : testCase.get("only")) {
            if (name.asText().equals(templateName)) {
                return true;
            }
        }
        return false;
    }

    static List<Map<String, Object>> messages(JsonNode testCase) {
        return JSON.convertValue(testCase.get("messages"), new TypeReference<>() {
        });
    }

    private static Map<String, Object> kwargs(JsonNode testCase) {
        return testCase.has("kwargs") ? JSON.convertValue(testCase.get("kwargs"), new TypeReference<>() {
        }) : Map.of();
    }
}
