package org.thinktrace.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.thinktrace.serve.HttpCalls.chat;
import static org.thinktrace.serve.HttpCalls.events;
import static org.thinktrace.serve.HttpCalls.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.testing.ScriptedGenerator;

/** {@code thinktrace serve} over real HTTP on 127.0.0.1, with a scripted generator. */
class ServeHttpTest {

    private static final List<String> THINKING = List.of("Let", " me", " think", ".");
    private static final List<String> ANSWER = List.of("The", " answer", " is", " 4", ".");
    private static final String MODEL = "scripted-test-model";

    private ScriptedGenerator generator;
    private OpenAiServer server;

    private HttpCalls start(ScriptedGenerator g, ServeOptions options) {
        generator = g;
        server = OpenAiServer.start(g, options);
        return new HttpCalls(server.port(), options.apiKey());
    }

    private HttpCalls start() {
        return start(ScriptedGenerator.unpaced(THINKING, ANSWER), ServeOptions.loopback());
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (generator != null) generator.close();
    }

    @Test
    void listsTheModelAndReportsHealth() throws Exception {
        HttpCalls http = start();
        JsonNode models = json(http.get("/v1/models"));
        assertEquals("list", models.get("object").asText());
        assertEquals(MODEL, models.at("/data/0/id").asText());
        JsonNode health = json(http.get("/health"));
        assertEquals("ok", health.get("status").asText());
        assertEquals(0, health.get("waiting").asInt());
    }

    @Test
    void streamsThinkingAsReasoningContentAndTheAnswerAsContent() throws Exception {
        HttpCalls http = start();
        HttpResponse<String> response = http.post("/v1/chat/completions",
                chat(MODEL, "2+2?", "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        assertTrue(response.body().endsWith("data: [DONE]\n\n"), response.body());
        List<JsonNode> chunks = events(response.body());
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        List<String> finishReasons = new ArrayList<>();
        for (JsonNode c : chunks) {
            assertEquals("chat.completion.chunk", c.get("object").asText());
            for (JsonNode choice : c.get("choices")) {
                reasoning.append(choice.at("/delta/reasoning_content").asText(""));
                content.append(choice.at("/delta/content").asText(""));
                if (!choice.get("finish_reason").isNull()) finishReasons.add(choice.get("finish_reason").asText());
            }
        }
        assertEquals(String.join("", THINKING), reasoning.toString());
        assertEquals(String.join("", ANSWER), content.toString());
        assertEquals(List.of("stop"), finishReasons);
        JsonNode usage = chunks.get(chunks.size() - 1).get("usage");
        assertEquals(THINKING.size() + ANSWER.size(), usage.get("completion_tokens").asInt());
        assertEquals(THINKING.size(), usage.at("/completion_tokens_details/reasoning_tokens").asInt());
        assertEquals(3, usage.get("prompt_tokens").asInt()); // the scripted prompt has three ids
    }

    @Test
    void answersWholeWithLogprobsOfEveryTokenOfBothParts() throws Exception {
        HttpCalls http = start();
        JsonNode body = json(http.post("/v1/chat/completions",
                chat(MODEL, "2+2?", "\"logprobs\":true,\"top_logprobs\":1,\"temperature\":0,\"seed\":7")));
        JsonNode choice = body.at("/choices/0");
        assertEquals("chat.completion", body.get("object").asText());
        assertEquals(String.join("", THINKING), choice.at("/message/reasoning_content").asText());
        assertEquals(String.join("", ANSWER), choice.at("/message/content").asText());
        JsonNode logprobs = choice.at("/logprobs/content");
        List<String> tokens = new ArrayList<>(THINKING);
        tokens.addAll(ANSWER);
        assertEquals(tokens.size(), logprobs.size());
        for (int i = 0; i < tokens.size(); i++) {
            JsonNode entry = logprobs.get(i);
            assertEquals(tokens.get(i), entry.get("token").asText());
            double p = 0.5 + (i % 5) / 10.0; // ScriptedGenerator's probability of token i
            assertEquals(Math.log(p), entry.get("logprob").asDouble(), 1e-6);
            assertEquals(1, entry.get("top_logprobs").size());
            List<Integer> bytes = new ArrayList<>();
            entry.get("bytes").forEach(b -> bytes.add(b.asInt()));
            List<Integer> expected = new ArrayList<>();
            for (byte b : tokens.get(i).getBytes(StandardCharsets.UTF_8)) expected.add(b & 0xFF);
            assertEquals(expected, bytes);
        }
        GenerationRequest seen = generator.requests().get(0);
        assertEquals(0.0, seen.sampling().temperature());
        assertEquals(7L, seen.sampling().seed());
    }

    @Test
    void putsTheThinkingInTheChosenField() throws Exception {
        HttpCalls http = start(ScriptedGenerator.unpaced(THINKING, ANSWER),
                ServeOptions.loopback().withReasoningField(ReasoningField.REASONING));
        JsonNode message = json(http.post("/v1/chat/completions", chat(MODEL, "hi", ""))).at("/choices/0/message");
        assertEquals(String.join("", THINKING), message.get("reasoning").asText());
        assertFalse(message.has("reasoning_content"));
    }

    @Test
    void mapsTheOpenAiKnobsOntoTheRequest() throws Exception {
        HttpCalls http = start();
        http.post("/v1/chat/completions", chat(MODEL, "hi",
                "\"max_tokens\":77,\"top_p\":0.5,\"stop\":[\"END\",\"\"],\"reasoning_effort\":\"low\""));
        http.post("/v1/chat/completions", chat(MODEL, "hi",
                "\"max_completion_tokens\":9,\"reasoning_effort\":\"high\",\"thinking_budget\":33,"
                        + "\"chat_template_kwargs\":{\"enable_thinking\":false,\"persona\":\"terse\",\"level\":2},"
                        + "\"logprobs\":true,\"top_logprobs\":12"));
        GenerationRequest first = generator.requests().get(0);
        assertEquals(77, first.maxTokens());
        assertEquals(0.5, first.sampling().topP());
        assertEquals(List.of("END"), first.stopStrings());
        assertEquals(ChatCallParser.EFFORT_BUDGETS.get("low"), first.thinkingBudget());
        GenerationRequest second = generator.requests().get(1);
        assertEquals(9, second.maxTokens());
        assertEquals(33, second.thinkingBudget());
        assertEquals(5, first.alternatives(), "five alternatives unless more are asked for");
        assertEquals(12, second.alternatives());
        assertEquals(Map.of(), first.templateVariables());
        assertEquals(Map.of("enable_thinking", false, "persona", "terse", "level", 2L), second.templateVariables());
    }

    @Test
    void textPartsOfAMessageAreJoinedByLineBreaksAsVllmJoinsThem() throws Exception {
        HttpCalls http = start();
        http.post("/v1/chat/completions", "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"Hello\"},{\"type\":\"text\",\"text\":\"world\"}]}]}");
        assertEquals("Hello\nworld", generator.requests().getFirst().conversation().getLast().content());
    }

    @Test
    void refusesBadRequestsInOpenAisErrorShape() throws Exception {
        HttpCalls http = start();
        assertError(http.post("/v1/chat/completions", "{\"model\": \"x\", "), 400, "invalid_json", null);
        assertError(http.post("/v1/chat/completions", "[1,2]"), 400, "invalid_json", null);
        assertError(http.post("/v1/chat/completions", chat(MODEL, "hi", "\"temperature\":\"hot\"")), 400,
                "invalid_value", "temperature");
        assertError(http.post("/v1/chat/completions", chat(MODEL, "hi", "\"max_tokens\":0")), 400,
                "invalid_value", "max_tokens");
        assertError(http.post("/v1/chat/completions", chat(MODEL, "hi", "\"top_logprobs\":3")), 400,
                "invalid_value", "top_logprobs");
        assertError(http.post("/v1/chat/completions", chat(MODEL, "hi", "\"logprobs\":true,\"top_logprobs\":21")), 400,
                "invalid_value", "top_logprobs");
        assertError(http.post("/v1/chat/completions", "{\"model\":\"" + MODEL + "\",\"messages\":\"hi\"}"), 400,
                "invalid_value", "messages");
        assertError(http.post("/v1/chat/completions",
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}"), 400,
                "invalid_value", "messages[0].role");
        assertError(http.post("/v1/chat/completions", chat(MODEL, "hi", "\"chat_template_kwargs\":{\"enable_thinking\":\"no\"}")),
                400, "invalid_value", "chat_template_kwargs.enable_thinking");
        assertError(http.post("/v1/chat/completions", chat(MODEL, "hi", "\"chat_template_kwargs\":{\"tools\":[1]}")),
                400, "invalid_value", "chat_template_kwargs.tools");
        assertError(http.post("/v1/chat/completions", chat(MODEL, "hi", "\"chat_template_kwargs\":{\"x\":{\"y\":1}}")),
                400, "invalid_value", "chat_template_kwargs.x");
        assertError(http.post("/v1/chat/completions", chat(MODEL, "hi", "\"chat_template_kwargs\":{\"messages\":\"\"}")),
                400, "invalid_value", "chat_template_kwargs.messages");
        assertError(http.post("/v1/chat/completions", chat(MODEL, "hi", "\"chat_template_kwargs\":[true]")),
                400, "invalid_value", "chat_template_kwargs");
        assertError(http.post("/v1/chat/completions", chat("gpt-4o", "hi", "")), 404, "model_not_found", "model");
        assertError(http.get("/v1/nothing-here"), 404, "unknown_url", null);
        String huge = chat(MODEL, "x".repeat(ServeLimits.DEFAULT_MAX_BODY_BYTES + 10), "");
        assertError(http.post("/v1/chat/completions", huge), 413, "request_too_large", null);
        assertTrue(generator.requests().isEmpty(), "no refused request reached the model");
    }

    @Test
    void aPromptThatDoesNotFitTheContextIsTheRequestsFaultWholeOrStreamed() throws Exception {
        ScriptedGenerator tooLong = ScriptedGenerator.unpaced(THINKING, ANSWER);
        tooLong.refusePromptsAsTooLong();
        HttpCalls http = start(tooLong, ServeOptions.loopback());
        assertError(http.post("/v1/chat/completions", chat(MODEL, "a long question", "")), 400,
                "context_length_exceeded", "messages");
        HttpResponse<String> streamed = http.post("/v1/chat/completions", chat(MODEL, "a long question", "\"stream\":true"));
        assertError(streamed, 400, "context_length_exceeded", "messages");
        assertTrue(streamed.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertEquals(2, tooLong.requests().size());
    }

    @Test
    void aRequestThatTheServersClosingCancelsIsA503OrAnErrorEventNotACompleteAnswer() throws Exception {
        assertError(cutByClosing(""), 503, "shutting_down", null);
        HttpResponse<String> streamed = cutByClosing("\"stream\":true");
        assertEquals(200, streamed.statusCode());
        assertTrue(streamed.body().contains("\"code\":\"shutting_down\"") && streamed.body().endsWith("data: [DONE]\n\n"),
                streamed.body());
    }

    /** The response to a request (with {@code extra} fields) during which the server is closed. */
    private HttpResponse<String> cutByClosing(String extra) throws Exception {
        HttpCalls http = start(new ScriptedGenerator(THINKING, ANSWER), ServeOptions.loopback());
        generator.release(1);
        var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return http.post("/v1/chat/completions", chat(MODEL, "2+2?", extra));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        waitUntil(() -> generator.delivered() == 1, "the first token");
        server.close();
        return pending.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void refusesRequestsWithoutTheKeyWhenOneIsSet() throws Exception {
        HttpCalls withKey = start(ScriptedGenerator.unpaced(THINKING, ANSWER), ServeOptions.loopback().withApiKey("s3cret"));
        HttpCalls without = new HttpCalls(server.port(), null);
        HttpCalls wrong = new HttpCalls(server.port(), "guess");
        assertError(without.post("/v1/chat/completions", chat(MODEL, "hi", "")), 401, "invalid_api_key", null);
        assertError(wrong.post("/v1/chat/completions", chat(MODEL, "hi", "")), 401, "invalid_api_key", null);
        assertError(without.get("/v1/models"), 401, "invalid_api_key", null);
        assertEquals(200, without.get("/health").statusCode());
        assertTrue(generator.requests().isEmpty());
        assertEquals(200, withKey.post("/v1/chat/completions", chat(MODEL, "hi", "")).statusCode());
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutAKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServeOptions("0.0.0.0", 0, null, ReasoningField.REASONING_CONTENT, ServeLimits.defaults()));
        assertTrue(e.getMessage().contains("--api-key"), e.getMessage());
    }

    @Test
    void runsFiftyConcurrentRequestsOneAtATimeInArrivalOrder() throws Exception {
        HttpCalls http = start(new ScriptedGenerator(THINKING, ANSWER), ServeOptions.loopback());
        int n = 50;
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            responses.add(http.postAsync("/v1/chat/completions",
                    chat(MODEL, "request " + i, i % 2 == 0 ? "\"stream\":true" : "")));
            int accepted = i + 1;
            waitUntil(() -> health(http, "running") + health(http, "waiting") == accepted,
                    "request " + i + " accepted");
        }
        assertEquals(n - 1, health(http, "waiting"));
        generator.releaseAll();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = responses.get(i).get(60, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            String answer = i % 2 == 0 ? joinedContent(events(r.body())) : json(r).at("/choices/0/message/content").asText();
            assertEquals(String.join("", ANSWER), answer, "request " + i);
        }
        List<String> order = generator.requests().stream().map(q -> q.conversation().get(0).content()).toList();
        assertEquals(IntStream.range(0, n).mapToObj(i -> "request " + i).toList(), order);
    }

    @Test
    void refusesARequestWhenTheQueueIsFull() throws Exception {
        HttpCalls http = start(new ScriptedGenerator(THINKING, ANSWER),
                ServeOptions.loopback().withLimits(ServeLimits.defaults().withMaxWaiting(1)));
        CompletableFuture<HttpResponse<String>> first = http.postAsync("/v1/chat/completions", chat(MODEL, "one", ""));
        waitUntil(() -> health(http, "running") == 1, "first request running");
        CompletableFuture<HttpResponse<String>> second = http.postAsync("/v1/chat/completions", chat(MODEL, "two", ""));
        waitUntil(() -> health(http, "waiting") == 1, "second request waiting");
        assertError(http.post("/v1/chat/completions", chat(MODEL, "three", "")), 429, "queue_full", null);
        generator.releaseAll();
        assertEquals(200, first.get(60, TimeUnit.SECONDS).statusCode());
        assertEquals(200, second.get(60, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void aClientThatDisconnectsCancelsItsGenerationWithinATokenOrTwo() throws Exception {
        List<String> longAnswer = IntStream.range(0, 40).mapToObj(i -> " w" + i).toList();
        HttpCalls http = start(new ScriptedGenerator(THINKING, longAnswer), ServeOptions.loopback());
        generator.release(2);
        int deliveredAtClose;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            String body = chat(MODEL, "talk", "\"stream\":true");
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int reasoningChunks = 0;
            for (int lines = 0; reasoningChunks < 2 && lines < 200; lines++) {
                String line = in.readLine();
                if (line == null) break;
                if (line.startsWith("data: ") && line.contains("reasoning_content")) reasoningChunks++;
            }
            assertEquals(2, reasoningChunks);
            deliveredAtClose = generator.delivered();
        }
        // let the model go on one token at a time, each a quarter second after the last (the handler writes a
        // token within its 2 ms nap, so each token's write is tried before the next token is made, however
        // busy the machine): the first write after the disconnect fails (or the one after it, once the peer's
        // reset arrived), and the generation stops before its next token
        int released = 0;
        while (health(http, "running") == 1 && released < 10) {
            int before = generator.delivered();
            generator.release(1);
            released++;
            waitUntil(() -> generator.delivered() > before || health(http, "running") == 0, "one more token or the end");
            waitAtMost(Duration.ofMillis(250), () -> health(http, "running") == 0);
        }
        assertEquals(0, health(http, "running"), "the generation ended");
        int extra = generator.delivered() - deliveredAtClose;
        assertTrue(extra <= 2, "tokens generated after the disconnect: " + extra);
    }

    /**
     * The bytes of a stream, with its random {@code id} and its {@code created} time replaced, equal the golden
     * stream written by the server when it sent each token's chunk as it arrived: chunks that go out together (the
     * unpaced script arrives all at once) are the same bytes, in the same order, as chunks sent one by one.
     */
    @Test
    void aStreamIsByteForByteTheGoldenStream() throws Exception {
        HttpCalls http = start(ScriptedGenerator.unpaced(List.of("Let", " \"me\"", " é", "\n\t"),
                List.of("The", " answer:", " </think>", " 4", "✓")), ServeOptions.loopback());
        HttpResponse<String> response = http.post("/v1/chat/completions", chat(MODEL, "2+2?",
                "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"logprobs\":true,\"top_logprobs\":2"));
        assertEquals(200, response.statusCode());
        String actual = withoutIdAndTime(response.body());
        String golden;
        try (var in = getClass().getResourceAsStream("golden-stream.sse")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!golden.equals(actual)) {
            java.nio.file.Path written = java.nio.file.Path.of("target", "golden-stream.actual.sse");
            java.nio.file.Files.writeString(written, actual, StandardCharsets.UTF_8);
            assertEquals(golden, actual, "the stream differs from golden-stream.sse; it was written to " + written.toAbsolutePath());
        }
    }

    /** The stream with each chunk's {@code "id":"chatcmpl-…"} and {@code "created":…} replaced by fixed values. */
    static String withoutIdAndTime(String stream) {
        return stream.replaceAll("\"id\":\"chatcmpl-[0-9a-f]{32}\"", "\"id\":\"chatcmpl-ID\"")
                .replaceAll("\"created\":[0-9]+,", "\"created\":0,");
    }

    private static String joinedContent(List<JsonNode> chunks) {
        StringBuilder out = new StringBuilder();
        for (JsonNode c : chunks) for (JsonNode choice : c.get("choices")) out.append(choice.at("/delta/content").asText(""));
        return out.toString();
    }

    private static int health(HttpCalls http, String field) {
        try {
            return json(http.get("/health")).get(field).asInt();
        } catch (Exception e) {
            throw new AssertionError("GET /health failed", e);
        }
    }

    /** Polls until the condition holds or the time is up, whichever comes first; never fails. */
    private static void waitAtMost(Duration time, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + time.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(5);
    }

    /** Polls up to 30 s. */
    static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            Thread.sleep(5);
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String param) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = json(response).get("error");
        assertTrue(error != null && error.get("message").isTextual() && !error.get("message").asText().isEmpty(),
                response.body());
        assertTrue(error.get("type").isTextual(), response.body());
        assertEquals(code, error.get("code").isNull() ? null : error.get("code").asText(), response.body());
        assertEquals(param, error.get("param").isNull() ? null : error.get("param").asText(), response.body());
    }
}
