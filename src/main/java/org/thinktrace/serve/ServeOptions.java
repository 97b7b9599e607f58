package org.thinktrace.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * How {@code thinktrace serve} listens.
 *
 * @param host           address to bind; a loopback address unless an API key is set
 * @param port           TCP port; 0 picks a free one
 * @param apiKey         the bearer token every {@code /v1} request must carry; null = none (loopback only)
 * @param reasoningField where the thinking goes in responses
 * @param limits         sizes and queue length
 */
public record ServeOptions(String host, int port, String apiKey, ReasoningField reasoningField, ServeLimits limits) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public ServeOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(reasoningField, "reasoningField");
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (apiKey != null && apiKey.isBlank()) throw new IllegalArgumentException("the API key is empty");
        if (apiKey == null && !isLoopback(host)) {
            throw new IllegalArgumentException("binding to " + host + " (reachable from other machines) needs an API key;"
                    + " pass --api-key KEY, or bind to 127.0.0.1");
        }
    }

    /** Loopback on an ephemeral port, no key, default field and limits (tests, benchmarks). */
    public static ServeOptions loopback() {
        return new ServeOptions(DEFAULT_HOST, 0, null, ReasoningField.REASONING_CONTENT, ServeLimits.defaults());
    }

    public ServeOptions withApiKey(String key) {
        return new ServeOptions(host, port, key, reasoningField, limits);
    }

    public ServeOptions withReasoningField(ReasoningField field) {
        return new ServeOptions(host, port, apiKey, field, limits);
    }

    public ServeOptions withLimits(ServeLimits l) {
        return new ServeOptions(host, port, apiKey, reasoningField, l);
    }

    /** Whether {@code host} names only this machine (127.0.0.0/8, ::1, "localhost"). */
    static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) return false;
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'", e);
        }
    }
}
