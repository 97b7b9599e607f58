package org.thinktrace.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where DJL's PyTorch engine is configured and started: offline mode, PyTorch as
 * the default engine, thread counts, device and weight precision (and, for FP16 on the CPU, the
 * C heap policy of {@link NativeHeap}; on AMD processors, oneMKL's kernel choice of
 * {@link MklCpuDispatch}, which only the first start of a process can set).
 *
 * <p>{@link #start} must run before anything else touches DJL: the engine reads
 * {@code ai.djl.pytorch.num_threads} / {@code num_interop_threads} once, when it loads. Later
 * calls reuse the loaded engine with the new settings (they then apply per thread through
 * {@link #prepareInferenceThread()}). One INFO line describes the runtime at each start.
 *
 * <p>Per-thread state: PyTorch keeps the intra-op thread count and the grad mode per thread, so
 * the thread that runs the decoder must call {@link #prepareInferenceThread()} (or
 * {@link #prepareTrainingThread()}) itself before its first forward pass.
 */
public final class DjlRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(DjlRuntime.class);
    private static final String ENGINE = "PyTorch";

    private static boolean engineLoaded;     // the first start loads PyTorch; later ones reuse it

    private final Engine engine;
    private final RuntimeSettings settings;
    private final Device device;
    private final ComputePrecision precision;

    private DjlRuntime(Engine engine, RuntimeSettings settings, Device device, ComputePrecision precision) {
        this.engine = engine;
        this.settings = settings;
        this.device = device;
        this.precision = precision;
    }

    /**
     * Configures and loads the PyTorch engine, detects the device (a GPU when the engine reports
     * one, else the CPU) and picks the precision (FP16 on GPU, {@code settings.cpuPrecision()} on CPU).
     *
     * @throws NativeLibraryMissingException when PyTorch's native libraries cannot be loaded
     */
    public static synchronized DjlRuntime start(RuntimeSettings settings) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.default_engine", ENGINE);
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(settings.threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(settings.interopThreads()));
        if (!engineLoaded && settings.mklDispatch() == RuntimeSettings.MklDispatch.CPU_FEATURES) {
            LOG.info(MklCpuDispatch.byCpuFeatures().description());       // before PyTorch's library loads
        }
        Engine engine = loadEngine();
        if (!engineLoaded && MklCpuDispatch.applied() && LOG.isInfoEnabled()) {      // reads /proc/self/maps
            LOG.info("oneMKL code path {}", MklCpuDispatch.codePath().stream().mapToObj(Integer::toString)
                    .findFirst().orElse("unknown (no oneMKL in this PyTorch build)"));
        }
        engineLoaded = true;
        boolean gpu = engine.getGpuCount() > 0;
        Device device = gpu ? Device.gpu() : Device.cpu();
        ComputePrecision precision = gpu ? ComputePrecision.FP16 : settings.cpuPrecision();
        DjlRuntime runtime = new DjlRuntime(engine, settings, device, precision);
        LOG.info("DJL {} with PyTorch {}, offline: {}", Engine.getDjlVersion(), engine.getVersion(), runtime.describe());
        if (!gpu) {
            // a prompt's activations, megabytes each and freed layer after layer, are reused instead of faulted in
            LOG.info(NativeHeap.reuseActivationBlocks().description());
            LOG.info(OpenMpWaitPolicy.describe(System.getenv()));
        }
        return runtime;
    }

    /** Starts with {@link RuntimeSettings#defaults()}. */
    public static DjlRuntime start() {
        return start(RuntimeSettings.defaults());
    }

    private static Engine loadEngine() {
        try {
            return Engine.getEngine(ENGINE);
        } catch (EngineException | IllegalArgumentException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw NativeLibraryMissingException.explain(e);
        }
    }

    /**
     * Sets up the calling thread for inference: the configured intra-op thread count and no
     * gradient recording. Call it on the generation thread before its first forward pass.
     */
    public void prepareInferenceThread() {
        prepareThread(false);
    }

    /** Sets up the calling thread for training: the configured thread count, gradients recorded. */
    public void prepareTrainingThread() {
        prepareThread(true);
    }

    private void prepareThread(boolean gradients) {
        try (NDManager base = engine.newBaseManager(device)) {
            prepareCurrentThread(base, settings.threads(), gradients);
        }
    }

    /**
     * Sets up the calling thread for PyTorch: {@code threads} intra-op threads and gradient
     * recording on or off, both per-thread settings. PyTorch creates a thread's state at its first
     * op, so a one-element op runs first, in a scratch manager under {@code parent} that is closed
     * before returning. For worker threads a component starts itself.
     */
    public static void prepareCurrentThread(NDManager parent, int threads, boolean gradients) {
        try (NDManager scratch = parent.newSubManager()) {
            scratch.zeros(new Shape(1)).add(scratch.ones(new Shape(1)));
        }
        JniUtils.setNumThreads(threads);
        JniUtils.setGradMode(gradients);
    }

    /** A new root memory manager on this runtime's device; the caller owns and closes it. */
    public NDManager newManager() {
        return engine.newBaseManager(device);
    }

    /** The loaded engine. */
    public Engine engine() {
        return engine;
    }

    /** The PyTorch version reported by the engine, e.g. {@code 2.7.1}. */
    public String engineVersion() {
        return engine.getVersion();
    }

    /** Where tensors live and run. */
    public Device device() {
        return device;
    }

    /** Whether computation runs on a GPU. */
    public boolean onGpu() {
        return device.isGpu();
    }

    /** The weight precision in use. */
    public ComputePrecision precision() {
        return precision;
    }

    /** The settings this runtime was started with. */
    public RuntimeSettings settings() {
        return settings;
    }

    /** A short line for the status bar, e.g. {@code CPU · 2 threads · FP32}. */
    public String describe() {
        String where = device.isGpu() ? "GPU " + device.getDeviceId() : "CPU";
        String threads = settings.threads() + (settings.threads() == 1 ? " thread" : " threads");
        return where + " · " + threads + " · " + precision.label();
    }
}
