package org.thinktrace.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The R1 response layout against the official R1 chat template and the history turn of its fixture cases. */
class R1ResponseTest {

    private static final String R1_TEMPLATE = "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B";

    /** The assistant turn that the fixture case "system-and-history-with-thinking" writes in the R1 layout. */
    private static String fixtureHistoryTurn() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(Fixtures.require("chat-templates").resolve("cases.json").toFile());
        for (JsonNode testCase : cases) {
            if (!testCase.get("name").asText().equals("system-and-history-with-thinking")) continue;
            for (JsonNode message : testCase.get("messages")) {
                if (message.get("role").asText().equals("assistant")) return message.get("content").asText();
            }
        }
        throw new AssertionError("the fixture case system-and-history-with-thinking has no assistant turn");
    }

    @Test
    void writesAndReadsTheLayoutOfTheOfficialFixtures() throws IOException {
        String turn = fixtureHistoryTurn();
        R1Response parsed = R1Response.parse(turn);
        assertTrue(parsed.thinking().startsWith("Compare tenths") && parsed.thinking().endsWith("9.11 < 9.90."),
                parsed.thinking());
        assertEquals("No, 9.9 is larger.", parsed.answer());
        assertEquals(turn, parsed.text());
    }

    @Test
    void anAnswerWithoutThinkingReachesTheModelAsOneWithThinkingDoes() throws IOException {
        Path folder = Fixtures.require("chat-templates");
        TokenizerSettings settings = TokenizerSettings.read(Fixtures.tokenizer(Fixtures.TOKENIZER_OF_TEMPLATE.get(R1_TEMPLATE)));
        ChatTemplate official = ChatTemplate.of(Files.readString(folder.resolve(R1_TEMPLATE + ".jinja"),
                StandardCharsets.UTF_8), settings.bosToken(), settings.eosToken());
        for (ChatTemplate template : List.of(official, ChatTemplate.r1Fallback())) {
            String withThinking = renderAfter(template, new R1Response("2 plus 2 is 4.", "4").text());
            String withoutThinking = renderAfter(template, new R1Response("", "4").text());
            assertEquals(withThinking, withoutThinking, template.source().length() + "-character template");
            assertNotEquals(renderAfter(template, "4"), withoutThinking,
                    "the template renders a bare answer differently: the tags must stay");
        }
    }

    private static String renderAfter(ChatTemplate template, String assistantContent) {
        return template.render(List.of(ChatTurn.user("2+2?"), ChatTurn.assistant(assistantContent),
                ChatTurn.user("And 3+3?")), true, Map.of()).text();
    }

    @Test
    void textOutsideTheLayoutIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> R1Response.parse("just 4"));
        assertTrue(e.getMessage().contains("not an R1 response") && e.getMessage().contains("just 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> R1Response.parse("<think>\nno end"));
        assertEquals(new R1Response("", "4"), R1Response.parse("<think>\n\n</think>\n\n4"));
    }
}
