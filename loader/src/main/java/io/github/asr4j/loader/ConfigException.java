package io.github.asr4j.loader;

import java.nio.file.Path;

/** A model configuration file that is missing, malformed, or inconsistent; the message names the file and field. */
public class ConfigException extends RuntimeException {
    public ConfigException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public ConfigException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
