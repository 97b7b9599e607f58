package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.thinktrace.cli.CliArgumentsTest.Run;
import org.thinktrace.serve.OpenAiServer;
import org.thinktrace.serve.ServeOptions;
import org.thinktrace.testing.ScriptedGenerator;

/** {@code ask --remote} against ThinkTrace's own server (over a scripted generator), and serve's option checks. */
class RemoteCliTest {

    @Test
    void askRemoteShowsThinkingAnswerAndTokenProbabilities() throws Exception {
        try (ScriptedGenerator generator = ScriptedGenerator.unpaced(List.of("Two", " and", " two."), List.of("Four", "."));
             OpenAiServer server = OpenAiServer.start(generator, ServeOptions.loopback())) {
            Run run = CliArgumentsTest.main("ask", "--remote", server.baseUri().toString(), "--remote-model",
                    generator.modelName(), "--temperature", "0", "--json", "2+2?");
            assertEquals(0, run.code(), run.err());
            List<JsonNode> lines = new ArrayList<>();
            for (String line : run.out().split("\n")) lines.add(new ObjectMapper().readTree(line));
            JsonNode done = lines.get(lines.size() - 1);
            assertEquals("done", done.get("type").asText());
            assertEquals("Two and two.", done.get("thinking").asText());
            assertEquals("Four.", done.get("answer").asText());
            List<JsonNode> tokens = lines.stream().filter(l -> l.get("type").asText().equals("token")).toList();
            assertEquals(5, tokens.size());
            assertEquals("thinking", tokens.get(0).get("phase").asText());
            assertEquals("answer", tokens.get(4).get("phase").asText());
            assertEquals(0.9, tokens.get(4).get("p").asDouble(), 1e-6); // ScriptedGenerator: 0.5 + (4 % 5) / 10
            assertEquals(104, tokens.get(4).get("id").asInt(), "ThinkTrace's server passes token ids through");
            assertEquals(0.0, generator.requests().get(0).sampling().temperature());
        }
    }

    @Test
    void remoteOptionsNeedEachOther() {
        Run run = CliArgumentsTest.main("ask", "--remote", "http://127.0.0.1:1/v1", "hi");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--remote-model"), run.err());
        run = CliArgumentsTest.main("chat", "--remote-model", "m");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--remote URL"), run.err());
        run = CliArgumentsTest.main("ask", "--raw", "--remote", "http://127.0.0.1:1/v1", "--remote-model", "m", "hi");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--raw"), run.err());
    }

    @Test
    void serveRefusesAnOpenAddressWithoutAKeyBeforeLoadingAnything() {
        Run run = CliArgumentsTest.main("serve", "--host", "0.0.0.0");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("needs an API key") && run.err().contains("--api-key"), run.err());
        run = CliArgumentsTest.main("serve", "--reasoning-field", "thoughts");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("reasoning_content, reasoning"), run.err());
    }
}
