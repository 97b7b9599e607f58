package org.thinktrace.model;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the Intel oneMKL inside PyTorch's CPU build picks its kernels on AMD processors.
 *
 * <p>oneMKL (statically linked into {@code libtorch_cpu.so}) uses its AVX2 and AVX-512 kernels
 * only when its {@code mkl_serv_intel_cpu_true()} reports an Intel processor; on AMD processors
 * with the same instruction sets it runs generic kernels. On an AMD EPYC with AVX2
 * that made PyTorch's single-row FP32 product, the whole of a decode step, run a core at 13-14
 * GB/s instead of 18-20 (docs/benchmarks.md). {@link #byCpuFeatures()} loads a one-function
 * library ({@code src/main/native/mkl_cpu_features.c}, shipped prebuilt for x86-64 Linux) into
 * the process's global symbol scope before PyTorch loads; PyTorch's library then binds that
 * function to it, and oneMKL chooses its kernels by the instruction sets it still detects itself.
 *
 * <p>Applies only on x86-64 Linux with an AMD processor, and only if it runs before PyTorch's
 * library is loaded ({@link DjlRuntime#start} calls it first). Elsewhere it does nothing and says
 * why. Kernels of another code path round differently, so results are not bit-identical to
 * oneMKL's generic kernels ({@link RuntimeSettings.MklDispatch}).
 */
public final class MklCpuDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(MklCpuDispatch.class);

    static final String RESOURCE = "native/linux-x86-64/libthinktrace-mkl-cpu-features.so";
    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_NOLOAD = 0x4;
    private static final int RTLD_GLOBAL = 0x100;

    /** The outcome of a request, with a reason when it did not apply. */
    public record Outcome(boolean applied, String description) {
    }

    private static Outcome outcome;
    private static NativeLibrary loaded;      // held for the life of the process: never unloaded

    private MklCpuDispatch() {
    }

    /**
     * Makes oneMKL choose its kernels by the CPU's instruction sets on AMD processors. Idempotent;
     * the first call decides.
     *
     * @return whether it applied, and a description for the log
     */
    public static synchronized Outcome byCpuFeatures() {
        if (outcome == null) {
            outcome = apply(System.getProperty("os.name", ""), System.getProperty("os.arch", ""), CpuInfo.current().vendor());
        }
        return outcome;
    }

    /** Whether an earlier call applied it in this process. */
    public static synchronized boolean applied() {
        return outcome != null && outcome.applied();
    }

    /**
     * The code path oneMKL has chosen, as its {@code mkl_serv_cpu_detect()} reports it (0 for its
     * generic kernels; larger for the instruction-set specific ones); empty when no PyTorch CPU
     * library with oneMKL is loaded in this process (another build or OS, or before the engine has
     * loaded). Linux only: the library is found in {@code /proc/self/maps}.
     */
    public static OptionalInt codePath() {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            Optional<String> torch = maps.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(file -> file.endsWith("/libtorch_cpu.so")).findFirst();
            if (torch.isEmpty()) {
                return OptionalInt.empty();
            }
            // RTLD_NOLOAD: a handle to the library already loaded, without moving it into the global scope
            NativeLibrary library = NativeLibrary.getInstance(torch.get(), Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_NOLOAD));
            return OptionalInt.of(library.getFunction("mkl_serv_cpu_detect").invokeInt(new Object[0]));
        } catch (IOException | UncheckedIOException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            LOG.info("oneMKL's CPU detection could not be called", e);
            return OptionalInt.empty();
        }
    }

    static Outcome apply(String os, String arch, String vendor) {
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return new Outcome(false, "oneMKL kernel choice left as is (not Linux: " + os + ")");
        }
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return new Outcome(false, "oneMKL kernel choice left as is (not x86-64: " + arch + ")");
        }
        if (!vendor.equals("AuthenticAMD")) {
            return new Outcome(false, "oneMKL kernel choice left as is (CPU vendor " + vendor + ", not AMD)");
        }
        try {
            Path file = Files.createTempFile("thinktrace-mkl-cpu-features", ".so");
            try {
                try (InputStream in = MklCpuDispatch.class.getResourceAsStream(RESOURCE)) {
                    if (in == null) {
                        return new Outcome(false, "oneMKL kernel choice left as is (" + RESOURCE + " missing from the class path)");
                    }
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                loaded = NativeLibrary.getInstance(file.toString(), Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_GLOBAL));
            } finally {
                Files.deleteIfExists(file);           // once loaded, the mapping outlives the file
            }
            return new Outcome(true, "oneMKL chooses its kernels by CPU features on this AMD processor");
        } catch (IOException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            // a temporary folder mounted noexec, or JNA without its native part
            LOG.warn("the oneMKL kernel-choice helper could not be loaded", e);
            return new Outcome(false, "oneMKL kernel choice left as is (could not load its helper: " + e.getMessage() + ")");
        }
    }
}
