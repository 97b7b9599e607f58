package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * oneMKL's kernel choice: the helper library ships with the classes, the conditions it refuses
 * are named, and on an AMD x86-64 Linux machine a fresh process that loads it gets oneMKL's
 * instruction-set specific kernels, where one that does not gets the generic ones (oneMKL's own
 * {@code mkl_serv_cpu_detect()}, asked in child JVMs because only the first runtime start of a
 * process decides).
 */
class MklCpuDispatchTest {

    @Test
    void theHelperLibraryShipsWithTheClasses() {
        assertNotNull(MklCpuDispatch.class.getResource(MklCpuDispatch.RESOURCE), MklCpuDispatch.RESOURCE);
    }

    @Test
    void refusalsNameWhatIsMissing() {
        MklCpuDispatch.Outcome mac = MklCpuDispatch.apply("Mac OS X", "aarch64", "unknown");
        assertFalse(mac.applied());
        assertTrue(mac.description().contains("not Linux: Mac OS X"), mac.description());
        MklCpuDispatch.Outcome arm = MklCpuDispatch.apply("Linux", "aarch64", "unknown");
        assertFalse(arm.applied());
        assertTrue(arm.description().contains("not x86-64: aarch64"), arm.description());
        MklCpuDispatch.Outcome intel = MklCpuDispatch.apply("Linux", "amd64", "GenuineIntel");
        assertFalse(intel.applied());
        assertTrue(intel.description().contains("GenuineIntel, not AMD"), intel.description());
    }

    @Test
    void onAnAmdProcessorOneMklTakesItsSpecificKernelsOnlyWithTheHelper() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().startsWith("linux")
                && System.getProperty("os.arch").equals("amd64")
                && CpuInfo.current().vendor().equals("AuthenticAMD"), "needs an AMD x86-64 Linux machine");
        String withHelper = probe("cpu-features");
        String without = probe("mkl-default");
        assertEquals("code path 0", without, "oneMKL's own choice on an AMD processor is its generic kernels");
        assertTrue(withHelper.startsWith("code path ") && !withHelper.equals("code path 0"), withHelper);
    }

    /** The last line a child JVM prints after starting the runtime with this dispatch property. */
    private static String probe(String dispatch) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-D" + RuntimeSettings.MKL_DISPATCH_PROPERTY + "=" + dispatch,
                "-cp", System.getProperty("java.class.path"), MklCodePathProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
