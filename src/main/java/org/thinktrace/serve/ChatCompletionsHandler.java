package org.thinktrace.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;

/**
 * {@code POST /v1/chat/completions}: validates the request, queues it, and answers with server-sent events
 * ({@code "stream": true}) or one JSON object. Runs on the web server's request thread (a virtual thread),
 * which waits for the generation's events; the model thread only hands them over. A streaming client that
 * goes away makes the next write fail, and the generation is cancelled at once. Nothing is sent before the request's
 * first events, so a prompt that does not fit the context is a 400 {@code context_length_exceeded} whether streamed or
 * not; a request that the server's stopping cancels is a 503 {@code shutting_down} (an error event in a stream).
 */
final class ChatCompletionsHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ChatCompletionsHandler.class);
    private static final String DONE = "data: [DONE]\n\n";
    private static final String DATA = "data: ";
    private static final String EVENT_END = "\n\n";
    /**
     * How long the handler lets tokens gather once they flow ({@link TokenHandOff}): 2 ms unless the system property
     * {@code thinktrace.serve.napMicros} says otherwise (0: the model thread wakes the handler for every token).
     */
    static final long NAP_NANOS = Math.max(0, Long.getLong("thinktrace.serve.napMicros", 2000)) * 1000;

    private final ObjectMapper json;
    private final GenerationQueue queue;
    private final ChatCallParser parser;
    private final String modelName;
    private final ServeOptions options;

    ChatCompletionsHandler(ObjectMapper json, GenerationQueue queue, String modelName, ServeOptions options) {
        this.json = json;
        this.queue = queue;
        this.modelName = modelName;
        this.options = options;
        this.parser = new ChatCallParser(json, options.limits());
    }

    void handle(ServerRequest req, ServerResponse res) throws ApiException {
        ChatCall call = parser.parse(body(req));
        if (!call.model().equals(modelName)) {
            throw new ApiException(404, "invalid_request_error", "model_not_found", "model",
                    "the model '" + call.model() + "' does not exist; this server serves '" + modelName + "'");
        }
        TokenHandOff events = new TokenHandOff(NAP_NANOS);
        GenerationQueue.Ticket ticket;
        try {
            ticket = queue.submit(call.request(), events);
        } catch (GenerationQueue.FullException e) {
            throw new ApiException(429, "rate_limit_exceeded", "queue_full", null, e.getMessage());
        } catch (GenerationQueue.ClosedException e) {
            LOG.debug("a request arrived while the server stops", e);
            throw shuttingDown();
        }
        CompletionAssembler assembler = new CompletionAssembler(json, "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""),
                System.currentTimeMillis() / 1000, modelName, call, options.reasoningField());
        try {
            if (call.stream()) {
                stream(res, events, ticket, assembler);
            } else {
                whole(res, events, ticket, assembler);
            }
        } finally {
            // Whatever ended the answer early (a failure of this handler too), nobody reads the generation any more.
            if (!ticket.done().isDone()) ticket.cancel();
        }
    }

    /** The body, at most {@link ServeLimits#maxBodyBytes()} bytes; more is a 413. */
    private byte[] body(ServerRequest req) throws ApiException {
        int max = options.limits().maxBodyBytes();
        if (req.headers().contentLength().orElse(0) > max) throw tooLarge(max);
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) throw tooLarge(max);
            return bytes;
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("reading a request body failed", e);
            throw new ApiException(400, "invalid_request_error", "unreadable_body", null, "the request body could not be read");
        }
    }

    private static ApiException tooLarge(int max) {
        return new ApiException(413, "invalid_request_error", "request_too_large", null,
                "the request body is larger than " + max + " bytes");
    }

    /**
     * Streams the chunks as server-sent events. The chunks of all tokens that arrived since the previous write go
     * out in one write and one flush: a model slower than the hand-off's nap gets one token per flush, a faster
     * one (or one faster than the connection) several, each still its own event, with fewer wake-ups and system
     * calls per token. A client that went away fails the next write, and its generation is cancelled then.
     */
    private void stream(ServerResponse res, TokenHandOff events, GenerationQueue.Ticket ticket,
                        CompletionAssembler assembler) throws ApiException {
        // Nothing is sent before the first events, so a prompt that does not fit is still answered with a 400.
        List<GenerationEvent> batch = firstEvents(events, ticket);
        if (batch.getLast() instanceof GenerationEvent.Failed failed && failed.promptTooLong()) throw failure(failed);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
        try (OutputStream out = res.outputStream(); JsonGenerator chunks = assembler.eventWriter(buffer)) {
            while (true) {
                for (GenerationEvent event : batch) {
                    assembler.accept(event, chunks);
                    if (event instanceof GenerationEvent.Failed failed) {
                        LOG.error("a streamed generation failed: {}", failed.message(), failed.cause());
                        writeError(chunks, failure(failed));
                    } else if (event instanceof GenerationEvent.Finished f && f.reason() == FinishReason.CANCELLED) {
                        // A client that cancels goes away; a stream still being read was cut by the server stopping.
                        writeError(chunks, shuttingDown());
                    }
                    if (assembler.last() != null) break;
                }
                if (assembler.last() != null) chunks.writeRaw(DONE);
                chunks.flush();
                if (buffer.size() > 0) {
                    buffer.writeTo(out);
                    buffer.reset();
                    out.flush();
                }
                if (assembler.last() != null) break;
                batch = events.take();
            }
        } catch (IOException | UncheckedIOException | CloseConnectionException e) {
            ticket.cancel();
            LOG.debug("the client went away; its generation was cancelled", e);
            throw e instanceof CloseConnectionException c ? c : new CloseConnectionException("the client went away", e);
        } catch (InterruptedException e) {
            ticket.cancel();
            Thread.currentThread().interrupt();
        }
    }

    /** An {@code {"error": …}} event in a stream. */
    private void writeError(JsonGenerator chunks, ApiException error) throws IOException {
        chunks.writeRaw(DATA);
        chunks.writeTree(ErrorBody.of(json, error));
        chunks.writeRaw(EVENT_END);
    }

    /** The first events of a request (waiting for it to start), or a 503 when the server stops meanwhile. */
    private static List<GenerationEvent> firstEvents(TokenHandOff events, GenerationQueue.Ticket ticket)
            throws ApiException {
        try {
            return events.take();
        } catch (InterruptedException e) {
            ticket.cancel();
            Thread.currentThread().interrupt();
            throw shuttingDown();
        }
    }

    private void whole(ServerResponse res, TokenHandOff events, GenerationQueue.Ticket ticket,
                       CompletionAssembler assembler) throws ApiException {
        List<GenerationEvent> batch = firstEvents(events, ticket);
        try {
            while (true) {
                for (GenerationEvent event : batch) {
                    assembler.accept(event, null);
                    if (assembler.last() != null) break;
                }
                if (assembler.last() != null) break;
                batch = events.take();
            }
        } catch (InterruptedException e) {
            ticket.cancel();
            Thread.currentThread().interrupt();
            throw shuttingDown();
        } catch (IOException e) { // nothing is written while the answer is whole
            throw new UncheckedIOException(e);
        }
        if (assembler.last() instanceof GenerationEvent.Failed failed) {
            if (!failed.promptTooLong()) LOG.error("a generation failed: {}", failed.message(), failed.cause());
            throw failure(failed);
        }
        // Only the server's closing cancels a request answered whole (a stream's client cancels by going away).
        if (assembler.last() instanceof GenerationEvent.Finished f && f.reason() == FinishReason.CANCELLED) {
            throw shuttingDown();
        }
        byte[] completion;
        try {
            completion = assembler.completion();
        } catch (IOException e) {
            throw new IllegalStateException("a completion could not be written as JSON", e);
        }
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(completion);
    }

    /** A failed generation as an error: a prompt that does not fit is the request's fault, the rest the model's. */
    private static ApiException failure(GenerationEvent.Failed failed) {
        return failed.promptTooLong()
                ? new ApiException(400, "invalid_request_error", "context_length_exceeded", "messages", failed.message())
                : new ApiException(500, "server_error", "generation_failed", null, failed.message());
    }

    private static ApiException shuttingDown() {
        return new ApiException(503, "server_error", "shutting_down", null, "the server is stopping");
    }

    /** Sends {@code body} as JSON with {@code status}. */
    static void send(ServerResponse res, int status, ObjectNode body, ObjectMapper json) {
        try {
            res.status(status);
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response could not be written as JSON", e);
        }
    }
}
