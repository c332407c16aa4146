package io.github.asr4j.tokenizer;

/** A tokenizer folder is missing a file, or a file is malformed or unsupported; the message names the file. */
public final class TokenizerException extends RuntimeException {
    public TokenizerException(String message) {
        super(message);
    }

    public TokenizerException(String message, Throwable cause) {
        super(message, cause);
    }
}
