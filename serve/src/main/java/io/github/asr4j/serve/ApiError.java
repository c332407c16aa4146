package io.github.asr4j.serve;

import io.vertx.core.json.JsonObject;

/**
 * A request the server answers with an error status and OpenAI's error body,
 * {@code {"error": {"message", "type", "param", "code"}}}.
 *
 * @param param the form field at fault, or null
 * @param code a short machine-readable reason, or null
 */
record ApiError(int status, String message, String type, String param, String code) {

    static ApiError invalid(String param, String message) {
        return new ApiError(400, message, "invalid_request_error", param, null);
    }

    static ApiError tooLarge(long limitBytes) {
        return new ApiError(413, "the request body is larger than this server accepts (" + limitBytes + " bytes)",
                "invalid_request_error", "file", "request_too_large");
    }

    static ApiError queueFull() {
        return new ApiError(429, "the transcription queue is full; retry after the time in Retry-After",
                "rate_limit_error", null, "queue_full");
    }

    static ApiError shuttingDown() {
        return new ApiError(503, "the server is shutting down and takes no new requests",
                "server_error", null, "shutting_down");
    }

    static ApiError notFound(String path) {
        return new ApiError(404, "no such endpoint: " + path, "invalid_request_error", null, "not_found");
    }

    static ApiError internal(String message) {
        return new ApiError(500, message, "server_error", null, null);
    }

    String json() {
        return new JsonObject().put("error", new JsonObject().put("message", message).put("type", type)
                .put("param", param).put("code", code)).encode();
    }

    /** Thrown while reading a request, to be answered as this error. */
    static final class Failure extends RuntimeException {
        private final ApiError error;

        Failure(ApiError error) {
            super(error.message());
            this.error = error;
        }

        ApiError error() {
            return error;
        }
    }

    Failure failure() {
        return new Failure(this);
    }
}
