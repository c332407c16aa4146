package io.github.asr4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.asr4j.Transcriber;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code openai} npm package against the server on a loopback port: every response
 * format, word granularity, streaming, translation, the model list and an error, each compared
 * with the command line's output for the same file and options. Skips with a message where Node
 * or npm is absent, or npm cannot fetch the package.
 */
class OpenAiNodeClientTest {
    /** Pinned: the newest release that still supports Node 20 (7.x asks for Node 22). */
    static final String OPENAI_NPM = "openai@6.30.1";

    @Test
    void officialClientGetsTheCommandLinesAnswers(@TempDir Path dir) throws Exception {
        assumeTrue(Curl.onPath("node") && Curl.onPath("npm"), "node and npm are not installed: the openai client test is skipped");
        Path scratch = Path.of("target", "openai-npm").toAbsolutePath();
        installClient(scratch);
        Path script = scratch.resolve("openai-client.mjs");
        try (InputStream in = getClass().getResourceAsStream("/openai-client.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path jfk = ServeFixture.jfk();
        CliReference cli = ServeFixture.cli();
        CliReference cliWords = ServeFixture.cli(ServeFixture.WORD_FLAGS);
        CliReference cliTranslate = ServeFixture.cli("--task", "translate");

        JsonObject extra = new JsonObject();
        for (int i = 0; i < ServeFixture.FIELDS.size(); i += 2) {
            extra.put(ServeFixture.FIELDS.get(i), ServeFixture.FIELDS.get(i + 1));
        }
        Path out = dir.resolve("client.json");
        JsonObject got;
        try (Transcriber transcriber = ServeFixture.transcriber();
             TranscriptionServer server = TranscriptionServer.start(transcriber, ServeFixture.settings(2, 8))) {
            String base = "http://127.0.0.1:" + server.port() + "/v1";
            String log = run(scratch, List.of("node", script.toString(), base, jfk.toString(), out.toString(),
                    extra.encode()));
            assertThat(out).as("the client wrote no results: %s", log).exists();
            got = new JsonObject(Files.readString(out));
        }

        JsonObject cliJson = new JsonObject(cli.file("json"));
        assertThat(new JsonObject(got.getString("json")).getString("text")).isEqualTo(cliJson.getString("text"));
        assertThat(got.getString("text")).isEqualTo(cli.printed());
        assertThat(got.getString("srt")).isEqualTo(cli.file("srt"));
        assertThat(got.getString("vtt")).isEqualTo(cli.file("vtt"));
        ServeFixture.assertSegmentsMatch(new JsonObject(got.getString("verbose_json")), cliJson);

        JsonObject withWords = new JsonObject(got.getString("verbose_json_words"));
        JsonObject cliWordsJson = new JsonObject(cliWords.file("json"));
        ServeFixture.assertSegmentsMatch(withWords, cliWordsJson);
        List<String> cliWordList = new ArrayList<>();
        cliWordsJson.getJsonArray("segments").forEach(s -> ((JsonObject) s).getJsonArray("words")
                .forEach(w -> cliWordList.add(((JsonObject) w).getString("word").strip())));
        assertThat(withWords.getJsonArray("words").stream().map(w -> ((JsonObject) w).getString("word")).toList())
                .isEqualTo(cliWordList).isNotEmpty();

        ServeFixture.assertStreamMatches(new JsonArray(got.getString("stream_json")), cliJson);
        ServeFixture.assertStreamMatches(new JsonArray(got.getString("stream_text")), cliJson);
        for (String format : List.of("srt", "verbose_json", "vtt")) { // OpenAI streams json and text only
            JsonObject refused = new JsonObject(got.getString("stream_" + format));
            assertThat(refused.getInteger("status")).as(format).isEqualTo(400);
            assertThat(refused.getJsonObject("error").getString("param")).isEqualTo("stream");
        }
        assertThat(new JsonObject(got.getString("translation")).getString("text"))
                .isEqualTo(new JsonObject(cliTranslate.file("json")).getString("text"));
        assertThat(new JsonArray(got.getString("models")).getJsonObject(0).getString("id")).isEqualTo("mini");
        JsonObject bad = new JsonObject(got.getString("bad_format"));
        assertThat(bad.getInteger("status")).isEqualTo(400);
        assertThat(bad.getJsonObject("error").getString("param")).isEqualTo("response_format");
    }

    /** npm install of the pinned package into {@code scratch}, once; skips the test when npm cannot fetch it. */
    private static void installClient(Path scratch) throws IOException, InterruptedException {
        if (Files.isDirectory(scratch.resolve("node_modules/openai"))) {
            return;
        }
        Files.createDirectories(scratch);
        Files.writeString(scratch.resolve("package.json"), "{\"private\": true, \"type\": \"module\"}");
        Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", OPENAI_NPM)
                .directory(scratch.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = p.waitFor(180, TimeUnit.SECONDS) && p.exitValue() == 0;
        assumeTrue(ok, "npm could not install " + OPENAI_NPM + " (no registry?), the openai client test is skipped: " + log);
    }

    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(p.exitValue()).as("node exit code; output:%n%s", log).isZero();
        return log;
    }
}
