package org.thinktrace.generate;

import java.util.List;
import java.util.Objects;

/**
 * Where a generation resumes inside an earlier response: the first tokens of that response are kept as they were
 * (branching, editing a thought, resampling from a step), optionally followed by an inserted token or text, and the
 * model generates on from there.
 *
 * <p>The kept tokens are the model's own earlier output: they are placed in the KV cache (reusing whatever prefix
 * it already holds), then reported again as {@link GenerationEvent.TokenInfo} with their recorded figures, so that
 * the new response holds the whole text. Inserted tokens are run one at a time and reported against the model's
 * distribution at their position, exactly like sampled tokens.
 *
 * @param kept   the recorded leading tokens of the earlier response, in order
 * @param insert what follows them before the model continues
 */
public record Continuation(List<GenerationEvent.TokenInfo> kept, Insert insert) {

    public Continuation {
        kept = List.copyOf(kept);
        Objects.requireNonNull(insert, "insert");
    }

    /** Continue right after {@code kept}. */
    public static Continuation after(List<GenerationEvent.TokenInfo> kept) {
        return new Continuation(kept, new Nothing());
    }

    /** The ids of the kept tokens. */
    public int[] keptIds() {
        return kept.stream().mapToInt(GenerationEvent.TokenInfo::id).toArray();
    }

    /** What is inserted after the kept tokens. */
    public sealed interface Insert {
    }

    /** Nothing: the model continues right after the kept tokens. */
    public record Nothing() implements Insert {
    }

    /** One token by id, e.g. an alternative the model gave at that position. */
    public record Token(int id) implements Insert {
    }

    /**
     * Text the user wrote, encoded as plain text (a typed {@code </think>} stays characters, never a control
     * token).
     */
    public record Text(String text) implements Insert {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }
}
