package org.thinktrace.generate;

/**
 * Not even the shortest prompt of a request fits the model's context with room for one token: the request's fault,
 * not the model's ({@code serve} answers it as a 400, as OpenAI's and vLLM's servers do). The message says how long
 * the prompt is and what the context holds.
 */
public final class PromptTooLongException extends Exception {

    public PromptTooLongException(String message) {
        super(message);
    }
}
