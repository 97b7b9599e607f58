package org.thinktrace.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks the user where to write a file. The application asks through the platform's save dialog
 * ({@link #system()}); the window takes the asker as a dependency, so a headless run (which cannot drive a native
 * dialog) gives the answer another way and everything after the question runs as in the application.
 */
@FunctionalInterface
interface FileDialogs {

    /**
     * What a save dialog asks.
     *
     * @param title           the dialog's title
     * @param initialFileName the file name offered
     * @param description     what kind of file it is ("Markdown")
     * @param extension       the file's extension, without the dot
     */
    record SaveRequest(String title, String initialFileName, String description, String extension) {
    }

    /** The file to write, or empty when the user cancels. Called on the FX thread (a modal dialog runs a nested event loop
     * until it is answered, so the window keeps painting). */
    Optional<Path> saveFile(Window owner, SaveRequest request);

    /** The platform's save dialog ({@link FileChooser}), filtered to the request's extension. */
    static FileDialogs system() {
        return (owner, request) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(request.title());
            chooser.setInitialFileName(request.initialFileName());
            chooser.getExtensionFilters().add(
                    new FileChooser.ExtensionFilter(request.description(), "*." + request.extension()));
            File target = chooser.showSaveDialog(owner);
            return Optional.ofNullable(target).map(File::toPath);
        };
    }
}
