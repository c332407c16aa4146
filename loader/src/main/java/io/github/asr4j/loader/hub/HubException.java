package io.github.asr4j.loader.hub;

/**
 * A model could not be found in the Hugging Face cache or fetched from the hub. {@link #kind()}
 * says which case it is; the message says what to do about it.
 */
public final class HubException extends RuntimeException {
    /** What went wrong. */
    public enum Kind {
        /** The repository does not exist, or is private and no (valid) token was sent. */
        REPOSITORY_NOT_FOUND,
        /** The repository is gated: its conditions must be accepted on the hub, then a token sent. */
        GATED_REPOSITORY,
        /** The hub refused the token ({@code HF_TOKEN}). */
        UNAUTHORIZED,
        /** The branch, tag or commit does not exist in the repository. */
        REVISION_NOT_FOUND,
        /** A required file is not in the repository. */
        FILE_NOT_FOUND,
        /** The hub could not be reached and the file is not in the cache. */
        NO_NETWORK,
        /** {@code HF_HUB_OFFLINE} is set and the file is not in the cache. */
        OFFLINE_NOT_CACHED,
        /** A download ended short, too long or with the wrong checksum, after the retries. */
        DOWNLOAD_FAILED,
        /** Any other answer from the server (a 5xx, a server that is not a hub). */
        HTTP_ERROR,
        /** The cache folder could not be read or written. */
        CACHE_IO
    }

    private final Kind kind;

    HubException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    HubException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** Which failure this is. */
    public Kind kind() {
        return kind;
    }
}
