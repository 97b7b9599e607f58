package org.thinktrace.serve;

/**
 * What one server accepts; requests beyond a limit get an OpenAI-shaped error (413 for the body, 400 for the
 * rest, 429 when the queue is full).
 *
 * @param maxBodyBytes    largest request body
 * @param maxMessages     most messages in one request
 * @param maxTokens       largest {@code max_tokens}; also the default when a request gives none
 * @param maxWaiting      requests waiting behind the running ones; one more is refused with 429
 */
public record ServeLimits(int maxBodyBytes, int maxMessages, int maxTokens, int maxWaiting) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_MESSAGES = 512;
    public static final int DEFAULT_MAX_TOKENS = 32_768;
    public static final int DEFAULT_MAX_WAITING = 64;

    public ServeLimits {
        if (maxBodyBytes < 1) throw new IllegalArgumentException("the body limit must be >= 1 byte, got " + maxBodyBytes);
        if (maxMessages < 1) throw new IllegalArgumentException("the message limit must be >= 1, got " + maxMessages);
        if (maxTokens < 1) throw new IllegalArgumentException("--max-tokens must be >= 1, got " + maxTokens);
        if (maxWaiting < 0) throw new IllegalArgumentException("--max-waiting must be >= 0, got " + maxWaiting);
    }

    public static ServeLimits defaults() {
        return new ServeLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_MESSAGES, DEFAULT_MAX_TOKENS, DEFAULT_MAX_WAITING);
    }

    public ServeLimits withMaxWaiting(int waiting) {
        return new ServeLimits(maxBodyBytes, maxMessages, maxTokens, waiting);
    }

    public ServeLimits withMaxTokens(int tokens) {
        return new ServeLimits(maxBodyBytes, maxMessages, tokens, maxWaiting);
    }
}
