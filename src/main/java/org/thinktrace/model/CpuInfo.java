package org.thinktrace.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's vendor and feature flags, as the first processor of {@code /proc/cpuinfo} lists them: what the
 * kernel choices that depend on the processor read ({@link MklCpuDispatch}, {@link FbgemmInt8Products}).
 *
 * @param vendor its {@code vendor_id} ({@code GenuineIntel}, {@code AuthenticAMD}), or {@code unknown}
 * @param flags  its {@code flags} ({@code avx512_vnni}, {@code amx_int8}, …); empty when unknown
 */
record CpuInfo(String vendor, Set<String> flags) {

    private static final Logger LOG = LoggerFactory.getLogger(CpuInfo.class);
    private static final CpuInfo UNKNOWN = new CpuInfo("unknown", Set.of());
    private static volatile CpuInfo current;

    CpuInfo {
        flags = Set.copyOf(flags);
    }

    /** This machine's processor, read once; {@code unknown} with no flags where {@code /proc/cpuinfo} cannot be read. */
    static CpuInfo current() {
        CpuInfo info = current;
        if (info == null) {
            current = info = read(Path.of("/proc/cpuinfo"));
        }
        return info;
    }

    /** The first processor described in {@code file}, or {@code unknown} with no flags if it cannot be read. */
    static CpuInfo read(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException | SecurityException e) {
            LOG.debug("{} is not readable; the processor is taken as unknown, without features", file, e);
            return UNKNOWN;
        }
    }

    /** The first processor's vendor and flags in the lines of a {@code /proc/cpuinfo}. */
    static CpuInfo parse(List<String> lines) {
        String vendor = null;
        Set<String> flags = null;
        for (String line : lines) {
            if (vendor == null && line.startsWith("vendor_id")) {
                vendor = value(line);
            } else if (flags == null && line.startsWith("flags")) {
                flags = Arrays.stream(value(line).split("\\s+")).filter(f -> !f.isEmpty()).collect(Collectors.toSet());
            }
            if (vendor != null && flags != null) break;
        }
        return new CpuInfo(vendor == null || vendor.isEmpty() ? "unknown" : vendor, flags == null ? Set.of() : flags);
    }

    private static String value(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? "" : line.substring(colon + 1).trim();
    }

    /** Whether it multiplies 8-bit values with VNNI ({@code avx512_vnni} or {@code avx_vnni}). */
    boolean hasVnni() {
        return flags.contains("avx512_vnni") || flags.contains("avx_vnni");
    }
}
