package org.thinktrace.text;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The official templates on conversations the fixture cases leave out (tools, tool calls, tool results, a
 * long thinking history, Llama 3's template), against Python Jinja2 goldens made by
 * {@code make-official-goldens.py}; where Jinja2 fails, the template must fail here too.
 */
class OfficialTemplateGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> officialTemplatesRenderLikePythonJinja2() throws IOException {
        Fixtures.require("chat-templates");
        JsonNode goldens;
        try (InputStream in = getClass().getResourceAsStream("jinja/official-template-goldens.json")) {
            assertNotNull(in, "golden file on the test class path");
            goldens = JSON.readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode golden : goldens) {
            Map<String, Object> variables = JSON.convertValue(golden.get("variables"), new TypeReference<>() {
            });
            String name = golden.get("template").asText() + " / " + golden.get("case").asText()
                    + " / generation prompt " + variables.get("add_generation_prompt");
            String templateFixture = golden.get("template").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Path templateFile = Fixtures.require(templateFixture); // Llama 3.1's is only in ../shared
                ChatTemplate template = ChatTemplate.of(source(templateFile),
                        (String) variables.get("bos_token"), (String) variables.get("eos_token"));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> messages = (List<Map<String, Object>>) variables.get("messages");
                Map<String, Object> extra = new HashMap<>(variables);
                extra.keySet().removeAll(List.of("messages", "add_generation_prompt", "bos_token", "eos_token"));
                boolean generationPrompt = (Boolean) variables.get("add_generation_prompt");
                if (golden.get("error").isNull()) {
                    assertEquals(golden.get("expected").asText(),
                            template.renderMessages(messages, generationPrompt, extra).text());
                } else {
                    assertThrows(IllegalArgumentException.class,
                            () -> template.renderMessages(messages, generationPrompt, extra),
                            "Jinja2 raised " + golden.get("error").asText());
                }
            }));
        }
        return tests.stream();
    }

    private static String source(Path file) throws IOException {
        if (file.getFileName().toString().endsWith(".json")) {
            return JSON.readTree(file.toFile()).get("chat_template").asText();
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
