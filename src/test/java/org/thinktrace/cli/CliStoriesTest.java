package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.UserMessage;
import org.thinktrace.text.R1Response;
import org.thinktrace.testing.Fixture;

/** The commands end to end on the real stories260K model. */
class CliStoriesTest {

    static final Path STORIES = Fixture.inRepository("models/stories260K");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    JsonNode reference;

    @BeforeEach
    void needsTheFixture() throws Exception {
        reference = JSON.readTree(STORIES.resolve("reference_greedy.json").toFile()).get("prompt_once_upon_a_time");
    }

    @Test
    void askRawGreedyPrintsTheReferenceStory() {
        int steps = reference.get("ids").size() - reference.get("prompt_ids").size();
        CliArgumentsTest.Run run = CliArgumentsTest.main("ask", "--raw", "--temperature", "0", "--max-tokens",
                Integer.toString(steps), "--model", STORIES.toString(), "Once upon a time");
        assertEquals(0, run.code(), run.err());
        String story = reference.get("text").asText();
        assertTrue(run.out().startsWith(story + System.lineSeparator()), run.out());
        assertTrue(run.out().contains("[length · 5 prompt tokens · 0 thinking + " + steps + " answer tokens"), run.out());
    }

    @Test
    void askJsonWritesPromptTokensAndDoneLines() throws Exception {
        CliArgumentsTest.Run run = CliArgumentsTest.main("ask", "--json", "--raw", "--temperature", "0", "--max-tokens",
                "4", "--model", STORIES.toString(), "Once upon a time");
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(6, lines.size(), run.out());
        JsonNode prompt = JSON.readTree(lines.get(0));
        assertEquals("prompt", prompt.get("type").asText());
        assertEquals(reference.get("prompt_ids"), prompt.get("ids"));
        assertEquals("Once upon a time", prompt.get("text").asText());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            JsonNode token = JSON.readTree(lines.get(1 + i));
            assertEquals("token", token.get("type").asText());
            assertEquals(reference.get("ids").get(5 + i).asInt(), token.get("id").asInt());
            assertEquals("answer", token.get("phase").asText());
            double p = token.get("p").asDouble();
            assertTrue(p > 0 && p <= 1, "p " + p);
            assertEquals(5, token.get("top").size());
            assertEquals(token.get("id"), token.get("top").get(0).get("id"), "greedy picks the top token");
            assertEquals(p, token.get("top").get(0).get("p").asDouble(), 1e-6);
            text.append(token.get("text").asText());
        }
        JsonNode done = JSON.readTree(lines.get(5));
        assertEquals("done", done.get("type").asText());
        assertEquals("length", done.get("reason").asText());
        assertEquals("", done.get("thinking").asText());
        assertTrue(reference.get("text").asText().startsWith("Once upon a time" + done.get("answer").asText()));
        assertEquals(4, done.get("stats").get("answer_tokens").asInt());
        assertEquals(5, done.get("stats").get("prompt_tokens").asInt());
    }

    @Test
    void promptShowsTheTemplateTextAndIds() throws Exception {
        Path conversation = Files.writeString(dir.resolve("c.json"), "[{\"role\":\"user\",\"content\":\"What is 17 * 23?\"}]");
        CliArgumentsTest.Run run = CliArgumentsTest.main("prompt", "--json", "--conversation", conversation.toString(),
                "--model", STORIES.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode out = JSON.readTree(run.out());
        // stories260K has no chat template: the R1 format is the fallback, rendered like the official template
        Path expected = Fixture.inRepository("chat-templates/expected/"
                + "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.single-user.txt");
        assertEquals(Files.readString(expected), out.get("text").asText());
        assertEquals(1, out.get("ids").get(0).asInt(), "the tokenizer's BOS first");

        CliArgumentsTest.Run plain = CliArgumentsTest.main("prompt", "--conversation", conversation.toString(),
                "--model", STORIES.toString());
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().startsWith(Files.readString(expected)), plain.out());
        assertTrue(plain.out().contains("--- " + out.get("ids").size() + " tokens, ends inside <think>"), plain.out());
    }

    @Test
    void promptAndAskReadTheAppsConversationFiles() throws Exception {
        ConversationStore store = new ConversationStore(dir.resolve("conversations"));
        Conversation saved = Conversation.start(1_000).withAppended(new UserMessage("m1", "What is 17 * 23?", 1_000), 1_000);
        store.save(saved);
        Path file = store.fileOf(saved.id());
        String expected = Files.readString(Fixture.inRepository("chat-templates/expected/"
                + "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.single-user.txt"));

        CliArgumentsTest.Run prompt = CliArgumentsTest.main("prompt", "--json", "--conversation", file.toString(),
                "--model", STORIES.toString());
        assertEquals(0, prompt.code(), prompt.err());
        assertEquals(expected, JSON.readTree(prompt.out()).get("text").asText());

        CliArgumentsTest.Run ask = CliArgumentsTest.main("ask", "--json", "--temperature", "0", "--max-tokens", "2",
                "--conversation", file.toString(), "--model", STORIES.toString());
        assertEquals(0, ask.code(), ask.err());
        JsonNode first = JSON.readTree(ask.out().lines().findFirst().orElseThrow());
        assertEquals("prompt", first.get("type").asText());
        assertEquals(expected, first.get("text").asText());

        CliArgumentsTest.Run answered = CliArgumentsTest.main("ask", "--conversation",
                Files.writeString(dir.resolve("done.json"), "[{\"role\":\"user\",\"content\":\"hi\"},"
                        + "{\"role\":\"assistant\",\"content\":\"hello\"}]").toString(), "--model", STORIES.toString());
        assertEquals(2, answered.code());
        assertTrue(answered.err().contains("the last message is the assistant's, not the user's"), answered.err());
    }

    @Test
    void aChatTurnThatFailsIsReportedAndLeftOutOfTheConversation() throws Exception {
        Path saved = dir.resolve("after-failure.json");
        String typed = "Once upon a time " .repeat(40) + "\nHello\n/save " + saved + "\n/exit\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandIo io = new CommandIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
        int code = Main.run(new String[] {"chat", "--model", STORIES.toString(), "--context", "64", "--max-tokens", "3",
                "--temperature", "0"}, io);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("context"), err.toString(StandardCharsets.UTF_8));
        JsonNode messages = JSON.readTree(saved.toFile());
        assertEquals(2, messages.size(), messages.toString());
        assertEquals("Hello", messages.get(0).get("content").asText());
    }

    @Test
    void chatRunsTurnsAndCommandsUntilExit() throws Exception {
        Path saved = dir.resolve("chat.json");
        String typed = "Hello there\n/think off\n/save " + saved + "\n/reset\n/bogus\n/exit\nnever read\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandIo io = new CommandIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
        int code = Main.run(new String[] {"chat", "--model", STORIES.toString(), "--max-tokens", "3", "--temperature", "0"},
                io);
        String shown = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(shown.contains("(thinking hidden)"), shown);
        assertTrue(shown.contains("(saved 2 messages to"), shown);
        assertTrue(shown.contains("(conversation cleared)"), shown);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command /bogus"));
        JsonNode messages = JSON.readTree(saved.toFile());
        assertEquals("user", messages.get(0).get("role").asText());
        assertEquals("Hello there", messages.get(0).get("content").asText());
        assertEquals("assistant", messages.get(1).get("role").asText());
        String response = messages.get(1).get("content").asText();
        assertEquals(response, R1Response.parse(response).text(), "the response in the R1 layout, thinking or not");
    }
}
