package org.thinktrace.remote;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A test stand-in for vLLM, llama-server or DeepSeek's API on 127.0.0.1: answers {@code POST /v1/chat/completions}
 * with a scripted status and body, or with scripted server-sent events (each {@code data:} payload as given; one that
 * starts with {@code :} is written as a comment line, as servers send keep-alives),
 * and records every request body and Authorization header. With {@link #paced()}, each event waits for a permit.
 */
final class ScriptedSseServer implements AutoCloseable {

    /** One scripted answer. */
    record Reply(int status, String body, List<String> events, boolean saysDone) {
        static Reply stream(String... events) {
            return new Reply(200, null, List.of(events), true);
        }

        /** A stream cut short: the events, then the end of the body without {@code [DONE]}. */
        static Reply cut(String... events) {
            return new Reply(200, null, List.of(events), false);
        }

        static Reply error(int status, String body) {
            return new Reply(status, body, List.of(), true);
        }
    }

    private final List<Reply> replies = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Semaphore permits = new Semaphore(Integer.MAX_VALUE / 2);
    volatile boolean clientWentAway;
    private final WebServer server;

    ScriptedSseServer(Reply... script) {
        replies.addAll(List.of(script));
        server = WebServer.builder().host("127.0.0.1").port(0).routing(HttpRouting.builder()
                .get("/v1/models", (req, res) -> res.header("Content-Type", "application/json")
                        .send("{\"object\":\"list\",\"data\":[{\"id\":\"remote-r1\",\"object\":\"model\",\"max_model_len\":32768}]}"))
                .post("/v1/chat/completions", (req, res) -> {
                    bodies.add(req.content().as(String.class));
                    authorizations.add(req.headers().first(io.helidon.http.HeaderNames.AUTHORIZATION).orElse(""));
                    Reply reply = replies.size() > 1 ? replies.remove(0) : replies.get(0);
                    if (reply.status() != 200) {
                        res.status(reply.status()).header("Content-Type", "application/json").send(reply.body());
                        return;
                    }
                    res.header("Content-Type", "text/event-stream");
                    try (OutputStream out = res.outputStream()) {
                        for (String data : reply.events()) {
                            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) throw new IllegalStateException("no permit");
                            String event = data.startsWith(":") ? data + "\n" : "data: " + data + "\n\n";
                            out.write(event.getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                        if (reply.saysDone()) out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                    } catch (UncheckedIOException | io.helidon.webserver.CloseConnectionException e) {
                        clientWentAway = true;
                        throw e;
                    } catch (IOException e) {
                        clientWentAway = true;
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })).build().start();
    }

    /** From now on each event waits for {@link #release}. */
    ScriptedSseServer paced() {
        permits.drainPermits();
        return this;
    }

    void release(int events) {
        permits.release(events);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    @Override
    public void close() {
        permits.release(Integer.MAX_VALUE / 4);
        server.stop();
    }
}
