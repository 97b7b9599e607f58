package org.thinktrace.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuInfoTest {

    /** The first processor's lines of a 2-core Intel Xeon's /proc/cpuinfo (shortened flags), then the second's. */
    private static final List<String> XEON = List.of(
            "processor\t: 0",
            "vendor_id\t: GenuineIntel",
            "model name\t: Intel(R) Xeon(R) Processor",
            "flags\t\t: fpu sse2 avx2 avx512f avx512_vnni amx_int8 amx_tile",
            "",
            "processor\t: 1",
            "vendor_id\t: OtherVendor",
            "flags\t\t: fpu");

    @Test
    void readsTheFirstProcessorsVendorAndFlags() {
        CpuInfo info = CpuInfo.parse(XEON);
        assertEquals("GenuineIntel", info.vendor());
        assertEquals(Set.of("fpu", "sse2", "avx2", "avx512f", "avx512_vnni", "amx_int8", "amx_tile"), info.flags());
        assertTrue(info.hasVnni());
    }

    @Test
    void anAmdProcessorWithAvxVnniOnly() {
        CpuInfo info = CpuInfo.parse(List.of("vendor_id : AuthenticAMD", "flags : fpu avx2 avx_vnni avx_vnni"));
        assertEquals("AuthenticAMD", info.vendor());
        assertTrue(info.hasVnni(), "avx_vnni counts, and a repeated flag is no error");
    }

    @Test
    void linesWithoutVendorOrFlagsGiveAnUnknownProcessorWithoutFeatures() {
        CpuInfo info = CpuInfo.parse(List.of("processor : 0", "vendor_id :", "flags :"));
        assertEquals("unknown", info.vendor());
        assertEquals(Set.of(), info.flags());
        assertFalse(info.hasVnni());
        assertEquals(new CpuInfo("unknown", Set.of()), CpuInfo.parse(List.of()));
    }

    @Test
    void anUnreadableFileGivesAnUnknownProcessor(@TempDir Path folder) throws Exception {
        assertEquals(new CpuInfo("unknown", Set.of()), CpuInfo.read(folder.resolve("missing")));
        Path file = Files.writeString(folder.resolve("cpuinfo"), String.join("\n", XEON));
        assertEquals(CpuInfo.parse(XEON), CpuInfo.read(file));
    }
}
