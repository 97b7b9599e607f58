package org.thinktrace.serve;

import org.thinktrace.generate.GenerationRequest;

/**
 * One validated {@code POST /v1/chat/completions}.
 *
 * @param model        the model the client named
 * @param request      what the generator runs
 * @param stream       answer with server-sent events
 * @param includeUsage streaming: send a last chunk with {@code usage} ({@code stream_options.include_usage})
 * @param logprobs     report each token's log-probability
 * @param topLogprobs  alternatives per token to report (0..20; only with {@code logprobs})
 */
record ChatCall(String model, GenerationRequest request, boolean stream, boolean includeUsage, boolean logprobs,
                int topLogprobs) {
}
