package org.thinktrace.text;

import java.util.Objects;

/**
 * One message as a chat template sees it. For an assistant turn, {@code content} is what the model
 * wrote, thinking included ({@code <think>…</think>} then the answer); the template itself decides
 * what of earlier thinking to keep, exactly as the model's own template does.
 */
public record ChatTurn(Role role, String content) {
    public ChatTurn {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatTurn system(String content) {
        return new ChatTurn(Role.SYSTEM, content);
    }

    public static ChatTurn user(String content) {
        return new ChatTurn(Role.USER, content);
    }

    public static ChatTurn assistant(String content) {
        return new ChatTurn(Role.ASSISTANT, content);
    }
}
