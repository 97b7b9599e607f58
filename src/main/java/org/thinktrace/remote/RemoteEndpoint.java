package org.thinktrace.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * An OpenAI-compatible server to generate with. {@link #toString()} never shows the key.
 *
 * @param baseUrl         the API root, e.g. {@code http://gpu-box:8000/v1} ({@code /chat/completions} is appended)
 * @param model           the model name the server knows
 * @param apiKey          sent as {@code Authorization: Bearer KEY}; null = none
 * @param connectTimeout  to open the connection
 * @param responseTimeout from sending the request to the response's headers (for the models list, to its whole body)
 * @param idleTimeout     the longest silence while streaming before the generation fails
 * @param retries         further attempts when the connection cannot be made (never after the server answered)
 * @param firstBackoff    the wait before the first retry; doubled for each next one
 */
public record RemoteEndpoint(URI baseUrl, String model, String apiKey, Duration connectTimeout,
                             Duration responseTimeout, Duration idleTimeout, int retries, Duration firstBackoff) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_RETRIES = 3;
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(500);

    public RemoteEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the server URL must be http:// or https:// with a host, got '" + baseUrl + "'");
        }
        if (model.isBlank()) throw new IllegalArgumentException("the remote model name is empty");
        if (apiKey != null && apiKey.isBlank()) apiKey = null;
        if (retries < 0) throw new IllegalArgumentException("retries must be >= 0, got " + retries);
    }

    /** An endpoint with the default timeouts and retries. {@code url} may end with or without {@code /}. */
    public static RemoteEndpoint of(String url, String model, String apiKey) {
        URI uri;
        try {
            uri = URI.create(url.strip().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: '" + url + "'", e);
        }
        return new RemoteEndpoint(uri, model, apiKey, DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_RETRIES, DEFAULT_FIRST_BACKOFF);
    }

    public RemoteEndpoint withRetries(int n, Duration backoff) {
        return new RemoteEndpoint(baseUrl, model, apiKey, connectTimeout, responseTimeout, idleTimeout, n, backoff);
    }

    public RemoteEndpoint withResponseTimeout(Duration response) {
        return new RemoteEndpoint(baseUrl, model, apiKey, connectTimeout, response, idleTimeout, retries, firstBackoff);
    }

    public RemoteEndpoint withIdleTimeout(Duration idle) {
        return new RemoteEndpoint(baseUrl, model, apiKey, connectTimeout, responseTimeout, idle, retries, firstBackoff);
    }

    /** {@code baseUrl} + {@code path} (path starts with {@code /}). */
    URI resolve(String path) {
        return URI.create(baseUrl.toString() + path);
    }

    @Override
    public String toString() {
        return "RemoteEndpoint[" + baseUrl + ", model=" + model + ", key=" + (apiKey == null ? "none" : "set") + "]";
    }
}
