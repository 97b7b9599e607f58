package org.thinktrace.text.jinja;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Small templates, one feature each, rendered by Python Jinja2 with HuggingFace's settings
 * ({@code make-goldens.py} next to the golden file): the engine must print exactly the same.
 */
class JinjaTemplateGoldenTest {

    @TestFactory
    Stream<DynamicTest> rendersLikePythonJinja2() throws IOException {
        JsonNode goldens;
        try (InputStream in = getClass().getResourceAsStream("jinja2-goldens.json")) {
            assertNotNull(in, "golden file on the test class path");
            goldens = new ObjectMapper().readTree(in);
        }
        Map<String, Object> variables = new ObjectMapper().convertValue(goldens.get("variables"), new TypeReference<>() {
        });
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode golden : goldens.get("cases")) {
            String template = golden.get("template").asText();
            String expected = golden.get("expected").asText();
            tests.add(DynamicTest.dynamicTest(golden.get("name").asText(),
                    () -> assertEquals(expected, JinjaTemplate.parse(template).render(variables), template)));
        }
        return tests.stream();
    }
}
