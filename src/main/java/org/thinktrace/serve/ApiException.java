package org.thinktrace.serve;

/**
 * A request the server refuses, answered with {@code status} and OpenAI's error body
 * {@code {"error": {"message", "type", "param", "code"}}}.
 */
final class ApiException extends Exception {

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    ApiException(int status, String type, String code, String param, String message) {
        this(status, type, code, param, message, null);
    }

    /** A refusal caused by {@code cause} (kept for the log). */
    ApiException(int status, String type, String code, String param, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    /** 400 for a field with a wrong value or type. */
    static ApiException invalid(String param, String message) {
        return new ApiException(400, "invalid_request_error", "invalid_value", param, message);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String param() {
        return param;
    }

    String code() {
        return code;
    }
}
