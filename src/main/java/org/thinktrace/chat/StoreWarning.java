package org.thinktrace.chat;

import java.nio.file.Path;

/** A file a store could not use, and what it did about it, for the user to see. */
public record StoreWarning(Path file, String message) {
}
