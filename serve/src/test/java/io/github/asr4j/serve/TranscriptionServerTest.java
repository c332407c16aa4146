package io.github.asr4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.Transcriber;
import io.github.asr4j.testkit.SharedData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's endpoints called with curl, each answer compared with the command line's output. */
class TranscriptionServerTest {
    private static Transcriber transcriber;
    private static TranscriptionServer server;
    private static String base;
    private static CliReference cli;
    private static CliReference cliWords;
    private static CliReference cliTranslate;

    @BeforeAll
    static void start() throws Exception {
        cli = ServeFixture.cli();
        cliWords = ServeFixture.cli(ServeFixture.WORD_FLAGS);
        cliTranslate = ServeFixture.cli("--task", "translate");
        transcriber = ServeFixture.transcriber();
        server = TranscriptionServer.start(transcriber, ServeFixture.settings(2, 8));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (transcriber != null) transcriber.close();
    }

    private static Curl.Response transcribe(String... fields) throws Exception {
        return Curl.post(base + "/v1/audio/transcriptions", ServeFixture.form(ServeFixture.jfk(), fields));
    }

    @Test
    void everyResponseFormatIsWhatTheCommandLineGives() throws Exception {
        Curl.assumeInstalled();
        Curl.Response json = transcribe("response_format", "json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.headers().get("content-type")).startsWith("application/json");
        JsonObject cliJson = new JsonObject(cli.file("json"));
        assertThat(new JsonObject(json.body()).getString("text")).isEqualTo(cliJson.getString("text"));

        Curl.Response text = transcribe("response_format", "text");
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.body()).isEqualTo(cli.printed()).isNotBlank();

        Curl.Response srt = transcribe("response_format", "srt");
        assertThat(srt.status()).isEqualTo(200);
        assertThat(srt.body()).isEqualTo(cli.file("srt")).contains(" --> ");
        Curl.Response vtt = transcribe("response_format", "vtt");
        assertThat(vtt.body()).isEqualTo(cli.file("vtt")).startsWith("WEBVTT");
        assertThat(vtt.headers().get("content-type")).startsWith("text/vtt");

        Curl.Response verbose = transcribe("response_format", "verbose_json");
        JsonObject v = new JsonObject(verbose.body());
        ServeFixture.assertSegmentsMatch(v, cliJson);
        assertThat(v.getString("task")).isEqualTo("transcribe");
        assertThat(v.getDouble("duration")).isBetween(10.9, 11.1); // jfk.wav is 11.0 s
        assertThat(v.containsKey("words")).isFalse();
    }

    @Test
    void wordsAndSubtitleOptionsMatchTheCommandLineToo() throws Exception {
        Curl.assumeInstalled();
        JsonObject cliJson = new JsonObject(cliWords.file("json"));
        Curl.Response verbose = transcribe("response_format", "verbose_json", "timestamp_granularities[]", "word");
        assertThat(verbose.status()).isEqualTo(200);
        JsonObject v = new JsonObject(verbose.body());
        assertThat(v.containsKey("segments")).as("only words asked for").isFalse();
        List<JsonObject> cliWordsList = new ArrayList<>();
        cliJson.getJsonArray("segments").forEach(s -> ((JsonObject) s).getJsonArray("words")
                .forEach(w -> cliWordsList.add((JsonObject) w)));
        JsonArray words = v.getJsonArray("words");
        assertThat(words.size()).isEqualTo(cliWordsList.size()).isPositive();
        for (int i = 0; i < words.size(); i++) {
            JsonObject got = words.getJsonObject(i);
            JsonObject want = cliWordsList.get(i);
            assertThat(got.getString("word")).isEqualTo(want.getString("word").strip());
            assertThat(got.getDouble("start")).isEqualTo(want.getDouble("start"));
            assertThat(got.getDouble("end")).isEqualTo(want.getDouble("end"));
        }
        Curl.Response srt = transcribe("response_format", "srt", "word_timestamps", "true", "max_line_width", "20",
                "max_line_count", "2");
        assertThat(srt.body()).isEqualTo(cliWords.file("srt"));
    }

    @Test
    void translationsAndStreamingOverCurl() throws Exception {
        Curl.assumeInstalled();
        Curl.Response translated = Curl.post(base + "/v1/audio/translations",
                ServeFixture.form(ServeFixture.jfk(), "response_format", "text"));
        assertThat(translated.status()).isEqualTo(200);
        assertThat(translated.body()).isEqualTo(cliTranslate.printed());

        Curl.Response streamed = transcribe("stream", "true");
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.headers().get("content-type")).startsWith("text/event-stream");
        JsonArray events = new JsonArray();
        for (String block : streamed.body().split("\n\n")) {
            assertThat(block).startsWith("data: ");
            events.add(new JsonObject(block.substring("data: ".length())));
        }
        ServeFixture.assertStreamMatches(events, new JsonObject(cli.file("json")));
    }

    @Test
    void badRequestsGetOpenAiErrorBodies() throws Exception {
        Curl.assumeInstalled();
        assertError(transcribe("response_format", "mp3"), 400, "response_format", "unknown response_format 'mp3'");
        assertError(Curl.post(base + "/v1/audio/transcriptions", List.of("model", "whisper-1")), 400, "file",
                "provide an audio file");
        assertError(Curl.post(base + "/v1/audio/transcriptions",
                ServeFixture.form(SharedData.require("audio/edge/not_audio.wav"))), 400, "file", "");
        assertError(transcribe("response_format", "json", "timestamp_granularities[]", "word"), 400,
                "timestamp_granularities[]", "verbose_json");
        assertError(transcribe("temperature", "hot"), 400, "temperature", "must be a number");
        assertError(transcribe("temperature", "1.5"), 400, "temperature", "between 0 and 1");
        assertError(transcribe("language", "xx"), 400, null, "unknown language 'xx'");
        Curl.Response tooBig = Curl.post(base + "/v1/audio/transcriptions",
                ServeFixture.form(SharedData.require("audio/long/gb0.wav")));
        assertError(tooBig, 413, "file", "larger than this server accepts");
        assertError(Curl.get(base + "/v1/nothing"), 404, null, "no such endpoint");
    }

    @Test
    void modelsAndHealth() throws Exception {
        Curl.assumeInstalled();
        Curl.Response models = Curl.get(base + "/v1/models");
        assertThat(models.status()).isEqualTo(200);
        JsonObject list = new JsonObject(models.body());
        assertThat(list.getString("object")).isEqualTo("list");
        assertThat(list.getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo("mini");
        Curl.Response health = Curl.get(base + "/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(new JsonObject(health.body()).getString("status")).isEqualTo("ok");
    }

    static void assertError(Curl.Response r, int status, String param, String messagePart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().get("content-type")).startsWith("application/json");
        JsonObject error = new JsonObject(r.body()).getJsonObject("error");
        assertThat(error.fieldNames()).containsExactlyInAnyOrder("message", "type", "param", "code");
        assertThat(error.getString("message")).contains(messagePart).isNotBlank();
        assertThat(error.getString("param")).isEqualTo(param);
        assertThat(error.getString("type")).isNotBlank();
    }

    /**
     * A body that ends inside the uploaded file (no closing boundary): Vert.x 5.0's body handler
     * never answers it (found by MultipartFuzzTest); the server answers 400.
     */
    @Test
    void aBodyEndingInsideTheFilePartIsAnswered400() throws Exception {
        byte[] whole = RawClient.multipart(List.of("file", "@" + ServeFixture.jfk(), "model", "whisper-1"));
        assertMalformed(post(java.util.Arrays.copyOf(whole, whole.length / 2)),
                "malformed multipart body: the body ends inside a part (no closing boundary)");
    }

    /**
     * A part header whose Content-Disposition has a parameter without '=' (found by the long
     * MultipartFuzzTest run): Netty's decoder fails with an ArrayIndexOutOfBoundsException, which
     * Vert.x's body handler turned into a dropped connection; the server answers 400 and names it.
     */
    @Test
    void aPartHeaderParameterWithoutValueIsAnswered400() throws Exception {
        String body = "--" + RawClient.BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
                + "--" + RawClient.BOUNDARY + "\r\n"
                + "Content-Disposition: form-data;on: form-data; name=\"clip_timestamps\"\r\n\r\n0,1.5\r\n"
                + "--" + RawClient.BOUNDARY + "--\r\n";
        assertMalformed(post(body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
                "malformed multipart body: ", "a part header cannot be parsed");
    }

    private static java.net.http.HttpResponse<String> post(byte[] body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/audio/transcriptions"))
                        .timeout(java.time.Duration.ofSeconds(60))
                        .header("Content-Type", "multipart/form-data; boundary=" + RawClient.BOUNDARY)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static void assertMalformed(java.net.http.HttpResponse<String> answer, String... messageParts) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonObject error = new JsonObject(answer.body()).getJsonObject("error");
        assertThat(error.getString("type")).isEqualTo("invalid_request_error");
        assertThat(error.getString("message")).contains(messageParts);
    }
}
