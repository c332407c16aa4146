package io.github.asr4j;

/**
 * Audio input that cannot be decoded: an unsupported or unrecognised format, a malformed header,
 * a chunk that claims more bytes than the file holds, or sample values that are not finite.
 *
 * <p>The message names the source (usually the file), and where it helps the byte offset, chunk
 * or sample index at fault, so a user can tell what is wrong without a hex editor.
 */
public class AudioFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public AudioFormatException(String message) {
        super(message);
    }

    public AudioFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
