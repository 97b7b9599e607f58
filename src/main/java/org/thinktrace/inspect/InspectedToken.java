package org.thinktrace.inspect;

import java.util.List;
import java.util.Objects;
import org.thinktrace.generate.TokenAlternative;

/**
 * One generated token as the inspector sees it.
 *
 * @param id           token id
 * @param text         the token's decoded text (a piece of a multi-byte character may decode to U+FFFD)
 * @param p            its probability in the model's distribution; NaN when unknown
 * @param entropy      entropy of the model's next-token distribution at this step, in nats; NaN when unknown
 *                     (files written before entropy was recorded)
 * @param alternatives the most likely tokens at this step, most likely first (may be empty)
 */
public record InspectedToken(int id, String text, float p, float entropy, List<TokenAlternative> alternatives) {

    public InspectedToken {
        Objects.requireNonNull(text, "text");
        alternatives = List.copyOf(alternatives);
    }

    /** {@code −ln p} in nats; see {@link TokenStats#surprisal(float)}. */
    public double surprisal() {
        return TokenStats.surprisal(p);
    }
}
