package io.github.asr4j.serve;

/**
 * How {@link TranscriptionServer} listens and queues.
 *
 * @param port 0 for any free port
 * @param maxQueue requests that may wait for a worker; one more is answered 429
 * @param batchSize requests transcribed at once, sharing decoder passes
 * @param maxBodyBytes largest request body; a larger one is answered 413
 * @param modelId the name {@code /v1/models} gives the loaded model (requests may name any model)
 */
public record ServerSettings(String host, int port, int maxQueue, int batchSize, long maxBodyBytes, String modelId) {
    /** OpenAI's own upload limit. */
    public static final long DEFAULT_MAX_BODY_BYTES = 25L * 1024 * 1024;

    public ServerSettings {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        if (maxQueue < 1) throw new IllegalArgumentException("maxQueue must be at least 1, got " + maxQueue);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        if (maxBodyBytes < 1) throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }

    /** Loopback, port 8000, 64 waiting, batches of 8, 25 MB bodies. */
    public static ServerSettings defaults(String modelId) {
        return new ServerSettings("127.0.0.1", 8000, 64, 8, DEFAULT_MAX_BODY_BYTES, modelId);
    }

    public ServerSettings withPort(int p) {
        return new ServerSettings(host, p, maxQueue, batchSize, maxBodyBytes, modelId);
    }
}
