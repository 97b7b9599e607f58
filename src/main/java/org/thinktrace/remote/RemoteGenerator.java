package org.thinktrace.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.GenerationStats;
import org.thinktrace.generate.ModelIdentity;
import org.thinktrace.generate.TextGenerator;

/**
 * A {@link TextGenerator} that streams from an OpenAI-compatible server ({@code POST {base}/chat/completions},
 * server-sent events) with the same events as the local generator: {@code PromptProcessed} (no prompt ids: the
 * server renders and encodes the prompt), thinking and answer deltas split by {@link DeltaRouter}, one
 * {@code TokenInfo} per token when the server reports logprobs (asked for with {@code top_logprobs=5}; none
 * otherwise), and one {@code Finished} or {@code Failed}.
 *
 * <p>Each generation runs on its own daemon thread, one at a time. {@link GenerationHandle#cancel()} closes
 * the response stream (the server sees the client go away) and ends with {@code CANCELLED} within one token.
 * A connection that cannot be made is retried with doubling waits ({@link RemoteEndpoint#retries()}); a server
 * that answered is never retried, except once without logprobs when it refused them with a 400. HTTP errors
 * become a {@code Failed} event whose message names the status and what to do (401 key, 404 model or URL,
 * 429 busy, 5xx server failure). The API key is sent in the {@code Authorization} header only and never
 * logged.
 */
public final class RemoteGenerator implements TextGenerator {

    /** Name of the threads that run remote generations. */
    public static final String THREAD_NAME = "thinktrace-remote";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteGenerator.class);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().name("thinktrace-remote-watchdog").daemon().unstarted(r));

    private final RemoteEndpoint endpoint;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client;
    private final AtomicBoolean running = new AtomicBoolean();
    private final int contextLength;
    private volatile Call current;
    private volatile boolean closed;

    /** A generator for {@code endpoint}, without contacting it (the context length is unknown: 0). */
    public RemoteGenerator(RemoteEndpoint endpoint) {
        this(endpoint, 0);
    }

    private RemoteGenerator(RemoteEndpoint endpoint, int contextLength) {
        this(endpoint, contextLength, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(endpoint.connectTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    private RemoteGenerator(RemoteEndpoint endpoint, int contextLength, HttpClient client) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.contextLength = contextLength;
        this.client = client;
    }

    /**
     * Checks the server first ({@code GET {base}/models}: reachable, key accepted, model known) and learns the
     * context length when the server reports it ({@code max_model_len}, as vLLM does). A server without a
     * models list is accepted as is.
     */
    public static RemoteGenerator connect(RemoteEndpoint endpoint) throws RemoteException, InterruptedException {
        RemoteGenerator probe = new RemoteGenerator(endpoint, 0);
        try {
            return checked(probe);
        } catch (RemoteException | InterruptedException | RuntimeException e) {
            probe.close();
            throw e;
        }
    }

    /** {@code probe}, or a generator that knows the context, once the models list says the model is served. */
    private static RemoteGenerator checked(RemoteGenerator probe) throws RemoteException, InterruptedException {
        RemoteEndpoint endpoint = probe.endpoint;
        HttpResponse<String> response;
        // The request's timeout ends at the response's headers; a body that stalls after them is timed here.
        java.util.concurrent.CompletableFuture<HttpResponse<String>> sent =
                probe.client.sendAsync(probe.request("/models").GET().build(), HttpResponse.BodyHandlers.ofString());
        try {
            response = sent.get(endpoint.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            sent.cancel(true);
            throw new RemoteException("the server at " + endpoint.baseUrl() + " did not send its models list within "
                    + endpoint.responseTimeout().toSeconds() + " s", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw new RemoteException(HttpFailures.forConnection(io, endpoint, 1), io);
            throw new IllegalStateException("asking " + endpoint.baseUrl() + " for its models failed", cause);
        } catch (InterruptedException e) {
            sent.cancel(true);
            throw e;
        }
        int status = response.statusCode();
        if (status == 404 || status == 405) return probe; // no models list: try the chat endpoint as it is
        if (status != 200) {
            throw new RemoteException(HttpFailures.forStatus(status, endpoint, HttpFailures.serverMessage(probe.json, response.body())));
        }
        JsonNode data;
        try {
            data = probe.json.readTree(response.body()).path("data");
        } catch (IOException e) {
            LOG.info("the models list of {} is not JSON; trying the chat endpoint as it is", endpoint.baseUrl(), e);
            return probe; // not the OpenAI shape: the chat request will tell
        }
        StringBuilder known = new StringBuilder();
        for (JsonNode model : data) {
            String id = model.path("id").asText();
            if (id.equals(endpoint.model())) {
                return new RemoteGenerator(endpoint, model.path("max_model_len").asInt(0), probe.client);
            }
            known.append(known.isEmpty() ? "" : ", ").append(id);
        }
        if (known.isEmpty()) return probe;
        throw new RemoteException("the server at " + endpoint.baseUrl() + " does not serve the model '" + endpoint.model()
                + "'; it serves: " + known);
    }

    @Override
    public GenerationHandle start(GenerationRequest request, Consumer<GenerationEvent> listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        if (closed) throw new IllegalStateException("the remote generator is closed");
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("a generation is already running on " + endpoint.model());
        }
        Call call = new Call(request, listener);
        current = call;
        call.thread = Thread.ofPlatform().name(THREAD_NAME).daemon().start(call::run);
        return call;
    }

    @Override
    public String modelName() {
        return endpoint.model();
    }

    /** The server's base URL and the model's id: a remote model's weights cannot be hashed. */
    @Override
    public ModelIdentity identity() {
        return ModelIdentity.remote(endpoint.baseUrl().toString(), endpoint.model());
    }

    /** The server's base URL ({@code http://host:port/v1}). */
    public java.net.URI baseUrl() {
        return endpoint.baseUrl();
    }

    @Override
    public String deviceDescription() {
        return "remote, " + endpoint.baseUrl().getHost() + (endpoint.baseUrl().getPort() > 0 ? ":" + endpoint.baseUrl().getPort() : "");
    }

    /** The server's context window when it reported one (see {@link #connect}), else 0. */
    @Override
    public int contextLength() {
        return contextLength;
    }

    /** Cancels a running generation and lets the HTTP client's threads end; the generator cannot start another. */
    @Override
    public void close() {
        closed = true;
        Call c = current;
        if (c != null) c.cancel();
        client.shutdown();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(endpoint.responseTimeout());
        if (endpoint.apiKey() != null) b.header("Authorization", "Bearer " + endpoint.apiKey());
        return b;
    }

    /** One generation: its thread, its response stream, its cancel flag. */
    private final class Call implements GenerationHandle {
        private final GenerationRequest request;
        private final Consumer<GenerationEvent> listener;
        private final CompletableFuture<GenerationEvent> done = new CompletableFuture<>();
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private volatile boolean idle;
        private volatile InputStream stream;
        private volatile long lastActivity;
        private volatile Thread thread;

        Call(GenerationRequest request, Consumer<GenerationEvent> listener) {
            this.request = request;
            this.listener = listener;
        }

        @Override
        public void cancel() {
            if (!cancelled.compareAndSet(false, true)) return;
            closeStream();
            Thread t = thread;
            if (t != null) t.interrupt();
        }

        @Override
        public CompletableFuture<GenerationEvent> done() {
            return done;
        }

        private void closeStream() {
            InputStream s = stream;
            if (s != null) close(s);
        }

        private static void close(InputStream s) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing a remote response stream failed", e);
            }
        }

        void run() {
            GenerationEvent last;
            long start = System.nanoTime();
            DeltaRouter router = new DeltaRouter(listener);
            RemoteChunk.Usage[] usage = new RemoteChunk.Usage[1];
            String[] finish = new String[1];
            ScheduledFuture<?> watchdog = null;
            try {
                HttpResponse<InputStream> response = open();
                if (response == null) {
                    last = finished(FinishReason.CANCELLED, router, usage[0], start);
                } else {
                    stream = response.body();
                    if (cancelled.get()) closeStream();
                    listener.accept(new GenerationEvent.PromptProcessed(new int[0], "", false));
                    lastActivity = System.nanoTime();
                    long period = Math.max(100, Math.min(1000, endpoint.idleTimeout().toMillis() / 4));
                    watchdog = WATCHDOG.scheduleAtFixedRate(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
                    String error = read(router, usage, finish);
                    router.finish();
                    if (error != null) LOG.warn("the remote generation on {} failed: the server {}", endpoint.baseUrl(), error);
                    last = error != null ? new GenerationEvent.Failed("the server at " + endpoint.baseUrl() + " " + error,
                            null)
                            : finished(reason(finish[0]), router, usage[0], start);
                }
            } catch (RemoteException e) {
                LOG.warn("remote generation failed: {}", e.getMessage(), e);
                last = new GenerationEvent.Failed(e.getMessage(), e);
            } catch (IOException e) {
                if (cancelled.get()) {
                    router.finish();
                    last = finished(FinishReason.CANCELLED, router, usage[0], start);
                } else {
                    LOG.warn("remote stream failed", e);
                    String message = idle ? "the server at " + endpoint.baseUrl() + " sent nothing for "
                            + endpoint.idleTimeout().toSeconds() + " s; the generation was stopped"
                            : "the connection to " + endpoint.baseUrl() + " broke while streaming: " + e.getMessage();
                    last = new GenerationEvent.Failed(message, e);
                }
            } catch (InterruptedException e) {
                router.finish();
                last = finished(FinishReason.CANCELLED, router, usage[0], start);
            } catch (RuntimeException e) { // the listener or a malformed stream: visible, never swallowed
                LOG.error("remote generation failed", e);
                last = new GenerationEvent.Failed("remote generation failed: " + e.getMessage(), e);
            } finally {
                if (watchdog != null) watchdog.cancel(false);
                closeStream();
                Thread.interrupted(); // a late cancel must not leak into the listener
            }
            try {
                listener.accept(last);
            } catch (RuntimeException e) {
                end();
                done.completeExceptionally(e);
                return;
            }
            end();
            done.complete(last);
        }

        private void end() {
            if (current == this) current = null;
            running.set(false);
        }

        /**
         * Sends the request, retrying connection failures; null when cancelled first.
         * A 400 that names logprobs is answered by one more request without them.
         */
        private HttpResponse<InputStream> open() throws IOException, InterruptedException, RemoteException {
            boolean logprobs = true;
            while (true) {
                HttpResponse<InputStream> response = sendWithRetries(ChatRequestBody.of(json, endpoint.model(), request, logprobs));
                if (response == null || response.statusCode() == 200) return response;
                String body;
                // An error body that stalls is cut after the idle timeout, as a stream would be.
                ScheduledFuture<?> guard = WATCHDOG.schedule(() -> close(response.body()),
                        endpoint.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
                try (InputStream in = response.body()) {
                    body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    if (cancelled.get()) return null;
                    LOG.warn("reading the error body of {} failed", endpoint.baseUrl(), e);
                    body = "";
                } finally {
                    guard.cancel(false);
                }
                String said = HttpFailures.serverMessage(json, body);
                if (response.statusCode() == 400 && logprobs && said.toLowerCase(Locale.ROOT).contains("logprob")) {
                    LOG.info("{} refused logprobs ({}); generating without token probabilities", endpoint.baseUrl(), said);
                    logprobs = false;
                    continue;
                }
                throw new RemoteException(HttpFailures.forStatus(response.statusCode(), endpoint, said));
            }
        }

        private HttpResponse<InputStream> sendWithRetries(String body) throws InterruptedException, RemoteException {
            HttpRequest http = request("/chat/completions")
                    .header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long backoff = endpoint.firstBackoff().toMillis();
            for (int attempt = 1; ; attempt++) {
                if (cancelled.get()) return null;
                try {
                    return client.send(http, HttpResponse.BodyHandlers.ofInputStream());
                } catch (IOException e) {
                    if (cancelled.get()) return null;
                    if (!HttpFailures.isConnectionFailure(e) || attempt > endpoint.retries()) {
                        throw new RemoteException(HttpFailures.forConnection(e, endpoint, attempt), e);
                    }
                    LOG.info("cannot reach {} (attempt {}): {}; retrying in {} ms", endpoint.baseUrl(), attempt,
                            e.getMessage(), backoff);
                    Thread.sleep(backoff);
                    backoff *= 2;
                }
            }
        }

        /**
         * Reads the events until {@code [DONE]} or the end; returns what went wrong, said of the server (an error it
         * streamed, a response it aborted, or a stream that ended with neither a finish reason nor {@code [DONE]}:
         * the connection was cut), else null.
         */
        private String read(DeltaRouter router, RemoteChunk.Usage[] usage, String[] finish) throws IOException {
            SseReader events = new SseReader(stream, () -> lastActivity = System.nanoTime());
            boolean sawDone = false;
            for (SseEvent event; (event = events.next()) != null; ) {
                if (cancelled.get()) throw new IOException("cancelled");
                String data = event.data().strip();
                if (data.equals("[DONE]")) {
                    sawDone = true;
                    break;
                }
                if (data.isEmpty()) continue;
                RemoteChunk chunk = RemoteChunk.of(json.readTree(data));
                if (chunk.error() != null) return "reported an error while streaming: " + chunk.error();
                router.accept(chunk);
                if (chunk.usage() != null) usage[0] = chunk.usage();
                if (chunk.finishReason() != null) finish[0] = chunk.finishReason();
            }
            if (cancelled.get()) throw new IOException("cancelled");
            if (!sawDone && finish[0] == null) return "ended the stream before the response (no finish_reason, no [DONE])";
            if (ABORTED.contains(finish[0])) return "stopped the response (finish_reason '" + finish[0] + "')";
            return null;
        }

        private void checkIdle() {
            if (System.nanoTime() - lastActivity > endpoint.idleTimeout().toNanos()) {
                idle = true;
                closeStream();
            }
        }

        /** Finish reasons with which servers end a response they gave up on (vLLM's "abort"), not a finished one. */
        private static final java.util.Set<String> ABORTED = java.util.Set.of("abort", "error");

        private FinishReason reason(String finish) {
            return "length".equals(finish) ? FinishReason.LENGTH : FinishReason.EOS;
        }

        private GenerationEvent.Finished finished(FinishReason reason, DeltaRouter router, RemoteChunk.Usage usage,
                                                  long start) {
            long end = System.nanoTime();
            int thinking = router.thinkingTokens();
            int answer = router.answerTokens();
            if (thinking + answer == 0 && usage != null && usage.completionTokens() >= 0) {
                thinking = Math.max(0, usage.reasoningTokens());
                answer = Math.max(0, usage.completionTokens() - thinking);
            }
            long first = router.firstTextNanos();
            double ttft = seconds(start, first == 0 ? end : first);
            double decodeSeconds = first == 0 ? 0 : seconds(first, end);
            int generated = thinking + answer;
            double decodeRate = generated > 1 && decodeSeconds > 0 ? (generated - 1) / decodeSeconds : 0;
            long thinkingEnd = router.thinkingEndNanos();
            double thinkingSeconds = router.thinking().isEmpty() ? 0 : seconds(start, thinkingEnd == 0 ? end : thinkingEnd);
            GenerationStats stats = new GenerationStats(usage == null ? 0 : Math.max(0, usage.promptTokens()), ttft, 0,
                    decodeRate, thinking, answer, thinkingSeconds, seconds(start, end));
            return new GenerationEvent.Finished(reason, router.thinking(), router.answer(), router.thinkingUnfinished(),
                    false, stats);
        }
    }

    private static double seconds(long from, long to) {
        return to <= from ? 0 : (to - from) / 1e9;
    }
}
