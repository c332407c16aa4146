package io.github.asr4j.spark;

import java.util.Arrays;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The example job: every audio file under a folder (any file system Spark reads) to one Parquet
 * table of {@code path, length, transcript}. Run it with {@code spark-submit} (see the module README):
 *
 * <pre>
 * TranscribeFolderJob MODEL_DIR AUDIO_FOLDER OUTPUT_PARQUET [param=value ...]
 * </pre>
 *
 * where a param is any of {@link Asr4jTranscriber}'s ({@code language=en}, {@code beamSize=5},
 * {@code wordTimestamps=true}, {@code batchSize=8}, {@code threads=1}, {@code temperatures=[0.0]} ...),
 * or {@code partitions=N} (how many tasks share the files; default: as Spark reads them) or
 * {@code glob=*.flac} (which file names to read; default all).
 */
public final class TranscribeFolderJob {
    private TranscribeFolderJob() {}

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: TranscribeFolderJob MODEL_DIR AUDIO_FOLDER OUTPUT_PARQUET [param=value ...]");
            System.exit(2);
        }
        Asr4jTranscriber transcriber = new Asr4jTranscriber().setModelPath(args[0]).setInputCol("content");
        int partitions = 0;
        String glob = "*";
        for (String arg : Arrays.copyOfRange(args, 3, args.length)) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected param=value, got " + arg);
            }
            String name = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            switch (name) {
                case "partitions" -> partitions = Integer.parseInt(value);
                case "glob" -> glob = value;
                default -> set(transcriber, name, value);
            }
        }

        SparkSession spark = SparkSession.builder().appName("asr4j: transcribe " + args[1]).getOrCreate();
        Dataset<Row> audio = spark.read().format("binaryFile")
                .option("recursiveFileLookup", "true")
                .option("pathGlobFilter", glob)
                .load(args[1]);
        if (partitions > 0) {
            audio = audio.repartition(partitions);
        }
        transcriber.transform(audio).select("path", "length", transcriber.getOutputCol())
                .write().mode(SaveMode.ErrorIfExists).parquet(args[2]);

        Dataset<Row> written = spark.read().parquet(args[2]);
        long files = written.count();
        long failed = written.filter(functions.col(transcriber.getOutputCol() + ".error").isNotNull()).count();
        System.out.printf("asr4j: %d files transcribed to %s, %d with an error (see the error field)%n",
                files, args[2], failed);
        spark.stop();
    }

    /** Sets a transformer param from text: strings as given, others as Spark's JSON (8, true, [0.0,0.2]). */
    @SuppressWarnings("unchecked")
    private static void set(Asr4jTranscriber transcriber, String name, String value) {
        if (!transcriber.hasParam(name)) {
            throw new IllegalArgumentException("unknown param " + name + "; the params are:\n"
                    + transcriber.explainParams());
        }
        Param<Object> param = (Param<Object>) transcriber.getParam(name);
        boolean text = param.getClass() == Param.class; // the string params; the typed ones subclass Param
        transcriber.set(param, text ? value : param.jsonDecode(value));
    }
}
