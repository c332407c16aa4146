package io.github.asr4j;

/**
 * A checkpoint that cannot be bound to its network (Whisper or Qwen3-ASR): a tensor is missing, has the wrong
 * shape or dtype, or the configuration describes a network this code does not build. The message
 * names the checkpoint, the tensor and what was expected.
 */
public class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
