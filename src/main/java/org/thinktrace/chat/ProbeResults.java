package org.thinktrace.chat;

/**
 * What the inspector's model probes found about one version of a response, kept with that version so that they
 * are shown again when the conversation is reopened, without running the model.
 *
 * @param convergence the "When did it know?" probes' result; null when they were never run
 * @param importance  the step-importance resampling's result; null when it was never run
 */
public record ProbeResults(Convergence convergence, Importance importance) {

    /** No probe has been run. */
    public static final ProbeResults NONE = new ProbeResults(null, null);

    public ProbeResults withConvergence(Convergence result) {
        return new ProbeResults(result, importance);
    }

    public ProbeResults withImportance(Importance result) {
        return new ProbeResults(convergence, result);
    }
}
