package io.github.asr4j.serve;

import io.github.asr4j.AudioFormatException;
import io.github.asr4j.SharedDecoding;
import io.github.asr4j.Task;
import io.github.asr4j.Transcriber;
import io.github.asr4j.Transcript;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * OpenAI's audio API over one loaded {@link Transcriber}: {@code POST /v1/audio/transcriptions},
 * {@code POST /v1/audio/translations}, {@code GET /v1/models}, {@code GET /health}.
 *
 * <p>{@link FormBodyHandler} reads the multipart form (uploads go to a temporary folder, deleted with each
 * response) and enforces the body limit; the transcriptions run on a {@link RequestQueue}'s
 * workers, never on the event loop. A client that disconnects cancels its job.
 *
 * <pre>{@code
 * try (Transcriber t = Transcriber.of(dir); var server = TranscriptionServer.start(t, ServerSettings.defaults("mini"))) { ... }
 * }</pre>
 */
public final class TranscriptionServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TranscriptionServer.class.getName());

    private final ServerSettings settings;
    private final Vertx vertx;
    private final RequestQueue queue;
    private final Path uploads;
    private final AtomicInteger openExchanges = new AtomicInteger();
    private HttpServer server;

    private TranscriptionServer(Transcriber transcriber, ServerSettings settings) throws IOException {
        this.settings = settings;
        this.uploads = Files.createTempDirectory("asr4j-uploads");
        this.queue = new RequestQueue(new SharedDecoding(transcriber), settings.batchSize(), settings.maxQueue());
        this.vertx = Vertx.vertx();
    }

    /** Starts serving on {@code settings}' host and port (port 0: any free one, see {@link #port()}). */
    public static TranscriptionServer start(Transcriber transcriber, ServerSettings settings) {
        try {
            TranscriptionServer s = new TranscriptionServer(transcriber, settings);
            s.server = s.vertx.createHttpServer().requestHandler(s.router())
                    .listen(settings.port(), settings.host()).toCompletionStage().toCompletableFuture().get();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the uploads folder: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the server", e);
        }
    }

    /** The port the server listens on. */
    public int port() {
        return server.actualPort();
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(this::refuseWhenDraining);
        Handler<RoutingContext> body = new FormBodyHandler(uploads, settings.maxBodyBytes());
        router.post("/v1/audio/transcriptions").handler(body).handler(ctx -> transcribe(ctx, Task.TRANSCRIBE));
        router.post("/v1/audio/translations").handler(body).handler(ctx -> transcribe(ctx, Task.TRANSLATE));
        router.get("/v1/models").handler(this::models);
        router.get("/health").handler(this::health);
        errorHandlers(router, settings);
        return router;
    }

    /** OpenAI-style JSON errors for what the router itself rejects (size, path, method, malformed body, a bug). */
    static void errorHandlers(Router router, ServerSettings settings) {
        router.errorHandler(413, ctx -> send(ctx, ApiError.tooLarge(settings.maxBodyBytes())));
        router.errorHandler(404, ctx -> send(ctx, ApiError.notFound(ctx.request().path())));
        router.errorHandler(405, ctx -> send(ctx, new ApiError(405, "method not allowed on " + ctx.request().path(),
                "invalid_request_error", null, null)));
        router.errorHandler(400, ctx -> send(ctx, ApiError.invalid(null, ctx.failure() instanceof MultipartBody.Malformed m
                ? m.getMessage() : "malformed request" + (ctx.failure() == null ? "" : ": " + ctx.failure().getMessage()))));
        router.errorHandler(417, ctx -> send(ctx, new ApiError(417, "only the expectation 100-continue is supported",
                "invalid_request_error", null, null)));
        router.errorHandler(500, ctx -> send(ctx,
                ApiError.internal(ctx.failure() == null ? "internal error" : ctx.failure().toString())));
    }

    private void refuseWhenDraining(RoutingContext ctx) {
        if (queue.accepting()) {
            ctx.next();
        } else {
            send(ctx, ApiError.shuttingDown());
        }
    }

    private void transcribe(RoutingContext ctx, Task task) {
        TranscriptionForm form;
        try {
            form = readForm(ctx, task);
        } catch (ApiError.Failure f) {
            send(ctx, f.error());
            return;
        }
        RequestQueue.Job job;
        try {
            job = queue.submit(form.audio(), form.options());
        } catch (IllegalStateException shuttingDown) {
            send(ctx, ApiError.shuttingDown());
            return;
        }
        if (job == null) {
            ctx.response().putHeader("Retry-After", Long.toString(queue.retryAfterSeconds()));
            send(ctx, ApiError.queueFull());
            return;
        }
        openExchanges.incrementAndGet();
        FormBodyHandler.keepUploadsUntil(ctx, job.result); // the job reads the upload (twice, streamed)
        ctx.response().closeHandler(gone -> job.cancel());
        Context context = vertx.getOrCreateContext();
        job.result.whenComplete((transcript, error) -> context.runOnContext(v -> {
            try {
                answer(ctx, form, task, job, transcript, error);
            } finally {
                openExchanges.decrementAndGet();
            }
        }));
    }

    /**
     * The request's form, as the body handler parsed it.
     *
     * @throws ApiError.Failure (400) naming the field at fault
     */
    static TranscriptionForm readForm(RoutingContext ctx, Task task) {
        MultipartBody.Form form = FormBodyHandler.form(ctx);
        return TranscriptionForm.read(form.fields(), form.file(), task);
    }

    private void answer(RoutingContext ctx, TranscriptionForm form, Task task, RequestQueue.Job job,
                        Transcript transcript, Throwable error) {
        HttpServerResponse response = ctx.response();
        if (response.closed() || response.ended()) {
            return; // the client went away; its job was cancelled
        }
        if (error != null) {
            send(ctx, errorFor(error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error));
            return;
        }
        if (form.stream()) {
            response.setChunked(true).putHeader("Content-Type", "text/event-stream")
                    .putHeader("Cache-Control", "no-cache");
            for (String event : ResponseBodies.streamEvents(transcript)) {
                response.write(event);
            }
            response.end();
            return;
        }
        response.putHeader("Content-Type", form.format().contentType())
                .end(ResponseBodies.render(transcript, form, task, job.durationSeconds()));
    }

    private static ApiError errorFor(Throwable error) {
        return switch (error) {
            case AudioFormatException bad -> ApiError.invalid("file", bad.getMessage());
            case CancellationException gone -> new ApiError(499, "cancelled", "invalid_request_error", null, null);
            case IllegalArgumentException bad -> ApiError.invalid(null, bad.getMessage());
            default -> {
                LOG.log(System.Logger.Level.ERROR, "transcription failed", error);
                yield ApiError.internal("transcription failed: " + error);
            }
        };
    }

    private void models(RoutingContext ctx) {
        JsonObject model = new JsonObject().put("id", settings.modelId()).put("object", "model").put("created", 0)
                .put("owned_by", "asr4j");
        ctx.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("object", "list").put("data", new JsonArray().add(model)).encode());
    }

    private void health(RoutingContext ctx) {
        RequestQueue.Stats s = queue.stats();
        ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("status", "ok")
                .put("model", settings.modelId()).put("waiting", s.waiting()).put("running", s.running()).put("completed", s.completed())
                .put("failed", s.failed()).put("cancelled", s.cancelled()).put("rejected", s.rejected()).encode());
    }

    static void send(RoutingContext ctx, ApiError error) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(error.status()).putHeader("Content-Type", "application/json").end(error.json());
    }

    /** Counters since start. */
    RequestQueue.Stats stats() {
        return queue.stats();
    }

    /**
     * Graceful shutdown: new requests get 503 at once, every accepted one is transcribed and
     * answered, then the server stops.
     *
     * @return whether everything accepted was answered within {@code timeoutMillis}
     */
    public boolean shutdown(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        boolean drained = queue.drain(timeoutMillis);
        while (openExchanges.get() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10); // the last answers are being written on the event loop
        }
        close();
        return drained && openExchanges.get() == 0;
    }

    /** Stops at once; transcriptions still running finish in the background and are not answered. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the HTTP server: " + e.getCause());
        } finally {
            try (Stream<Path> left = Files.walk(uploads)) {
                left.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not remove " + uploads + ": " + e.getMessage());
            }
        }
    }
}
