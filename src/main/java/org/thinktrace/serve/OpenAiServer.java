package org.thinktrace.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.generate.TextGenerator;

/**
 * An OpenAI-compatible HTTP server over one {@link TextGenerator}: {@code POST /v1/chat/completions}
 * (streaming or not), {@code GET /v1/models}, {@code GET /health}. Requests run one at a time in arrival order
 * ({@link GenerationQueue}). With an API key, every {@code /v1} request must carry
 * {@code Authorization: Bearer KEY}; {@code /health} stays open. Every refusal is OpenAI's error shape with
 * its status. {@link #close()} stops listening and cancels what runs and waits; the generator stays open
 * (its owner closes it).
 */
public final class OpenAiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiServer.class);

    private final TextGenerator generator;
    private final ServeOptions options;
    private final ObjectMapper json = new ObjectMapper();
    private final GenerationQueue queue;
    private final WebServer server;
    private final long created = System.currentTimeMillis() / 1000;

    private OpenAiServer(TextGenerator generator, ServeOptions options) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.options = Objects.requireNonNull(options, "options");
        this.queue = new GenerationQueue(generator, options.limits().maxWaiting());
        ChatCompletionsHandler completions = new ChatCompletionsHandler(json, queue, generator.modelName(), options);
        HttpRouting.Builder routing = HttpRouting.builder()
                .get("/health", guarded(false, this::health))
                .get("/v1/models", guarded(true, this::models))
                .post("/v1/chat/completions", guarded(true, completions::handle))
                .any(guarded(false, (req, res) -> {
                    throw new ApiException(404, "invalid_request_error", "unknown_url", null,
                            "unknown request: " + req.prologue().method().text() + " " + req.path().path());
                }));
        try {
            this.server = WebServer.builder()
                    .host(options.host())
                    .port(options.port())
                    .routing(routing)
                    .build()
                    .start();
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    /** Starts listening; returns once the port is bound. */
    public static OpenAiServer start(TextGenerator generator, ServeOptions options) {
        HelidonLogging.routeJavaUtilLogging();
        return new OpenAiServer(generator, options);
    }

    /** The bound port (the chosen one when the options asked for 0). */
    public int port() {
        return server.port();
    }

    /** {@code http://host:port/v1}, what OpenAI clients take as their base URL. */
    public URI baseUri() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create("http://" + host + ":" + port() + "/v1");
    }

    @Override
    public void close() {
        queue.close();
        server.stop();
    }

    /** A route body that may refuse with an {@link ApiException}. */
    @FunctionalInterface
    private interface Route {
        void handle(ServerRequest req, ServerResponse res) throws ApiException;
    }

    /** Checks the key (when {@code authorised}) and turns every failure into OpenAI's error shape. */
    private Handler guarded(boolean authorised, Route route) {
        return (req, res) -> {
            try {
                if (authorised) checkKey(req);
                route.handle(req, res);
            } catch (ApiException e) {
                if (e.status() >= 500 && !"shutting_down".equals(e.code())) LOG.error("request failed: {}", e.getMessage(), e);
                else if (e.status() >= 500) LOG.info("request ended by the server stopping: {}", e.getMessage(), e);
                else LOG.debug("request refused ({}): {}", e.status(), e.getMessage(), e);
                if (!res.isSent()) ChatCompletionsHandler.send(res, e.status(), ErrorBody.of(json, e), json);
            } catch (CloseConnectionException e) {
                throw e; // the client went away: the server closes the connection
            } catch (RuntimeException e) {
                LOG.error("request failed", e);
                if (!res.isSent()) {
                    ApiException error = new ApiException(500, "server_error", "internal_error", null,
                            "internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                    ChatCompletionsHandler.send(res, 500, ErrorBody.of(json, error), json);
                }
            }
        };
    }

    private void checkKey(ServerRequest req) throws ApiException {
        if (options.apiKey() == null) return;
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        String given = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        boolean ok = MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                options.apiKey().getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            throw new ApiException(401, "invalid_request_error", "invalid_api_key", null,
                    given.isEmpty() ? "an API key is required: send the header Authorization: Bearer KEY"
                            : "the API key is not valid");
        }
    }

    private void models(ServerRequest req, ServerResponse res) {
        ObjectNode root = json.createObjectNode().put("object", "list");
        root.putArray("data").addObject()
                .put("id", generator.modelName())
                .put("object", "model")
                .put("created", created)
                .put("owned_by", "thinktrace")
                .put("max_model_len", generator.contextLength());
        ChatCompletionsHandler.send(res, 200, root, json);
    }

    private void health(ServerRequest req, ServerResponse res) {
        ObjectNode root = json.createObjectNode()
                .put("status", "ok")
                .put("model", generator.modelName())
                .put("running", queue.running())
                .put("waiting", queue.waiting());
        ChatCompletionsHandler.send(res, 200, root, json);
    }
}
