package org.thinktrace.chat;

import java.util.Objects;

/**
 * An OpenAI-compatible server the app generates with. {@link #toString()} never shows the key.
 *
 * @param baseUrl the API root, e.g. {@code http://gpu-box:8000/v1}
 * @param model   the model name the server knows
 * @param apiKey  the key, "" when the server needs none
 */
public record RemoteServer(String baseUrl, String model, String apiKey) {

    public RemoteServer {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        apiKey = apiKey == null ? "" : apiKey.strip();
    }

    @Override
    public String toString() {
        return "RemoteServer[" + baseUrl + ", model=" + model + ", key=" + (apiKey.isEmpty() ? "none" : "set") + "]";
    }
}
