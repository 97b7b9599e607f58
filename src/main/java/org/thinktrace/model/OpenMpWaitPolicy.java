package org.thinktrace.model;

import java.util.Map;

/**
 * How PyTorch's OpenMP threads wait between parallel regions. OpenMP reads {@code OMP_WAIT_POLICY} once, when
 * PyTorch's library loads, so only a process's environment at its start sets it: the launch scripts set it for every
 * command but {@code train}, and {@link org.thinktrace.ui.DesktopLauncher} for the app's second process.
 *
 * <p>Why passive: by default an idle OpenMP thread spins for a while before it sleeps. Between a prompt's matrix
 * products the Java threads widen the next weight into FP32 (two lanes on two cores), and a spinning OpenMP thread
 * takes a core from them: in a 64-token FP16 prompt 15 % of the samples were that spin. Sleeping threads cost a
 * wake-up per parallel region instead (docs/benchmarks.md, "OpenMP threads sleep between products").
 */
public final class OpenMpWaitPolicy {

    /** The environment variable OpenMP reads. */
    public static final String VARIABLE = "OMP_WAIT_POLICY";
    /** Idle threads sleep. */
    public static final String PASSIVE = "PASSIVE";

    private OpenMpWaitPolicy() {
    }

    /** Makes OpenMP's threads sleep when idle in a process started with this environment, unless it names a policy. */
    public static void sleepWhenIdle(Map<String, String> childEnvironment) {
        childEnvironment.putIfAbsent(VARIABLE, PASSIVE);
    }

    /** For the log: how the OpenMP threads of a process started with {@code environment} wait. */
    static String describe(Map<String, String> environment) {
        String policy = environment.get(VARIABLE);
        return policy == null
                ? "OpenMP threads spin when idle (" + VARIABLE + " not set; the launch script sets it to " + PASSIVE + ")"
                : "OpenMP threads wait with " + VARIABLE + "=" + policy;
    }
}
