package org.thinktrace.generate;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the model shipped with ThinkTrace lives: {@code models/thinktrace-r1-tiny} in the installation
 * folder (the parent of the folder holding {@code thinktrace.jar}, e.g. the project root for
 * {@code target/thinktrace.jar}), or else under the working directory.
 */
public final class BundledModel {

    private static final Logger LOG = LoggerFactory.getLogger(BundledModel.class);

    /** The folder name of the bundled model. */
    public static final Path RELATIVE = Path.of("models", "thinktrace-r1-tiny");

    private BundledModel() {
    }

    /** The places looked at, in order. */
    public static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        installationFolder().ifPresent(root -> out.add(root.resolve(RELATIVE)));
        Path cwd = Path.of("").toAbsolutePath().resolve(RELATIVE);
        if (!out.contains(cwd)) out.add(cwd);
        return out;
    }

    /** The first candidate that is a folder with a {@code config.json}. */
    public static Optional<Path> locate() {
        return candidates().stream().filter(p -> Files.isRegularFile(p.resolve("config.json"))).findFirst();
    }

    private static Optional<Path> installationFolder() {
        CodeSource source = BundledModel.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) return Optional.empty();
        try {
            Path location = Path.of(source.getLocation().toURI()).toAbsolutePath();
            // thinktrace.jar (or target/classes when run from the build) sits in one folder below the installation
            Path folder = location.getParent();
            return Optional.ofNullable(folder == null ? null : folder.getParent());
        } catch (URISyntaxException | IllegalArgumentException e) {
            LOG.debug("the code source {} is not a file location", source.getLocation(), e);
            return Optional.empty(); // not a file location (e.g. a custom class loader): only the working dir is tried
        }
    }
}
