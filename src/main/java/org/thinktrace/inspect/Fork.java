package org.thinktrace.inspect;

import java.util.List;
import org.thinktrace.generate.TokenAlternative;

/**
 * A forking token: one of the generated tokens where the model's next-token distribution had the highest
 * entropy (Wang et al. 2025, arXiv 2506.01939), with what else it might have written.
 *
 * @param token        the token's index in the response (thinking tokens first)
 * @param text         the token's text
 * @param p            its probability
 * @param entropy      entropy of the distribution it was drawn from, in nats
 * @param alternatives the most likely tokens at that step, most likely first
 */
public record Fork(int token, String text, float p, float entropy, List<TokenAlternative> alternatives) {

    public Fork {
        alternatives = List.copyOf(alternatives);
    }
}
