package org.thinktrace.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: ThinkTrace's version (from the jar's manifest) and the Java running it. */
final class VersionInfo implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionInfo.class.getPackage().getImplementationVersion();
        return new String[] {
                "ThinkTrace " + (version == null ? "(development build, not packaged)" : version),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"};
    }
}
