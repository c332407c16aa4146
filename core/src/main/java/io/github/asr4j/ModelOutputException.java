package io.github.asr4j;

/**
 * The network produced numbers decoding cannot use (NaN or infinite logits): the weights are
 * broken, or the arithmetic overflowed. The transcription stops instead of returning nonsense.
 */
public class ModelOutputException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ModelOutputException(String message) {
        super(message);
    }
}
