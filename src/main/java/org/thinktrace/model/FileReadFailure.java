package org.thinktrace.model;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;

/**
 * Why a file could not be read, in words: Java's file-system exceptions often carry only the path
 * ({@code AccessDeniedException: /m/model.safetensors}), which reads as no reason at all.
 */
public final class FileReadFailure {

    private FileReadFailure() {
    }

    /** The reason, without the path: "permission denied", "no such file", … or the exception's own message. */
    public static String describe(IOException e) {
        return switch (e) {
            case AccessDeniedException ignored -> "permission denied";
            case NoSuchFileException ignored -> "no such file";
            case FileSystemLoopException ignored -> "a symbolic link loop";
            case FileSystemException fs when fs.getReason() != null -> fs.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
