package io.github.asr4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.FileTranscript;
import io.github.asr4j.Segment;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcriber;
import io.github.asr4j.Transcript;
import io.github.asr4j.Word;
import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transformer in Spark's local mode (two task slots): what it writes for each file is what
 * {@link Transcriber#transcribeAll} gives on one machine, whatever the partitioning and input kind.
 */
class Asr4jTranscriberTest {
    static final List<String> SPEECH = List.of(
            "audio/jfk/jfk.wav",
            "audio/librispeech-test-clean/1089-134686-0001.flac",
            "audio/librispeech-test-clean/1089-134691-0000.flac",
            "audio/librispeech-test-clean/1089-134691-0001.flac");
    static final String CORRUPT = "audio/edge/not_audio.wav";

    static SparkSession spark;
    static Path model;
    static List<Path> speech;
    static Map<String, Transcript> expected = new HashMap<>();

    @BeforeAll
    static void startSparkAndTranscribeAlone() {
        model = SharedData.require("models/mini");
        speech = SPEECH.stream().map(SharedData::require).toList();
        TranscribeOptions options = transcriber().settings().options();
        try (Transcriber alone = Transcriber.builder(model).threads(1).build()) {
            for (FileTranscript r : alone.transcribeAll(speech, options)) {
                expected.put(r.file().getFileName().toString(), r.transcript());
            }
        }
        spark = SparkSession.builder().master("local[2]").appName("asr4j-spark-test")
                .config("spark.ui.enabled", false)
                .config("spark.sql.shuffle.partitions", 2)
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    static Asr4jTranscriber transcriber() {
        // random weights rarely end a window: a short window without fallback keeps the test quick
        return new Asr4jTranscriber().setModelPath(model.toString()).setWordTimestamps(true).setBatchSize(4)
                .setTemperatures(0).setMaxTokensPerWindow(16);
    }

    @Test
    void pathColumnGivesTheTranscriptsOfTranscribeAllWithAnyPartitioning() {
        List<String> paths = speech.stream().map(Path::toString).toList();
        int loadsBefore = ExecutorTranscribers.loads();
        for (int partitions : new int[] {1, 3}) {
            Dataset<Row> input = spark.createDataset(paths, Encoders.STRING()).toDF("path").repartition(partitions);
            assertThat(input.rdd().getNumPartitions()).isEqualTo(partitions);
            List<Row> rows = transcriber().setInputCol("path").transform(input).collectAsList();

            assertThat(rows).hasSize(paths.size());
            for (Row row : rows) {
                String name = Path.of(row.<String>getAs("path")).getFileName().toString();
                assertMatches(row.getAs("transcript"), expected.get(name), name + " in " + partitions + " partitions");
            }
        }
        assertThat(ExecutorTranscribers.loads()).as("one model per JVM, shared by 4 tasks of 2 jobs")
                .isLessThanOrEqualTo(loadsBefore + 1);
    }

    @Test
    void binaryFilesGoToParquetWithAnErrorRowForACorruptFile(@TempDir Path tmp) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("audio"));
        for (Path f : speech) {
            Files.copy(f, folder.resolve(f.getFileName()));
        }
        Files.copy(SharedData.require(CORRUPT), folder.resolve("corrupt.wav"));
        String parquet = tmp.resolve("transcripts.parquet").toString();

        Dataset<Row> audio = spark.read().format("binaryFile").load(folder.toString()).repartition(2);
        transcriber().setInputCol("content").transform(audio).drop("content").write().parquet(parquet);
        List<Row> rows = spark.read().parquet(parquet).collectAsList();

        assertThat(rows).hasSize(speech.size() + 1);
        for (Row row : rows) {
            String name = Path.of(java.net.URI.create(row.<String>getAs("path"))).getFileName().toString();
            Row transcript = row.getAs("transcript");
            if (name.equals("corrupt.wav")) {
                assertThat(transcript.<String>getAs("text")).isNull();
                assertThat(transcript.<Object>getAs("segments")).isNull();
                assertThat(transcript.<String>getAs("error")).startsWith("AudioFormatException: ")
                        .doesNotContain("asr4j-spark-");
            } else {
                assertMatches(transcript, expected.get(name), name + " from Parquet");
            }
        }
    }

    @Test
    void missingNullAndRemotePathsGiveErrorRowsNotAFailedJob() {
        Dataset<Row> input = spark.createDataset(Arrays.asList("/no/such/file.wav", null, "s3a://bucket/a.wav"),
                Encoders.STRING()).toDF("path");
        List<Row> rows = transcriber().setInputCol("path").transform(input).collectAsList();

        Map<String, String> errors = new HashMap<>();
        for (Row row : rows) {
            Row t = row.getAs("transcript");
            assertThat(t.<String>getAs("text")).isNull();
            errors.put(String.valueOf(row.<String>getAs("path")), t.getAs("error"));
        }
        assertThat(errors.get("/no/such/file.wav")).contains("/no/such/file.wav");
        assertThat(errors.get("null")).isEqualTo("input is null");
        assertThat(errors.get("s3a://bucket/a.wav")).contains("binaryFile");
    }

    @Test
    void badSettingsAndColumnsFailOnTheDriverBeforeAnyTask() {
        Dataset<Row> input = spark.createDataset(List.of("x.wav"), Encoders.STRING()).toDF("path");
        assertThatThrownBy(() -> transcriber().setInputCol("audio").transform(input))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audio not found");
        assertThatThrownBy(() -> transcriber().setInputCol("path").setTask("summarize").transform(input))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("summarize");
        assertThatThrownBy(() -> transcriber().setInputCol("path").setBatchSize(0).transform(input))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> transcriber().setInputCol("path").setTemperatures(-1).transform(input))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperatures");
        assertThatThrownBy(() -> transcriber().transform(input))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputCol");
        assertThatThrownBy(() -> new Asr4jTranscriber().setInputCol("path").transform(input))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modelPath");
        Dataset<Row> numbers = spark.range(1).toDF("n");
        assertThatThrownBy(() -> transcriber().setInputCol("n").transform(numbers))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bigint");
    }

    @Test
    void savedAndLoadedKeepsItsParams(@TempDir Path tmp) throws IOException {
        Asr4jTranscriber t = transcriber().setInputCol("content").setLanguage("de").setTask("translate")
                .setTemperatures(0, 0.5).setBeamSize(3).setThreads(2);
        String dir = tmp.resolve("stage").toString();
        t.write().save(dir);
        Asr4jTranscriber loaded = Asr4jTranscriber.load(dir);

        assertThat(loaded.uid()).isEqualTo(t.uid());
        assertThat(loaded.settings()).isEqualTo(t.settings());
        assertThat(loaded.getInputCol()).isEqualTo("content");
        assertThat(loaded.getOutputCol()).isEqualTo("transcript");
    }

    /** The struct holds exactly the transcript's text, language, and each segment's and word's fields. */
    static void assertMatches(Row actual, Transcript expected, String what) {
        assertThat(actual.<String>getAs("error")).as(what).isNull();
        assertThat(actual.<String>getAs("text")).as(what).isEqualTo(expected.text());
        assertThat(actual.<String>getAs("language")).as(what).isEqualTo(expected.language());
        List<Row> segments = actual.getList(actual.fieldIndex("segments"));
        assertThat(segments).as(what).hasSameSizeAs(expected.segments());
        for (int i = 0; i < segments.size(); i++) {
            Row s = segments.get(i);
            Segment e = expected.segments().get(i);
            assertThat(List.<Object>of(s.getAs("start"), s.getAs("end"), s.getAs("text")))
                    .as("%s segment %d", what, i).containsExactly(e.start(), e.end(), e.text());
            List<Row> words = s.getList(s.fieldIndex("words"));
            assertThat(words).as("%s segment %d words", what, i).hasSameSizeAs(e.words());
            for (int k = 0; k < words.size(); k++) {
                Row w = words.get(k);
                Word ew = e.words().get(k);
                assertThat(List.<Object>of(w.getAs("word"), w.getAs("start"), w.getAs("end"), w.getAs("probability")))
                        .as("%s segment %d word %d", what, i, k)
                        .containsExactly(ew.word(), ew.start(), ew.end(), ew.probability());
            }
        }
    }
}
