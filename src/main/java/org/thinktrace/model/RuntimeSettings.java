package org.thinktrace.model;

/**
 * How the inference runtime should use the machine.
 *
 * @param threads        PyTorch intra-op threads (the ones a matrix product splits over), at least 1
 * @param interopThreads PyTorch inter-op threads (parallel independent ops), at least 1
 * @param cpuPrecision   weight precision when running on the CPU (a GPU always uses FP16)
 */
public record RuntimeSettings(int threads, int interopThreads, ComputePrecision cpuPrecision) {

    public RuntimeSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (interopThreads < 1) {
            throw new IllegalArgumentException("interop threads must be at least 1, got " + interopThreads);
        }
        if (cpuPrecision == null) {
            throw new IllegalArgumentException("cpu precision must be given");
        }
    }

    /**
     * One intra-op thread per available processor, one inter-op thread (a decoder runs its ops
     * in sequence, so more would only compete for the same cores), FP32 on CPU.
     */
    public static RuntimeSettings defaults() {
        return new RuntimeSettings(Runtime.getRuntime().availableProcessors(), 1, ComputePrecision.FP32);
    }

    /** These settings with another intra-op thread count. */
    public RuntimeSettings withThreads(int count) {
        return new RuntimeSettings(count, interopThreads, cpuPrecision);
    }

    /** These settings with another CPU precision. */
    public RuntimeSettings withCpuPrecision(ComputePrecision precision) {
        return new RuntimeSettings(threads, interopThreads, precision);
    }
}
