package io.github.asr4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.Transcriber;
import io.github.asr4j.testkit.SharedData;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The queue under pressure: 429 when full, cancelling on disconnect, graceful shutdown. */
class ServerBehaviourTest {
    private static final String PATH = "/v1/audio/transcriptions";

    /** A job that takes a while on the random checkpoint: beam search, full windows, every fallback temperature. */
    private static List<String> slow(Path audio) {
        return ServeFixture.form(audio, "max_tokens", "224", "beam_size", "5", "temperature_increment_on_fallback", "0.2");
    }

    private static ServerSettings settings(int batchSize, int maxQueue) {
        return new ServerSettings("127.0.0.1", 0, maxQueue, batchSize, 32L * 1024 * 1024, "mini");
    }

    @Test
    void fullQueueAnswers429AndAClientThatLeavesIsCancelledQueuedOrRunning() throws Exception {
        String expected = ServeFixture.cli().printed(); // also warms the kernels: a cold encoder pass is slow to leave
        try (Transcriber transcriber = ServeFixture.transcriber();
             TranscriptionServer server = TranscriptionServer.start(transcriber, settings(1, 1))) {
            Socket running = RawClient.postAndKeepOpen(server.port(), PATH, slow(SharedData.require("audio/long/gb0.wav")));
            awaitStats(server, s -> s.running() == 1);
            Socket queued = RawClient.postAndKeepOpen(server.port(), PATH, ServeFixture.form(ServeFixture.jfk()));
            awaitStats(server, s -> s.waiting() == 1);

            HttpResponse<String> refused = RawClient.post(url(server), ServeFixture.form(ServeFixture.jfk()))
                    .get(60, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            assertThat(new JsonObject(refused.body()).getJsonObject("error").getString("code")).isEqualTo("queue_full");

            queued.close(); // never started: dropped from the queue
            awaitStats(server, s -> s.cancelled() == 1 && s.waiting() == 0);
            assertThat(server.stats().running()).as("the slow job is still running").isEqualTo(1);
            running.close(); // stops after its current window
            awaitStats(server, s -> s.cancelled() == 2 && s.running() == 0);
            assertThat(server.stats().completed()).as("neither cancelled job completed").isZero();

            HttpResponse<String> after = RawClient.post(url(server), ServeFixture.form(ServeFixture.jfk(),
                    "response_format", "text")).get(60, TimeUnit.SECONDS);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).isEqualTo(expected);
            assertThat(server.stats().rejected()).isEqualTo(1);
        }
    }

    @Test
    void shutdownFinishesAcceptedRequestsAndRefusesNewOnes() throws Exception {
        try (Transcriber transcriber = ServeFixture.transcriber()) {
            TranscriptionServer server = TranscriptionServer.start(transcriber, settings(1, 4));
            List<CompletableFuture<HttpResponse<String>>> accepted = new ArrayList<>();
            // still running when the shutdown starts (then two more wait behind it)
            accepted.add(RawClient.post(url(server), ServeFixture.form(ServeFixture.jfk(), "max_tokens", "96")));
            awaitStats(server, s -> s.running() == 1);
            for (int i = 0; i < 2; i++) {
                accepted.add(RawClient.post(url(server), ServeFixture.form(ServeFixture.jfk(), "response_format", "text")));
            }
            awaitStats(server, s -> s.waiting() == 2);

            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.shutdown(120_000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitRefusing(server);
            HttpResponse<String> late = RawClient.post(url(server), ServeFixture.form(ServeFixture.jfk()))
                    .get(60, TimeUnit.SECONDS);
            assertThat(late.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(late.body()).getJsonObject("error").getString("code")).isEqualTo("shutting_down");

            assertThat(stopped.get(120, TimeUnit.SECONDS)).as("drained in time").isTrue();
            assertThat(accepted.get(0).get(1, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            for (CompletableFuture<HttpResponse<String>> r : accepted.subList(1, 3)) {
                assertThat(r.get(1, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
                assertThat(r.get().body()).isEqualTo(ServeFixture.cli().printed());
            }
        }
    }

    private static String url(TranscriptionServer server) {
        return "http://127.0.0.1:" + server.port() + PATH;
    }

    private static void awaitStats(TranscriptionServer server, Predicate<RequestQueue.Stats> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.test(server.stats())) {
            assertThat(System.nanoTime()).as("waited 60 s; stats %s", server.stats()).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void awaitRefusing(TranscriptionServer server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (RawClient.get("http://127.0.0.1:" + server.port() + "/health").statusCode() != 503) {
            assertThat(System.nanoTime()).as("health never turned 503").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
