package org.thinktrace.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.Phase;
import org.thinktrace.generate.TokenAlternative;

/**
 * Turns the events of one generation into OpenAI chat-completion JSON: streaming chunks as server-sent events as the
 * events come ({@link #accept}), and the whole {@code chat.completion} object at the end ({@link #completion}).
 *
 * <p>One chunk per generated token: the text the token completed (thinking in the reasoning field, answer in
 * {@code content}) with, when asked, its log-probability in {@code logprobs.content} (thinking tokens too, in
 * order, as vLLM reports them). Each log-probability entry also carries the token's id as {@code token_id} and
 * the entropy of its distribution as {@code entropy}, ThinkTrace extensions other clients ignore. Text the
 * generation releases after its last token (held back for a possible stop string) goes in one more chunk; then a
 * chunk with {@code finish_reason}, and, when asked, a last one with {@code usage} and no choices.
 *
 * <p>The JSON is written field by field with a streaming {@link JsonGenerator}, never built as a tree: a chunk is
 * written once per token, and building, walking and dropping a tree of a dozen nodes for it cost the server more
 * CPU than writing the bytes. Not thread-safe: one per request.
 */
final class CompletionAssembler {

    /** What OpenAI reports for a token of probability 0. */
    static final double LOGPROB_FLOOR = -9999.0;

    private static final SerializedString DATA = new SerializedString("data: ");
    private static final SerializedString EVENT_END = new SerializedString("\n\n");

    private final ObjectMapper json;
    private final String id;
    private final long created;
    private final String model;
    private final ChatCall call;
    private final String reasoningField;

    private final StringBuilder pendingThinking = new StringBuilder();
    private final StringBuilder pendingAnswer = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final StringBuilder answer = new StringBuilder();
    private final List<GenerationEvent.TokenInfo> logprobs = new ArrayList<>();
    private int promptTokens;
    private GenerationEvent last;

    CompletionAssembler(ObjectMapper json, String id, long created, String model, ChatCall call,
                        ReasoningField reasoningField) {
        this.json = json;
        this.id = id;
        this.created = created;
        this.model = model;
        this.call = call;
        this.reasoningField = reasoningField.jsonName();
    }

    /**
     * A generator for {@link #accept}'s server-sent events: writes to {@code out}, and puts nothing between the
     * chunks (each is framed as {@code data: <chunk>} and a blank line).
     */
    JsonGenerator eventWriter(OutputStream out) throws IOException {
        JsonGenerator g = json.getFactory().createGenerator(out);
        g.setRootValueSeparator(null);
        return g;
    }

    /**
     * Takes the next event and writes the streaming chunks it completes (possibly none) to {@code events}, each as
     * one server-sent event; {@code events} is null when the answer goes out whole.
     */
    void accept(GenerationEvent event, JsonGenerator events) throws IOException {
        switch (event) {
            case GenerationEvent.PromptProcessed p -> {
                promptTokens = p.tokenCount();
                if (events == null) return;
                startChoice(events);
                events.writeStringField("role", "assistant");
                events.writeStringField("content", "");
                endChoice(events, null, null);
            }
            case GenerationEvent.ThinkingDelta d -> pendingThinking.append(d.text());
            case GenerationEvent.AnswerDelta d -> pendingAnswer.append(d.text());
            case GenerationEvent.TokenInfo t -> {
                if (call.logprobs()) logprobs.add(t);
                textChunk(events, call.logprobs() ? t : null, t.phase());
            }
            case GenerationEvent.Finished f -> {
                last = f;
                textChunk(events, null, null);
                if (events == null) return;
                startChoice(events);
                endChoice(events, null, finishReason(f.reason()));
                if (call.includeUsage()) {
                    startChunk(events);
                    events.writeArrayFieldStart("choices");
                    events.writeEndArray();
                    writeUsage(events, f.stats());
                    endChunk(events);
                }
            }
            case GenerationEvent.Failed f -> last = f;
            case GenerationEvent.ContextTrimmed t -> { }
        }
    }

    /** The last event seen ({@code Finished} or {@code Failed}), or null while running. */
    GenerationEvent last() {
        return last;
    }

    /** The non-streaming answer as JSON, once {@link #accept} saw {@code Finished}. */
    byte[] completion() throws IOException {
        GenerationEvent.Finished f = (GenerationEvent.Finished) last;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 + 256 * logprobs.size());
        try (JsonGenerator g = json.getFactory().createGenerator(bytes)) {
            writeHeader(g, "chat.completion");
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", 0);
            g.writeObjectFieldStart("message");
            g.writeStringField("role", "assistant");
            g.writeStringField("content", answer.toString());
            if (!thinking.isEmpty()) g.writeStringField(reasoningField, thinking.toString());
            g.writeEndObject();
            if (call.logprobs()) {
                g.writeObjectFieldStart("logprobs");
                g.writeArrayFieldStart("content");
                for (GenerationEvent.TokenInfo t : logprobs) writeLogprob(g, t);
                g.writeEndArray();
                g.writeEndObject();
            } else {
                g.writeNullField("logprobs");
            }
            g.writeStringField("finish_reason", finishReason(f.reason()));
            g.writeEndObject();
            g.writeEndArray();
            writeUsage(g, f.stats());
            g.writeEndObject();
        }
        return bytes.toByteArray();
    }

    /**
     * A chunk with the pending text and the log-probability; none when there is neither. A token that completed
     * no text (bytes of a character still pending, whitespace held back) gets its phase's field with "", so that
     * a client can tell thinking tokens from answer tokens.
     */
    private void textChunk(JsonGenerator events, GenerationEvent.TokenInfo logprob, Phase phase) throws IOException {
        if (pendingThinking.isEmpty() && pendingAnswer.isEmpty() && logprob == null) return;
        if (events != null) {
            startChoice(events);
            if (!pendingThinking.isEmpty()) events.writeStringField(reasoningField, pendingThinking.toString());
            if (!pendingAnswer.isEmpty()) events.writeStringField("content", pendingAnswer.toString());
            if (pendingThinking.isEmpty() && pendingAnswer.isEmpty() && phase != null) {
                events.writeStringField(phase == Phase.THINKING ? reasoningField : "content", "");
            }
            endChoice(events, logprob, null);
        }
        thinking.append(pendingThinking);
        answer.append(pendingAnswer);
        pendingThinking.setLength(0);
        pendingAnswer.setLength(0);
    }

    /** {@code data: {"id": …, "choices": [{"index": 0, "delta": {} — the delta's fields follow. */
    private void startChoice(JsonGenerator g) throws IOException {
        startChunk(g);
        g.writeArrayFieldStart("choices");
        g.writeStartObject();
        g.writeNumberField("index", 0);
        g.writeObjectFieldStart("delta");
    }

    /** Closes the delta, adds {@code logprobs} and {@code finish_reason}, and ends the chunk. */
    private void endChoice(JsonGenerator g, GenerationEvent.TokenInfo logprob, String finishReason) throws IOException {
        g.writeEndObject();
        if (logprob != null) {
            g.writeObjectFieldStart("logprobs");
            g.writeArrayFieldStart("content");
            writeLogprob(g, logprob);
            g.writeEndArray();
            g.writeEndObject();
        } else {
            g.writeNullField("logprobs");
        }
        if (finishReason == null) g.writeNullField("finish_reason");
        else g.writeStringField("finish_reason", finishReason);
        g.writeEndObject();
        g.writeEndArray();
        endChunk(g);
    }

    private void startChunk(JsonGenerator g) throws IOException {
        g.writeRaw(DATA);
        writeHeader(g, "chat.completion.chunk");
    }

    private static void endChunk(JsonGenerator g) throws IOException {
        g.writeEndObject();
        g.writeRaw(EVENT_END);
    }

    /** Opens the object and writes {@code id}, {@code object}, {@code created} and {@code model}. */
    private void writeHeader(JsonGenerator g, String object) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("object", object);
        g.writeNumberField("created", created);
        g.writeStringField("model", model);
    }

    private void writeUsage(JsonGenerator g, GenerationStats stats) throws IOException {
        g.writeObjectFieldStart("usage");
        g.writeNumberField("prompt_tokens", promptTokens);
        g.writeNumberField("completion_tokens", stats.generatedTokens());
        g.writeNumberField("total_tokens", promptTokens + stats.generatedTokens());
        g.writeObjectFieldStart("completion_tokens_details");
        g.writeNumberField("reasoning_tokens", stats.thinkingTokens());
        g.writeEndObject();
        g.writeEndObject();
    }

    private void writeLogprob(JsonGenerator g, GenerationEvent.TokenInfo t) throws IOException {
        g.writeStartObject();
        writeEntryFields(g, t.text(), t.probability(), t.id());
        if (Float.isFinite(t.entropy())) g.writeNumberField("entropy", t.entropy());
        g.writeArrayFieldStart("top_logprobs");
        for (TokenAlternative a : t.top().subList(0, Math.min(call.topLogprobs(), t.top().size()))) {
            g.writeStartObject();
            writeEntryFields(g, a.text(), a.probability(), a.id());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeEntryFields(JsonGenerator g, String token, float probability, int tokenId) throws IOException {
        g.writeStringField("token", token);
        g.writeNumberField("logprob", logprobOf(probability));
        g.writeArrayFieldStart("bytes");
        for (byte b : TokenBytes.of(token)) g.writeNumber(b & 0xFF);
        g.writeEndArray();
        g.writeNumberField("token_id", tokenId);
    }

    static double logprobOf(float probability) {
        return probability > 0 ? Math.max(LOGPROB_FLOOR, Math.log(probability)) : LOGPROB_FLOOR;
    }

    static String finishReason(FinishReason reason) {
        return reason == FinishReason.LENGTH ? "length" : "stop";
    }
}
