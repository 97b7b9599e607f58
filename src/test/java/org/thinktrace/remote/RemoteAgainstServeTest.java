package org.thinktrace.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.thinktrace.testing.ServedBundledModel;
import org.thinktrace.generate.FinishReason;
import org.thinktrace.generate.GenerationEvent;
import org.thinktrace.generate.GenerationEvent.TokenInfo;
import org.thinktrace.generate.GenerationHandle;
import org.thinktrace.generate.GenerationRequest;
import org.thinktrace.generate.SamplingSettings;
import org.thinktrace.remote.RemoteGeneratorTest.Events;
import org.thinktrace.text.ChatTurn;

/**
 * The bundled model served by {@code thinktrace serve} and read back by the remote generator: at temperature 0
 * the remote trace equals the local one token for token. Skips when the bundled model is absent.
 */
class RemoteAgainstServeTest {

    private static ServedBundledModel served;

    @BeforeAll
    static void load() throws Exception {
        served = ServedBundledModel.start();
    }

    @AfterAll
    static void close() {
        if (served != null) served.close();
    }

    private static GenerationRequest question(String text, int maxTokens) {
        return new GenerationRequest(List.of(ChatTurn.user(text)), SamplingSettings.greedy(), maxTokens, 0, List.of());
    }

    private static RemoteGenerator remote() {
        return new RemoteGenerator(RemoteEndpoint.of(served.server().baseUri().toString(),
                served.generator().modelName(), null));
    }

    @Test
    void aRemoteTraceAtTemperatureZeroEqualsTheLocalOne() throws Exception {
        GenerationRequest request = question("What is 23 + 58?", 400);
        Events local = new Events();
        GenerationEvent.Finished localEnd = assertInstanceOf(GenerationEvent.Finished.class,
                served.generator().start(request, local).done().get(120, TimeUnit.SECONDS));
        Events remote = new Events();
        GenerationEvent.Finished remoteEnd;
        try (RemoteGenerator generator = remote()) {
            remoteEnd = assertInstanceOf(GenerationEvent.Finished.class,
                    generator.start(request, remote).done().get(120, TimeUnit.SECONDS));
        }
        assertFalse(localEnd.thinking().isEmpty(), "the bundled model thinks");
        assertEquals(localEnd.thinking(), remoteEnd.thinking());
        assertEquals(localEnd.answer(), remoteEnd.answer());
        assertEquals(localEnd.reason(), remoteEnd.reason());
        assertEquals(localEnd.thinkingUnfinished(), remoteEnd.thinkingUnfinished());
        assertEquals(local.thinking(), remote.thinking());
        assertEquals(local.answer(), remote.answer());
        List<TokenInfo> a = local.of(TokenInfo.class);
        List<TokenInfo> b = remote.of(TokenInfo.class);
        assertArrayEquals(a.stream().mapToInt(TokenInfo::id).toArray(), b.stream().mapToInt(TokenInfo::id).toArray());
        assertEquals(a.stream().map(TokenInfo::text).toList(), b.stream().map(TokenInfo::text).toList());
        assertEquals(a.stream().map(TokenInfo::phase).toList(), b.stream().map(TokenInfo::phase).toList());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).probability(), b.get(i).probability(), 1e-5, "token " + i);
            assertEquals(a.get(i).entropy(), b.get(i).entropy(), 1e-5, "entropy of token " + i);
            assertEquals(a.get(i).top().stream().map(t -> t.id()).toList(), b.get(i).top().stream().map(t -> t.id()).toList(),
                    "alternatives of token " + i);
        }
        assertEquals(localEnd.stats().thinkingTokens(), remoteEnd.stats().thinkingTokens());
        assertEquals(localEnd.stats().answerTokens(), remoteEnd.stats().answerTokens());
        assertEquals(localEnd.stats().promptTokens(), remoteEnd.stats().promptTokens());
    }

    @Test
    void cancellingARemoteGenerationStopsTheServersModel() throws Exception {
        Events events = new Events();
        try (RemoteGenerator generator = remote()) {
            GenerationHandle handle = generator.start(question("Sort these numbers: 9, 4, 7, 1, 8, 2, 6, 3, 5.", 700), events);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (events.of(TokenInfo.class).size() < 3 && System.nanoTime() < deadline) Thread.sleep(2);
            handle.cancel();
            GenerationEvent.Finished end = assertInstanceOf(GenerationEvent.Finished.class, handle.done().get(10, TimeUnit.SECONDS));
            assertEquals(FinishReason.CANCELLED, end.reason());
        }
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create(served.server().baseUri().toString().replace("/v1", "/health"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\"running\":0")) break;
            Thread.sleep(5);
        }
        assertTrue(body.contains("\"running\":0"), "the server's generation ended: " + body);
    }
}
