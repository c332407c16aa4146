package io.github.asr4j.vad;

/** VAD weights that cannot be used: missing, unreadable, or not the Silero VAD tensors and shapes. */
public final class VadModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VadModelException(String message) {
        super(message);
    }

    public VadModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
