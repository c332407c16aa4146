package io.github.asr4j.spark;

import io.github.asr4j.FileTranscript;
import io.github.asr4j.Transcriber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * Throughput of the transformer in Spark's local mode beside plain {@code transcribeAll} on the
 * same files, weights, options and cores, alternated in one run (the command is in the module's
 * README). Prints audio hours transcribed per wall-clock hour per core, and the load average.
 *
 * <p>Arguments: {@code MODEL_DIR SHARED_AUDIO_DIR SUBFOLDER CORES ROUNDS}. The files are those of
 * {@code manifest.tsv} under {@code SUBFOLDER}, with their durations from it.
 */
public final class SparkThroughput {
    public static void main(String[] args) throws IOException {
        Path model = Path.of(args[0]);
        Path audioDir = Path.of(args[1]);
        String subfolder = args[2];
        int cores = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);

        List<String> files = new ArrayList<>();
        double audioSeconds = 0;
        for (String line : Files.readAllLines(audioDir.resolve("manifest.tsv"))) {
            String[] f = line.split("\t");
            if (f[0].startsWith(subfolder + "/")) {
                files.add(audioDir.resolve(f[0]).toString());
                audioSeconds += Double.parseDouble(f[1]);
            }
        }
        System.out.printf(Locale.ROOT, "%d files, %.1f s of audio, model %s, %d cores, load %s%n",
                files.size(), audioSeconds, model, cores, loadAverage());

        // Plain: one transcriber using every core, one transcribeAll over the whole list.
        Asr4jTranscriber stage = new Asr4jTranscriber().setModelPath(model.toString()).setInputCol("path")
                .setTemperatures(0).setThreads(1);
        var options = stage.settings().options();
        try (Transcriber plain = Transcriber.builder(model).threads(cores).batchSize(stage.getBatchSize()).build();
             SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("asr4j-throughput")
                     .config("spark.ui.enabled", false).getOrCreate()) {
            List<Path> paths = files.stream().map(Path::of).toList();
            var input = spark.createDataset(files, Encoders.STRING()).toDF("path").repartition(cores).cache();
            input.count();
            for (int round = 0; round <= rounds; round++) { // round 0 warms up both (JIT, model load)
                double plainSeconds = 0;
                double sparkSeconds = 0;
                long failed = 0;
                for (int turn = 0; turn < 2; turn++) { // alternate which goes first
                    long t0 = System.nanoTime();
                    if ((turn + round) % 2 == 0) {
                        List<FileTranscript> results = plain.transcribeAll(paths, options);
                        failed = results.stream().filter(r -> !r.succeeded()).count();
                        plainSeconds = (System.nanoTime() - t0) / 1e9;
                    } else {
                        stage.transform(input).write().format("noop").mode("overwrite").save();
                        sparkSeconds = (System.nanoTime() - t0) / 1e9;
                    }
                }
                System.out.printf(Locale.ROOT,
                        "%s round %d: transcribeAll %.1f s = %.1f audio h/h/core (%d failed) | Spark local[%d] %.1f s"
                                + " = %.1f audio h/h/core | load %s%n",
                        round == 0 ? "warm-up" : "measured", round, plainSeconds,
                        audioSeconds / plainSeconds / cores, failed, cores, sparkSeconds,
                        audioSeconds / sparkSeconds / cores, loadAverage());
            }
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
    }
}
