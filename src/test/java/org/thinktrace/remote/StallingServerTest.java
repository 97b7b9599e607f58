package org.thinktrace.remote;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.thinktrace.generate.GenerationEvent;

/** A server that sends its status and headers, then part of its body, and then nothing: no call waits for ever. */
class StallingServerTest {

    /** Answers every request with {@code status}, a body of 100 bytes announced, one sent; closes on {@link #close}. */
    private static final class StallingServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        private final Thread thread;

        StallingServer(int status) throws IOException {
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // the request's headers; its body is not needed
                        }
                        OutputStream out = client.getOutputStream();
                        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: 100"
                                + "\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            });
        }

        String baseUrl() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aModelsListThatStallsAfterItsHeadersTimesOut() throws Exception {
        try (StallingServer server = new StallingServer(200)) {
            RemoteEndpoint endpoint = RemoteEndpoint.of(server.baseUrl(), "remote-r1", null)
                    .withResponseTimeout(Duration.ofSeconds(1));
            RemoteException e = assertThrows(RemoteException.class, () -> RemoteGenerator.connect(endpoint));
            assertTrue(e.getMessage().contains("did not send its models list within 1 s"), e.getMessage());
        }
    }

    @Test
    void anErrorBodyThatStallsIsCutAfterTheIdleTimeout() throws Exception {
        try (StallingServer server = new StallingServer(500);
             RemoteGenerator generator = new RemoteGenerator(RemoteEndpoint.of(server.baseUrl(), "remote-r1", null)
                     .withIdleTimeout(Duration.ofMillis(300)))) {
            GenerationEvent last = generator.start(RemoteGeneratorTest.ask("hi"), e -> { }).done().get(30, TimeUnit.SECONDS);
            GenerationEvent.Failed failed = assertInstanceOf(GenerationEvent.Failed.class, last);
            assertTrue(failed.message().contains("500"), failed.message());
        }
    }
}
