package io.github.asr4j.loader;

import java.nio.file.Path;

/** A safetensors file or shard index that cannot be used; the message names the file and the problem. */
public class SafeTensorsException extends RuntimeException {
    private final Path file;

    public SafeTensorsException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public SafeTensorsException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
