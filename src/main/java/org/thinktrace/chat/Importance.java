package org.thinktrace.chat;

import java.util.List;

/**
 * Step importance by resampling for the chosen steps.
 *
 * @param steps    one result per resampled step, in step order
 * @param tokens   tokens generated in all
 * @param complete false when cancelled before every chosen step was resampled
 */
public record Importance(List<StepResampling> steps, int tokens, boolean complete) {
    public Importance {
        steps = List.copyOf(steps);
    }
}
