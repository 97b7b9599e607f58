package org.thinktrace.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationEvent.AnswerDelta;
import org.thinktrace.generate.GenerationEvent.ThinkingDelta;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.generate.TokenAlternative;
import org.thinktrace.text.ChatTurn;

/**
 * The chunks and the whole completion, written field by field, against the OpenAI shapes written out here as
 * JSON trees: a thinking token, a thinking token that completed no text (a byte of a character), an answer token of
 * probability 0 and no entropy whose text needs escaping, text released after the last token, the end and usage.
 */
class CompletionAssemblerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "chatcmpl-test";
    private static final long CREATED = 1_700_000_000L;
    private static final String MODEL = "m";

    private static final TokenInfo THINK = new TokenInfo(5, "Hmm", Phase.THINKING, 0.5f, 1.25f, List.of(
            new TokenAlternative(5, "Hmm", 0.5f), new TokenAlternative(6, "Well", 0.25f), new TokenAlternative(7, "So", 0.125f)));
    private static final TokenInfo BYTE = new TokenInfo(8, "<0xE4>", Phase.THINKING, 0.75f, 0.5f, List.of(
            new TokenAlternative(8, "<0xE4>", 0.75f)));
    private static final TokenInfo ANSWER = new TokenInfo(9, "\"4\"é", Phase.ANSWER, 0f, Float.NaN, List.of());

    private static List<GenerationEvent> events() {
        return List.of(
                new GenerationEvent.PromptProcessed(new int[] {1, 2, 3}, "prompt", true),
                new ThinkingDelta("Hmm"), THINK,
                new ThinkingDelta(""), BYTE,
                new AnswerDelta("\"4\"é"), ANSWER,
                new AnswerDelta(" tail"),
                new GenerationEvent.Finished(FinishReason.LENGTH, "Hmm", "\"4\"é tail", false, false,
                        new GenerationStats(3, 0, 0, 0, 2, 1, 0, 0)));
    }

    private static ChatCall call(boolean logprobs, int top, boolean includeUsage) {
        GenerationRequest request = new GenerationRequest(List.of(ChatTurn.user("q")), SamplingSettings.greedy(), 16, 0,
                List.of());
        return new ChatCall(MODEL, request, true, includeUsage, logprobs, top);
    }

    private static CompletionAssembler assembler(ChatCall call) {
        return new CompletionAssembler(JSON, ID, CREATED, MODEL, call, ReasoningField.REASONING_CONTENT);
    }

    @Test
    void streamsOneServerSentEventPerChunkInOpenAisShape() throws Exception {
        CompletionAssembler assembler = assembler(call(true, 2, true));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = assembler.eventWriter(bytes)) {
            for (GenerationEvent e : events()) assembler.accept(e, out);
        }
        String stream = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(stream.endsWith("\n\n"), stream);
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : stream.substring(0, stream.length() - 2).split("\n\n", -1)) {
            assertTrue(event.startsWith("data: {") && !event.contains("\n"), event);
            chunks.add(JSON.readTree(event.substring("data: ".length())));
        }
        List<JsonNode> expected = List.of(
                chunk(delta("role", "assistant", "content", ""), null, null),
                chunk(delta("reasoning_content", "Hmm"), logprob(THINK, 2), null),
                chunk(delta("reasoning_content", ""), logprob(BYTE, 2), null),
                chunk(delta("content", "\"4\"é"), logprob(ANSWER, 2), null),
                chunk(delta("content", " tail"), null, null),
                chunk(JSON.createObjectNode(), null, "length"),
                usageChunk());
        assertEquals(expected, chunks);
    }

    @Test
    void leavesLogprobsOutUnlessAsked() throws Exception {
        CompletionAssembler assembler = assembler(call(false, 0, false));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = assembler.eventWriter(bytes)) {
            for (GenerationEvent e : events()) assembler.accept(e, out);
        }
        List<JsonNode> chunks = HttpCalls.events(bytes.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(
                chunk(delta("role", "assistant", "content", ""), null, null),
                chunk(delta("reasoning_content", "Hmm"), null, null),
                chunk(delta("content", "\"4\"é"), null, null),
                chunk(delta("content", " tail"), null, null),
                chunk(JSON.createObjectNode(), null, "length")), chunks);
    }

    @Test
    void answersWholeWithEveryTokensLogprobAndUsage() throws Exception {
        CompletionAssembler assembler = assembler(call(true, 1, false));
        for (GenerationEvent e : events()) assembler.accept(e, null);
        ObjectNode expected = header("chat.completion");
        ObjectNode choice = expected.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", "\"4\"é tail").put("reasoning_content", "Hmm");
        choice.putObject("logprobs").putArray("content")
                .add(logprob(THINK, 1)).add(logprob(BYTE, 1)).add(logprob(ANSWER, 1));
        choice.put("finish_reason", "length");
        expected.set("usage", usage());
        assertEquals(reparsed(expected), JSON.readTree(assembler.completion()));
    }

    private static ObjectNode header(String object) {
        return JSON.createObjectNode().put("id", ID).put("object", object).put("created", CREATED).put("model", MODEL);
    }

    private static ObjectNode delta(String... fields) {
        ObjectNode delta = JSON.createObjectNode();
        for (int i = 0; i < fields.length; i += 2) delta.put(fields[i], fields[i + 1]);
        return delta;
    }

    private static JsonNode chunk(ObjectNode delta, ObjectNode logprob, String finishReason) throws Exception {
        ObjectNode root = header("chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (logprob == null) choice.putNull("logprobs");
        else choice.putObject("logprobs").putArray("content").add(logprob);
        if (finishReason == null) choice.putNull("finish_reason");
        else choice.put("finish_reason", finishReason);
        return reparsed(root);
    }

    private static JsonNode usageChunk() throws Exception {
        ObjectNode root = header("chat.completion.chunk");
        root.putArray("choices");
        root.set("usage", usage());
        return reparsed(root);
    }

    private static ObjectNode usage() {
        ObjectNode usage = JSON.createObjectNode().put("prompt_tokens", 3).put("completion_tokens", 3).put("total_tokens", 6);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 2);
        return usage;
    }

    /** A logprob entry as OpenAI documents it, plus ThinkTrace's token_id and entropy. */
    private static ObjectNode logprob(TokenInfo t, int top) {
        ObjectNode entry = entry(t.text(), t.probability(), t.id());
        if (!Float.isNaN(t.entropy())) entry.put("entropy", t.entropy());
        ArrayNode alternatives = entry.putArray("top_logprobs");
        t.top().stream().limit(top).forEach(a -> alternatives.add(entry(a.text(), a.probability(), a.id())));
        return entry;
    }

    private static ObjectNode entry(String token, float probability, int id) {
        ObjectNode entry = JSON.createObjectNode().put("token", token)
                .put("logprob", probability == 0 ? -9999.0 : Math.log(probability));
        ArrayNode bytes = entry.putArray("bytes");
        Map<String, int[]> hex = Map.of("<0xE4>", new int[] {0xE4});
        for (int b : hex.getOrDefault(token, unsigned(token.getBytes(StandardCharsets.UTF_8)))) bytes.add(b);
        return entry.put("token_id", id);
    }

    private static int[] unsigned(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = bytes[i] & 0xFF;
        return out;
    }

    /** The tree as a client sees it: written and read back (numbers compare as parsed JSON numbers). */
    private static JsonNode reparsed(JsonNode tree) throws Exception {
        return JSON.readTree(JSON.writeValueAsBytes(tree));
    }
}
