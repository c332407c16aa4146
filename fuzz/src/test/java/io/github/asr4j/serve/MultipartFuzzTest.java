package io.github.asr4j.serve;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.asr4j.Task;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The server's request parsing: fuzzed bytes posted as a {@code multipart/form-data} body to a
 * Vert.x server that parses it exactly as {@link TranscriptionServer} does (the same body handler,
 * form reader and error handlers) but answers 200 instead of transcribing. Every request must be
 * answered, and with 200, 400 (malformed body or a field at fault) or 413 (too large): a 500 is an
 * untyped exception in the parsing, no answer in 30 s a hang, a dropped connection an exception
 * that escaped into Vert.x. The whole HTTP path, about 50 inputs/s; {@link MultipartBodyFuzzTest}
 * fuzzes the same decoding without the socket, thousands of times faster.
 */
class MultipartFuzzTest {
    static final String BOUNDARY = "asr4jfuzz";
    /** Small, so the fuzzer also reaches the size limit. */
    private static final ServerSettings SETTINGS = new ServerSettings("127.0.0.1", 0, 1, 1, 64 * 1024, "fuzz");
    private static final Set<Integer> ANSWERS = Set.of(200, 400, 413);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:" + startServer() + "/v1/audio/transcriptions");

    @FuzzTest
    void multipart(byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(ENDPOINT).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no answer in 30 s to a " + body.length + "-byte body");
        } catch (IOException e) {
            throw new AssertionError("the server dropped the connection instead of answering: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (!ANSWERS.contains(response.statusCode())) {
            throw new AssertionError("answered " + response.statusCode() + ": " + response.body());
        }
        if (response.statusCode() != 200 && !response.body().contains("\"message\"")) {
            throw new AssertionError("error " + response.statusCode() + " without an OpenAI error body: " + response.body());
        }
    }

    private static int startServer() {
        try {
            Path uploads = Files.createTempDirectory("asr4j-fuzz-uploads");
            Vertx vertx = Vertx.vertx();
            Router router = Router.router(vertx);
            router.post("/v1/audio/transcriptions").handler(new FormBodyHandler(uploads, SETTINGS.maxBodyBytes()))
                    .handler(ctx -> {
                        try {
                            TranscriptionServer.readForm(ctx, Task.TRANSCRIBE);
                            ctx.response().end("parsed");
                        } catch (ApiError.Failure f) {
                            TranscriptionServer.send(ctx, f.error());
                        }
                    });
            TranscriptionServer.errorHandlers(router, SETTINGS);
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get();
            return server.actualPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the fuzzed server", e);
        }
    }
}
