package org.thinktrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thinktrace.chat.AssistantMessage;
import org.thinktrace.chat.AssistantVersion;
import org.thinktrace.chat.Conversation;
import org.thinktrace.chat.ConversationStore;
import org.thinktrace.chat.ResponseState;
import org.thinktrace.chat.TokenTrace;
import org.thinktrace.chat.UserMessage;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TokenAlternative;

class InspectCommandTest {

    private static final Path ADDITION = Path.of("src/test/resources/org/thinktrace/inspect/bundled-traces/addition-greedy.jsonl");

    @TempDir
    Path folder;

    private static CliArgumentsTest.Run run(String... args) {
        return CliArgumentsTest.main(args);
    }

    @Test
    void printsTheOutlineForksAndLoopsOfAnAskTranscript() {
        CliArgumentsTest.Run r = run("inspect", ADDITION.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Steps (7)"), r.out());
        assertTrue(r.out().contains("check"), r.out());
        assertTrue(r.out().contains("Forks (10 highest-entropy tokens)") || r.out().contains("Forks: none"), r.out());
        assertTrue(r.out().contains("Loops: none"), r.out());
    }

    /** The bundled model's own greedy transcript of an addition, probed by the same model. */
    @Test
    void convergenceOnTheBundledModelSettlesOnTheFinalAnswer() throws Exception {
        CliArgumentsTest.Run asked = run("ask", "--json", "--temperature", "0", "What is 738 + 456?");
        assertEquals(0, asked.code(), asked.err());
        Path transcript = folder.resolve("addition.jsonl");
        Files.writeString(transcript, asked.out());
        CliArgumentsTest.Run r = run("inspect", transcript.toString(), "--converge", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode c = root.get("convergence");
        assertEquals("1194", c.get("final_answer").asText());
        assertEquals(root.get("steps").size(), c.get("steps").size());
        int settled = c.get("settled_step").asInt();
        assertTrue(settled > 0, r.out());
        for (int i = settled; i < c.get("steps").size(); i++) {
            assertEquals("1194", c.get("steps").get(i).get("answer").asText());
        }
        assertTrue(c.get("after_settled_share").asDouble() > 0 && c.get("after_settled_share").asDouble() < 1);
    }

    @Test
    void comparesTwoVersionsOfAConversationsResponse() throws Exception {
        Path file = writeConversation();
        CliArgumentsTest.Run r = run("inspect", file.toString(), "--version", "1", "--with", "2", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode comparison = new ObjectMapper().readTree(r.out()).get("comparison");
        assertEquals(2, comparison.get("first_divergence").get("token").asInt(), r.out());
        CliArgumentsTest.Run text = run("inspect", file.toString(), "--with", "1");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("first divergence at token 2: \" Wait\""), text.out());
        assertTrue(text.out().contains("answers: 5 vs 4 (differ)"), text.out());
    }

    @Test
    void badArgumentsAndFilesAreNamed() throws Exception {
        CliArgumentsTest.Run missing = run("inspect", folder.resolve("nope.json").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.json does not exist"), missing.err());
        CliArgumentsTest.Run noSuchVersion = run("inspect", writeConversation().toString(), "--version", "3");
        assertEquals(2, noSuchVersion.code());
        assertTrue(noSuchVersion.err().contains("has 2 versions; --version 3 does not exist"), noSuchVersion.err());
        CliArgumentsTest.Run importanceOnTranscript = run("inspect", ADDITION.toString(), "--importance");
        assertEquals(2, importanceOnTranscript.code());
        assertTrue(importanceOnTranscript.err().contains("--importance needs a conversation file"),
                importanceOnTranscript.err());
    }

    private Path writeConversation() throws Exception {
        AssistantVersion a = version(List.of("So", " two", " and", " two"), "It is **4**.");
        AssistantVersion b = version(List.of("So", " two", " Wait", " two"), "It is **5**.");
        Conversation c = Conversation.start(1).withAppended(new UserMessage("u1", "2+2?", 1), 2)
                .withAppended(new AssistantMessage("a1", List.of(a, b), 1, false), 3);
        ConversationStore store = new ConversationStore(folder);
        store.save(c);
        return folder.resolve(c.id() + ".json");
    }

    private static AssistantVersion version(List<String> thinking, String answer) {
        TokenTrace.Recorder recorder = new TokenTrace.Recorder(2);
        List<String> vocabulary = List.of("So", " two", " and", " Wait");
        for (String t : thinking) {
            int id = 10 + vocabulary.indexOf(t);
            recorder.add(new TokenInfo(id, t, Phase.THINKING, 0.5f, 1f,
                    List.of(new TokenAlternative(id, t, 0.5f), new TokenAlternative(99, " x", 0.25f))));
        }
        recorder.add(new TokenInfo(50, answer, Phase.ANSWER, 0.9f, 0.3f, List.of()));
        return new AssistantVersion(String.join("", thinking), answer, ResponseState.COMPLETE, FinishReason.EOS, false,
                false, null, SamplingSettings.greedy(), 100, 0, null, recorder.snapshot(), 1, null, null);
    }
}
