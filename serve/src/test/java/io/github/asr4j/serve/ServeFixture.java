package io.github.asr4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.Transcriber;
import io.github.asr4j.testkit.SharedData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The checkpoint, audio and options the server tests share, and the comparisons they make. */
final class ServeFixture {
    private ServeFixture() {}

    static Path model() {
        return SharedData.require("models/mini");
    }

    static Path jfk() {
        return SharedData.require("audio/jfk/jfk.wav");
    }

    /** Short windows and no fallback keep the random checkpoint quick; the same options go to the CLI. */
    static final List<String> FIELDS = List.of("language", "en", "temperature", "0",
            "temperature_increment_on_fallback", "0", "max_tokens", "24", "beam_size", "1");

    /** {@link #FIELDS} as command-line flags. */
    static List<String> cliFlags() {
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < FIELDS.size(); i += 2) {
            flags.add("--" + FIELDS.get(i));
            flags.add(FIELDS.get(i + 1));
        }
        return flags;
    }

    /** Word timings, and subtitle lines wrapped by them. */
    static final String[] WORD_FLAGS = {"--word_timestamps", "True", "--max_line_width", "20", "--max_line_count", "2"};

    private static final java.util.Map<List<String>, CliReference> CLI_RUNS = new java.util.HashMap<>();

    /**
     * The command line's files for jfk with {@link #FIELDS} plus {@code moreFlags}, run once per
     * JVM (the test classes share them).
     */
    static synchronized CliReference cli(String... moreFlags) throws java.io.IOException {
        List<String> flags = new ArrayList<>(cliFlags());
        flags.addAll(List.of(moreFlags));
        CliReference known = CLI_RUNS.get(flags);
        if (known == null) {
            Path dir = java.nio.file.Files.createTempDirectory("asr4j-cli");
            known = CliReference.of(model(), jfk(), dir, flags);
            CLI_RUNS.put(flags, known);
        }
        return known;
    }

    static Transcriber transcriber() {
        return Transcriber.builder(model()).threads(2).build();
    }

    static ServerSettings settings(int batchSize, int maxQueue) {
        return new ServerSettings("127.0.0.1", 0, maxQueue, batchSize, 2L * 1024 * 1024, "mini");
    }

    /** The form as a flat name, value list: the file, {@link #FIELDS}, and {@code more} replacing or adding fields. */
    static List<String> form(Path audio, String... more) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("file", "@" + audio);
        fields.put("model", "whisper-1");
        for (int i = 0; i < FIELDS.size(); i += 2) fields.put(FIELDS.get(i), FIELDS.get(i + 1));
        for (int i = 0; i < more.length; i += 2) fields.put(more[i], more[i + 1]);
        List<String> flat = new ArrayList<>();
        fields.forEach((k, v) -> { flat.add(k); flat.add(v); });
        return flat;
    }

    /**
     * verbose_json's segments against the segments of the command line's json file (openai's
     * {@code WriteJSON}): every key the two share, value for value.
     */
    static void assertSegmentsMatch(JsonObject verbose, JsonObject cliJson) {
        assertThat(verbose.getString("text")).isEqualTo(cliJson.getString("text"));
        assertThat(verbose.getString("language")).isEqualTo(cliJson.getString("language"));
        JsonArray got = verbose.getJsonArray("segments");
        JsonArray want = cliJson.getJsonArray("segments");
        assertThat(got.size()).isEqualTo(want.size()).isPositive();
        for (int i = 0; i < want.size(); i++) {
            JsonObject g = got.getJsonObject(i);
            JsonObject w = want.getJsonObject(i);
            for (String key : List.of("id", "seek", "start", "end", "text", "tokens", "temperature", "avg_logprob",
                    "compression_ratio", "no_speech_prob")) {
                assertThat(numberOrValue(g.getValue(key))).as("segment %d %s", i, key)
                        .isEqualTo(numberOrValue(w.getValue(key)));
            }
        }
    }

    /** The transcript's text as streamed: the deltas joined, and the done event's text. */
    static void assertStreamMatches(JsonArray events, JsonObject cliJson) {
        StringBuilder deltas = new StringBuilder();
        for (int i = 0; i < events.size() - 1; i++) {
            JsonObject e = events.getJsonObject(i);
            assertThat(e.getString("type")).isEqualTo("transcript.text.delta");
            deltas.append(e.getString("delta"));
        }
        StringBuilder segments = new StringBuilder();
        cliJson.getJsonArray("segments").forEach(s -> segments.append(((JsonObject) s).getString("text")));
        assertThat(events.size() - 1).isEqualTo(cliJson.getJsonArray("segments").size());
        assertThat(deltas.toString()).isEqualTo(segments.toString());
        JsonObject done = events.getJsonObject(events.size() - 1);
        assertThat(done.getString("type")).isEqualTo("transcript.text.done");
        assertThat(done.getString("text")).isEqualTo(cliJson.getString("text"));
    }

    /** JSON numbers compared by value (1.0 and 1 alike), arrays element by element. */
    private static Object numberOrValue(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof JsonArray a) return a.stream().map(ServeFixture::numberOrValue).toList();
        return v;
    }
}
