package io.github.asr4j.vad.convert;

import java.nio.file.Path;

/** An ONNX file that cannot be converted: unreadable, truncated, or not the Silero VAD graph. */
public final class OnnxModelException extends RuntimeException {
    private final Path file;

    public OnnxModelException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public OnnxModelException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
