package org.thinktrace.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the process was started with standard input closed ({@code thinktrace chat <&-}). Then the JVM's
 * first opened file takes descriptor 0 and {@code System.in} would read it; on Linux, {@code /proc/self/fd/0}
 * naming a file inside the Java installation (or nothing) tells.
 */
final class StandardInput {

    private StandardInput() {
    }

    static boolean isClosed() {
        Path descriptor = Path.of("/proc/self/fd/0");
        if (!Files.isDirectory(descriptor.getParent())) return false; // not Linux: cannot tell, assume open
        try {
            Path target = Files.readSymbolicLink(descriptor);
            return target.startsWith(Path.of(System.getProperty("java.home")).toRealPath());
        } catch (IOException e) {
            return true;
        }
    }
}
