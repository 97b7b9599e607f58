package org.thinktrace.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.remote.ScriptedSseServer.Reply;
import org.thinktrace.text.ChatTurn;

/** The remote generator against scripted servers that speak like vLLM, llama-server and raw-content servers. */
class RemoteGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A chunk whose delta is {@code delta} (JSON object text), with optional logprobs entries and finish reason. */
    static String chunk(String delta, String logprobs, String finish) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":" + (logprobs == null ? "null" : "{\"content\":[" + logprobs + "]}")
                + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
    }

    /** A logprobs entry with one alternative. */
    static String lp(String token, double logprob, String alt, double altLogprob) {
        return "{\"token\":" + quote(token) + ",\"logprob\":" + logprob + ",\"bytes\":[],\"top_logprobs\":["
                + "{\"token\":" + quote(token) + ",\"logprob\":" + logprob + "},"
                + "{\"token\":" + quote(alt) + ",\"logprob\":" + altLogprob + "}]}";
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String field(String name, String text) {
        return "{" + quote(name) + ":" + quote(text) + "}";
    }

    private static final String USAGE = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18,"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":4}}}";

    /** Collects the events of one generation. */
    static final class Events implements Consumer<GenerationEvent> {
        final List<GenerationEvent> all = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void accept(GenerationEvent e) {
            all.add(e);
        }

        <T extends GenerationEvent> List<T> of(Class<T> type) {
            synchronized (all) {
                return all.stream().filter(type::isInstance).map(type::cast).toList();
            }
        }

        String thinking() {
            return of(GenerationEvent.ThinkingDelta.class).stream().map(GenerationEvent.ThinkingDelta::text).collect(Collectors.joining());
        }

        String answer() {
            return of(GenerationEvent.AnswerDelta.class).stream().map(GenerationEvent.AnswerDelta::text).collect(Collectors.joining());
        }
    }

    static GenerationRequest ask(String question) {
        return new GenerationRequest(List.of(ChatTurn.user(question)), SamplingSettings.greedy(), 100, 0, List.of());
    }

    private static GenerationEvent run(ScriptedSseServer server, Events events, GenerationRequest request) throws Exception {
        try (RemoteGenerator generator = new RemoteGenerator(RemoteEndpoint.of(server.baseUrl(), "remote-r1", "k3y")
                .withRetries(2, Duration.ofMillis(10)))) {
            return generator.start(request, events).done().get(30, TimeUnit.SECONDS);
        }
    }

    /** vLLM's reasoning parser: thinking in delta.reasoning, answer in content (after blank lines), logprobs on. */
    @Test
    void readsVllmReasoningWithLogprobs() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(Reply.stream(
                chunk("{\"role\":\"assistant\",\"content\":\"\"}", null, null),
                chunk(field("reasoning", "Let me"), lp("Let me", -0.1, "So", -2.5), null),
                chunk(field("reasoning", " add."), lp(" add.", -0.2, " sum", -1.9), null),
                chunk(field("content", "\n\n"), lp("\n\n", -0.05, "\n", -3.0), null),
                chunk(field("content", "It is 4."), lp("It is 4.", -0.3, "4", -1.3), "stop"),
                USAGE))) {
            Events events = new Events();
            GenerationEvent last = run(server, events, ask("2+2?"));
            GenerationEvent.Finished f = assertInstanceOf(GenerationEvent.Finished.class, last);
            assertEquals("Let me add.", events.thinking());
            assertEquals("It is 4.", events.answer());
            assertEquals("Let me add.", f.thinking());
            assertEquals("It is 4.", f.answer());
            assertEquals(FinishReason.EOS, f.reason());
            assertFalse(f.thinkingUnfinished());
            List<GenerationEvent.TokenInfo> tokens = events.of(GenerationEvent.TokenInfo.class);
            assertEquals(List.of(Phase.THINKING, Phase.THINKING, Phase.ANSWER, Phase.ANSWER),
                    tokens.stream().map(GenerationEvent.TokenInfo::phase).toList());
            assertEquals((float) Math.exp(-0.2), tokens.get(1).probability(), 1e-7);
            assertEquals(" sum", tokens.get(1).top().get(1).text());
            assertEquals((float) Math.exp(-1.9), tokens.get(1).top().get(1).probability(), 1e-7);
            assertEquals(-1, tokens.get(0).id(), "other servers send no token ids");
            assertEquals(2, f.stats().thinkingTokens());
            assertEquals(2, f.stats().answerTokens());
            assertEquals(11, f.stats().promptTokens());
            assertEventOrder(events.all);
        }
    }

    /** llama.cpp's server and DeepSeek's API: reasoning_content, no logprobs: no token events, counts from usage. */
    @Test
    void readsLlamaCppReasoningContentWithoutLogprobs() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(Reply.stream(
                chunk(field("reasoning_content", "Four"), null, null),
                chunk("{\"reasoning_content\":\" it is.\",\"content\":null}", null, null),
                chunk("{\"content\":\"4\",\"reasoning_content\":null}", null, "stop"),
                USAGE))) {
            Events events = new Events();
            GenerationEvent.Finished f = assertInstanceOf(GenerationEvent.Finished.class, run(server, events, ask("2+2?")));
            assertEquals("Four it is.", f.thinking());
            assertEquals("4", f.answer());
            assertTrue(events.of(GenerationEvent.TokenInfo.class).isEmpty());
            assertEquals(4, f.stats().thinkingTokens());
            assertEquals(3, f.stats().answerTokens());
        }
    }

    /** A server with no reasoning parser: raw content, the opening tag eaten by the template, the closing tag split. */
    @Test
    void splitsRawContentWhoseOpeningTagIsAbsent() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(Reply.stream(
                chunk(field("content", "Let me"), lp("Let me", -0.1, "x", -3), null),
                chunk(field("content", " add.\n</th"), lp(" add.\n</th", -0.2, "x", -3), null),
                chunk(field("content", "ink>\n\nIt is"), lp("ink>\n\nIt is", -0.3, "x", -3), null),
                chunk(field("content", " 4."), lp(" 4.", -0.4, "x", -3), "stop")))) {
            Events events = new Events();
            GenerationEvent.Finished f = assertInstanceOf(GenerationEvent.Finished.class, run(server, events, ask("2+2?")));
            assertEquals("Let me add.", f.thinking());
            assertEquals("It is 4.", f.answer());
            assertEquals("Let me add.", events.thinking());
            assertEquals("It is 4.", events.answer());
            assertEquals(List.of(Phase.THINKING, Phase.THINKING, Phase.THINKING, Phase.ANSWER),
                    events.of(GenerationEvent.TokenInfo.class).stream().map(GenerationEvent.TokenInfo::phase).toList());
            assertEventOrder(events.all);
        }
    }

    @Test
    void splitsRawContentWithTheOpeningTagAndWithoutLogprobs() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(Reply.stream(
                chunk(field("content", "<thi"), null, null),
                chunk(field("content", "nk>\nhmm"), null, null),
                chunk(field("content", "</think>ok"), null, "stop")))) {
            Events events = new Events();
            GenerationEvent.Finished f = assertInstanceOf(GenerationEvent.Finished.class, run(server, events, ask("hi")));
            assertEquals("hmm", f.thinking());
            assertEquals("ok", f.answer());
        }
    }

    @Test
    void treatsContentWithoutAnyTagAsTheAnswer() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(Reply.stream(
                chunk(field("content", "Hello"), null, null),
                chunk(field("content", " there."), null, "length")))) {
            Events events = new Events();
            GenerationEvent.Finished f = assertInstanceOf(GenerationEvent.Finished.class, run(server, events, ask("hi")));
            assertEquals("", f.thinking());
            assertEquals("Hello there.", f.answer());
            assertEquals(FinishReason.LENGTH, f.reason());
        }
    }

    @Test
    void sendsAStreamingRequestWithLogprobsTheKeyAndAnswersWithoutThinking() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(Reply.stream(chunk(field("content", "ok"), null, "stop")))) {
            GenerationRequest request = new GenerationRequest(List.of(ChatTurn.user("a"),
                    ChatTurn.assistant("<think>\nsecret thoughts\n</think>\n\nfirst answer"), ChatTurn.user("b")),
                    new SamplingSettings(0.6, 0.95, 0, 0.0, 1.0, 0.0, 42L), 321, 0, List.of("END"));
            run(server, new Events(), request);
            JsonNode body = JSON.readTree(server.bodies.get(0));
            assertEquals("remote-r1", body.get("model").asText());
            assertTrue(body.get("stream").asBoolean());
            assertTrue(body.get("logprobs").asBoolean());
            assertEquals(5, body.get("top_logprobs").asInt());
            assertEquals(321, body.get("max_tokens").asInt());
            assertEquals("END", body.at("/stop/0").asText());
            assertEquals("first answer", body.at("/messages/1/content").asText());
            assertFalse(body.has("top_k"), "extensions are sent only when set");
            assertEquals("Bearer k3y", server.authorizations.get(0));
            assertFalse(RemoteEndpoint.of(server.baseUrl(), "m", "k3y").toString().contains("k3y"));
        }
    }

    @Test
    void namesTheProblemForEachHttpStatus() throws Exception {
        assertFailure(Reply.error(401, "{\"error\":{\"message\":\"Invalid key\"}}"), "refused the API key (401): Invalid key");
        assertFailure(Reply.error(404, "{\"error\":{\"message\":\"no such model\"}}"), "does not know the model 'remote-r1'");
        assertFailure(Reply.error(429, "{\"error\":{\"message\":\"slow down\"}}"), "busy or rate-limiting (429): slow down");
        assertFailure(Reply.error(503, "upstream down"), "failed (503): upstream down");
        assertFailure(Reply.stream(chunk(field("content", "x"), null, null), "{\"error\":{\"message\":\"out of memory\"}}"),
                "reported an error while streaming: out of memory");
    }

    private static void assertFailure(Reply reply, String expected) throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(reply)) {
            GenerationEvent last = run(server, new Events(), ask("hi"));
            GenerationEvent.Failed failed = assertInstanceOf(GenerationEvent.Failed.class, last);
            assertTrue(failed.message().contains(expected), failed.message());
            assertFalse(failed.message().contains("k3y"));
            assertEquals(1, server.bodies.size(), "an answered request is never retried");
        }
    }

    @Test
    void asksAgainWithoutLogprobsWhenTheServerRefusesThem() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(
                Reply.error(400, "{\"error\":{\"message\":\"logprobs is not supported for this model\"}}"),
                Reply.stream(chunk(field("reasoning_content", "hm"), null, null), chunk(field("content", "ok"), null, "stop")))) {
            GenerationEvent.Finished f = assertInstanceOf(GenerationEvent.Finished.class, run(server, new Events(), ask("hi")));
            assertEquals("ok", f.answer());
            assertEquals(2, server.bodies.size());
            assertTrue(JSON.readTree(server.bodies.get(0)).get("logprobs").asBoolean());
            assertFalse(JSON.readTree(server.bodies.get(1)).has("logprobs"));
        }
    }

    @Test
    void retriesAConnectionThatCannotBeMadeThenGivesUpWithAClearMessage() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        RemoteEndpoint endpoint = RemoteEndpoint.of("http://127.0.0.1:" + port + "/v1", "m", null)
                .withRetries(2, Duration.ofMillis(20));
        try (RemoteGenerator generator = new RemoteGenerator(endpoint)) {
            GenerationEvent last = generator.start(ask("hi"), e -> { }).done().get(30, TimeUnit.SECONDS);
            GenerationEvent.Failed failed = assertInstanceOf(GenerationEvent.Failed.class, last);
            assertTrue(failed.message().contains("cannot reach the server") && failed.message().contains("after 3 attempts"),
                    failed.message());
        }
        RemoteException e = assertThrows(RemoteException.class, () -> RemoteGenerator.connect(endpoint));
        assertTrue(e.getMessage().contains("cannot reach"), e.getMessage());
    }

    @Test
    void connectChecksTheModelNameAndLearnsTheContext() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(Reply.stream())) {
            try (RemoteGenerator g = RemoteGenerator.connect(RemoteEndpoint.of(server.baseUrl(), "remote-r1", null))) {
                assertEquals(32768, g.contextLength());
            }
            RemoteException e = assertThrows(RemoteException.class,
                    () -> RemoteGenerator.connect(RemoteEndpoint.of(server.baseUrl(), "gpt-9", null)));
            assertTrue(e.getMessage().contains("it serves: remote-r1"), e.getMessage());
        }
    }

    @Test
    void cancelClosesTheStreamAndEndsCancelled() throws Exception {
        List<String> script = new ArrayList<>();
        for (int i = 0; i < 50; i++) script.add(chunk(field("reasoning_content", "t" + i + " "), null, null));
        try (ScriptedSseServer server = new ScriptedSseServer(Reply.stream(script.toArray(String[]::new))).paced();
             RemoteGenerator generator = new RemoteGenerator(RemoteEndpoint.of(server.baseUrl(), "remote-r1", null))) {
            Events events = new Events();
            server.release(3);
            GenerationHandle handle = generator.start(ask("hi"), events);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (events.of(GenerationEvent.ThinkingDelta.class).size() < 3 && System.nanoTime() < deadline) Thread.sleep(5);
            handle.cancel();
            GenerationEvent.Finished f = assertInstanceOf(GenerationEvent.Finished.class, handle.done().get(10, TimeUnit.SECONDS));
            assertEquals(FinishReason.CANCELLED, f.reason());
            assertTrue(f.thinking().startsWith("t0 t1 t2"), f.thinking());
            // The server's writes fail once the closed connection's reset reaches it; the first few may still land in
            // the socket's buffer, so it gets one more event at a time until it notices (at most the 47 left).
            for (int i = 0; i < 47 && !server.clientWentAway && System.nanoTime() < deadline; i++) {
                server.release(1);
                Thread.sleep(20);
            }
            assertTrue(server.clientWentAway);
        }
    }

    @Test
    void aStreamCutShortOrAbortedByTheServerIsAFailureNotAFinishedAnswer() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(Reply.cut(chunk(field("content", "The answer is"), null, null)))) {
            GenerationEvent.Failed failed = assertInstanceOf(GenerationEvent.Failed.class, run(server, new Events(), ask("hi")));
            assertTrue(failed.message().contains("ended the stream before the response (no finish_reason, no [DONE])"),
                    failed.message());
        }
        try (ScriptedSseServer server = new ScriptedSseServer(Reply.stream(chunk(field("content", "The"), null, null),
                chunk(field("content", ""), null, "abort")))) {
            GenerationEvent.Failed failed = assertInstanceOf(GenerationEvent.Failed.class, run(server, new Events(), ask("hi")));
            assertTrue(failed.message().contains("stopped the response (finish_reason 'abort')"), failed.message());
        }
        try (ScriptedSseServer server = new ScriptedSseServer(Reply.cut(chunk(field("content", "4"), null, "stop")))) {
            GenerationEvent.Finished f = assertInstanceOf(GenerationEvent.Finished.class, run(server, new Events(), ask("hi")));
            assertEquals("4", f.answer(), "a finished response without [DONE] is still finished");
        }
    }

    @Test
    void keepAliveCommentsKeepALongWaitFromTimingOut() throws Exception {
        List<String> script = new ArrayList<>();
        for (int i = 0; i < 8; i++) script.add(": keep-alive");
        script.add(chunk(field("content", "4"), null, "stop"));
        try (ScriptedSseServer server = new ScriptedSseServer(Reply.stream(script.toArray(String[]::new))).paced();
             RemoteGenerator generator = new RemoteGenerator(RemoteEndpoint.of(server.baseUrl(), "remote-r1", null)
                     .withIdleTimeout(Duration.ofMillis(400)))) {
            Events events = new Events();
            GenerationHandle handle = generator.start(ask("hi"), events);
            for (int i = 0; i < 8; i++) { // 1.2 s of comments only, three times the idle timeout
                Thread.sleep(150);
                server.release(1);
            }
            server.release(1);
            GenerationEvent last = handle.done().get(10, TimeUnit.SECONDS);
            GenerationEvent.Finished f = assertInstanceOf(GenerationEvent.Finished.class, last, last.toString());
            assertEquals("4", f.answer());
        }
    }

    /** PromptProcessed first, one terminal event last, and each TokenInfo after the text of its chunk. */
    static void assertEventOrder(List<GenerationEvent> events) {
        assertInstanceOf(GenerationEvent.PromptProcessed.class, events.get(0));
        for (int i = 1; i < events.size() - 1; i++) {
            GenerationEvent e = events.get(i);
            assertFalse(e instanceof GenerationEvent.Finished || e instanceof GenerationEvent.Failed
                    || e instanceof GenerationEvent.PromptProcessed, "event " + i + ": " + e);
        }
        assertInstanceOf(GenerationEvent.Finished.class, events.get(events.size() - 1));
    }
}
