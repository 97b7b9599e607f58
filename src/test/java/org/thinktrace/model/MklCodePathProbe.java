package org.thinktrace.model;

/**
 * Entry point run in a child JVM by {@link MklCpuDispatchTest}: starts the runtime with the
 * {@link RuntimeSettings#MKL_DISPATCH_PROPERTY} the JVM was given, runs one matrix product and
 * prints {@code code path N}, oneMKL's choice of kernels, or {@code no oneMKL}.
 */
public final class MklCodePathProbe {

    private MklCodePathProbe() {
    }

    public static void main(String[] args) {
        DjlRuntime runtime = DjlRuntime.start(RuntimeSettings.defaults().withThreads(1));
        try (var manager = runtime.newManager()) {
            manager.ones(new ai.djl.ndarray.types.Shape(4, 4)).matMul(manager.ones(new ai.djl.ndarray.types.Shape(4, 1)));
        }
        System.out.println(MklCpuDispatch.codePath().stream().mapToObj(p -> "code path " + p).findFirst().orElse("no oneMKL"));
    }
}
