package org.thinktrace.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/** The user's message for an HTTP status or a failed connection to a remote server. */
final class HttpFailures {

    private HttpFailures() {
    }

    /** The server's own {@code error.message} (or the start of the body), for appending to a message. */
    static String serverMessage(ObjectMapper json, String body) {
        try {
            JsonNode root = json.readTree(body);
            JsonNode message = root.path("error").path("message");
            if (message.isTextual()) return message.asText();
            if (root.path("error").isTextual()) return root.path("error").asText();
            if (root.path("message").isTextual()) return root.path("message").asText();
        } catch (IOException e) {
            // not JSON: the raw text follows
        }
        String text = body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    static String forStatus(int status, RemoteEndpoint endpoint, String serverMessage) {
        String said = serverMessage.isEmpty() ? "" : ": " + serverMessage;
        return switch (status) {
            case 401, 403 -> "the server at " + endpoint.baseUrl() + " refused the API key (" + status + ")" + said
                    + (endpoint.apiKey() == null ? "; no key was sent: set THINKTRACE_API_KEY (command line) or the"
                    + " server's key in Settings" : "; check the key");
            case 404 -> "the server at " + endpoint.baseUrl() + " does not know the model '" + endpoint.model()
                    + "' or the URL (404)" + said + "; the base URL usually ends in /v1";
            case 429 -> "the server at " + endpoint.baseUrl() + " is busy or rate-limiting (429)" + said + "; try again later";
            default -> status >= 500
                    ? "the server at " + endpoint.baseUrl() + " failed (" + status + ")" + said
                    : "the server at " + endpoint.baseUrl() + " refused the request (" + status + ")" + said;
        };
    }

    /** Whether a failed send may be retried: the connection itself could not be made. */
    static boolean isConnectionFailure(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                || e.getCause() instanceof ConnectException;
    }

    static String forConnection(IOException e, RemoteEndpoint endpoint, int attempts) {
        if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
            return "the server at " + endpoint.baseUrl() + " did not answer within "
                    + endpoint.responseTimeout().toSeconds() + " s";
        }
        String what = e.getMessage() != null ? e.getMessage()
                : e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
        return "cannot reach the server at " + endpoint.baseUrl() + " (" + what + ")"
                + (attempts > 1 ? " after " + attempts + " attempts" : "");
    }
}
