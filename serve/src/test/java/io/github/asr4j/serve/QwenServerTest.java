package io.github.asr4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.Segment;
import io.github.asr4j.Transcriber;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcript;
import io.github.asr4j.output.OutputFormat;
import io.github.asr4j.output.SubtitleOptions;
import io.github.asr4j.output.Writers;
import io.github.asr4j.testkit.QwenMiniFolder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on a Qwen3-ASR folder (qwen-mini): each answer for jfk.wav holds what the library's
 * {@link Transcriber} gives for the same file, in json, verbose_json and srt.
 */
class QwenServerTest {
    @TempDir
    static Path folder;
    private static Transcriber transcriber;
    private static TranscriptionServer server;
    /** jfk.wav forced to English (the random checkpoint writes no language header of its own). */
    private static Transcript expected;
    /** jfk.wav forced to Filipino, a name only Qwen3-ASR's list has. */
    private static Transcript filipino;

    @BeforeAll
    static void start() {
        transcriber = Transcriber.builder(QwenMiniFolder.assemble(folder)).threads(2).build();
        expected = transcriber.transcribe(ServeFixture.jfk(), TranscribeOptions.builder().language("en").build());
        filipino = transcriber.transcribe(ServeFixture.jfk(), TranscribeOptions.builder().language("Filipino").build());
        server = TranscriptionServer.start(transcriber, ServeFixture.settings(2, 8));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (transcriber != null) transcriber.close();
    }

    private static HttpResponse<String> transcribe(String format) throws Exception {
        return transcribe(format, "en");
    }

    private static HttpResponse<String> transcribe(String format, String language) throws Exception {
        HttpResponse<String> r = RawClient.post("http://127.0.0.1:" + server.port() + "/v1/audio/transcriptions",
                List.of("file", "@" + ServeFixture.jfk(), "model", "qwen3-asr", "response_format", format,
                        "language", language))
                .get(5, TimeUnit.MINUTES);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    @Test
    void jsonHoldsTheLibrarysText() throws Exception {
        assertThat(expected.text()).isNotBlank();
        assertThat(new JsonObject(transcribe("json").body()).getString("text")).isEqualTo(expected.text());
    }

    @Test
    void verboseJsonHoldsTheLibrarysTextLanguageAndSegments() throws Exception {
        JsonObject verbose = new JsonObject(transcribe("verbose_json").body());
        assertThat(verbose.getString("text")).isEqualTo(expected.text());
        assertThat(verbose.getString("language")).isEqualTo(expected.language());
        JsonArray segments = verbose.getJsonArray("segments");
        assertThat(segments.stream().map(s -> ((JsonObject) s).getString("text")).toList())
                .isEqualTo(expected.segments().stream().map(Segment::text).toList());
    }

    @Test
    void aLanguageOnlyQwenNamesIsForcedAsTheLibraryForcesIt() throws Exception {
        JsonObject verbose = new JsonObject(transcribe("verbose_json", "Filipino").body());
        assertThat(filipino.language()).isEqualTo("tl");
        assertThat(verbose.getString("language")).isEqualTo("tl");
        assertThat(verbose.getString("text")).isEqualTo(filipino.text());
    }

    @Test
    void srtIsTheLibrarysTranscriptWrittenAsSubtitles() throws Exception {
        StringWriter srt = new StringWriter();
        Writers.forFormat(OutputFormat.SRT).write(expected, srt, SubtitleOptions.DEFAULT);
        assertThat(transcribe("srt").body()).isEqualTo(srt.toString()).contains(expected.segments().getFirst().text().strip());
    }
}
