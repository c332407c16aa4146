package io.github.asr4j;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Says in words why a file operation failed (Java's file exceptions carry only the path). */
public final class FileProblems {
    private FileProblems() {}

    /** E.g. "no such file or folder", "permission denied", or the exception's own reason. */
    public static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file or folder";
            case AccessDeniedException x -> "permission denied";
            case FileAlreadyExistsException x -> "a file of that name is in the way";
            case NotDirectoryException x -> "not a folder";
            case FileSystemException x when x.getReason() != null -> x.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }
}
