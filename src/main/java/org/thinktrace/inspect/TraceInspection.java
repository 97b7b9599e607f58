package org.thinktrace.inspect;

import java.util.List;

/**
 * What the text-and-token analysis found in one response.
 *
 * @param steps  the thinking's steps with tags, ranges and surprisal
 * @param forks  the highest-entropy tokens, highest first (empty without entropy data)
 * @param loops  repeated steps and word runs
 * @param answer the normalised final answer, or null when the answer text states none
 */
public record TraceInspection(List<TraceStep> steps, List<Fork> forks, List<TraceLoop> loops, String answer) {

    public TraceInspection {
        steps = List.copyOf(steps);
        forks = List.copyOf(forks);
        loops = List.copyOf(loops);
    }
}
