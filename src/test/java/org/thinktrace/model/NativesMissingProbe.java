package org.thinktrace.model;

/**
 * Entry point run in a child JVM by {@link DjlRuntimeMissingNativesTest}: starts the runtime and
 * prints what it reports. Exit code 0 when the engine started, 3 with the message on stdout when
 * {@link NativeLibraryMissingException} was thrown.
 */
public final class NativesMissingProbe {

    private NativesMissingProbe() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(DjlRuntime.start(RuntimeSettings.defaults().withThreads(1)).describe());
        } catch (NativeLibraryMissingException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
