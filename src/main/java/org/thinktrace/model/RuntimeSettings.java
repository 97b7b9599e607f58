package org.thinktrace.model;

/**
 * How the inference runtime should use the machine.
 *
 * @param threads        PyTorch intra-op threads (the ones a matrix product splits over), at least 1
 * @param interopThreads PyTorch inter-op threads (parallel independent ops), at least 1
 * @param cpuPrecision   weight precision when running on the CPU (a GPU always uses FP16)
 * @param mklDispatch    how PyTorch's oneMKL picks its kernels; decided by the first
 *                       {@link DjlRuntime#start} of the process, ignored by later ones
 */
public record RuntimeSettings(int threads, int interopThreads, ComputePrecision cpuPrecision, MklDispatch mklDispatch) {

    /**
     * How the oneMKL inside PyTorch's CPU build picks its kernels ({@link MklCpuDispatch}). The
     * system property {@value #MKL_DISPATCH_PROPERTY} ({@code cpu-features} or {@code mkl-default})
     * sets the default.
     */
    public enum MklDispatch {
        /** By the processor's instruction sets, on AMD processors too (faster; the default). */
        CPU_FEATURES,
        /**
         * oneMKL's own choice: generic kernels on processors that are not Intel's. Training keeps
         * this, because the shipped model was trained with it and {@code thinktrace train}
         * reproduces it bit for bit.
         */
        MKL_DEFAULT;

        static MklDispatch fromProperty() {
            String value = System.getProperty(MKL_DISPATCH_PROPERTY, "cpu-features");
            return switch (value) {
                case "cpu-features" -> CPU_FEATURES;
                case "mkl-default" -> MKL_DEFAULT;
                default -> throw new IllegalArgumentException("system property " + MKL_DISPATCH_PROPERTY
                        + " must be cpu-features or mkl-default, got '" + value + "'");
            };
        }
    }

    /** The system property that sets the default {@link MklDispatch}. */
    public static final String MKL_DISPATCH_PROPERTY = "thinktrace.mkl.dispatch";

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
        if (mklDispatch == null) {
            throw new IllegalArgumentException("MKL dispatch must be given");
        }
    }

    /**
     * One intra-op thread per available processor, one inter-op thread (a decoder runs its ops
     * in sequence, so more would only compete for the same cores), FP32 on CPU, oneMKL kernels
     * by CPU features unless the system property {@value #MKL_DISPATCH_PROPERTY} says otherwise.
     */
    public static RuntimeSettings defaults() {
        return new RuntimeSettings(Runtime.getRuntime().availableProcessors(), 1, ComputePrecision.FP32,
                MklDispatch.fromProperty());
    }

    /** These settings with another intra-op thread count. */
    public RuntimeSettings withThreads(int count) {
        return new RuntimeSettings(count, interopThreads, cpuPrecision, mklDispatch);
    }

    /**
     * The most weights a matrix of a model may have for that model to run on one intra-op thread whatever the
     * thread count asked: 4 MB of FP32, the size below which {@link RowSplitKernel} keeps a product whole
     * because handing it to another thread costs more than it saves.
     */
    static final long ONE_THREAD_MATRIX_WEIGHTS = RowSplitKernel.DEFAULT_MIN_SPLIT_BYTES / Float.BYTES;

    /**
     * These settings for running {@code config}'s model: at most one intra-op thread when none of its matrices
     * (a layer's MLP projections, the {@code lm_head}) reaches {@link #ONE_THREAD_MATRIX_WEIGHTS}, the thread count
     * unchanged otherwise. Every op of such a model is too small for a second thread to pay for waking it: the
     * bundled model (largest matrix 131,072 weights) decodes about a quarter faster on one thread than on two.
     */
    public RuntimeSettings fittedTo(ModelConfig config) {
        long largest = Math.max((long) config.hiddenSize() * config.intermediateSize(),
                (long) config.hiddenSize() * config.vocabSize());
        return largest < ONE_THREAD_MATRIX_WEIGHTS ? withThreads(1) : this;
    }

    /** These settings with another CPU precision. */
    public RuntimeSettings withCpuPrecision(ComputePrecision precision) {
        return new RuntimeSettings(threads, interopThreads, precision, mklDispatch);
    }

    /** These settings with another oneMKL kernel choice. */
    public RuntimeSettings withMklDispatch(MklDispatch dispatch) {
        return new RuntimeSettings(threads, interopThreads, cpuPrecision, dispatch);
    }
}
