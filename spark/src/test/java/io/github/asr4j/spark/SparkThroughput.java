package io.github.asr4j.spark;

import io.github.asr4j.FileTranscript;
import io.github.asr4j.Transcriber;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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
 * <p>Arguments: {@code MODEL_DIR SHARED_AUDIO_DIR SUBFOLDER CORES ROUNDS [MAX_FILES [MAX_TOKENS]]}. The
 * files are the first {@code MAX_FILES} (default all) of {@code manifest.tsv} under {@code SUBFOLDER},
 * with their durations from it; {@code MAX_TOKENS} bounds each window's decode (default: the model's
 * 224), for random-weight checkpoints that rarely end a window by themselves.
 */
public final class SparkThroughput {
    public static void main(String[] args) throws IOException {
        Path model = Path.of(args[0]);
        Path audioDir = Path.of(args[1]);
        String subfolder = args[2];
        int cores = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        int maxFiles = args.length > 5 ? Integer.parseInt(args[5]) : Integer.MAX_VALUE;
        int maxTokens = args.length > 6 ? Integer.parseInt(args[6]) : 0;

        List<String> files = new ArrayList<>();
        double audioSeconds = 0;
        for (String line : Files.readAllLines(audioDir.resolve("manifest.tsv"))) {
            String[] f = line.split("\t");
            if (f[0].startsWith(subfolder + "/") && files.size() < maxFiles) {
                files.add(audioDir.resolve(f[0]).toString());
                audioSeconds += Double.parseDouble(f[1]);
            }
        }
        System.out.printf(Locale.ROOT, "%d files, %.1f s of audio, model %s, %d cores, max tokens %d, load %s%n",
                files.size(), audioSeconds, model, cores, maxTokens, loadAverage());

        // Plain: one transcriber using every core, one transcribeAll over the whole list.
        Asr4jTranscriber stage = new Asr4jTranscriber().setModelPath(model.toString()).setInputCol("path")
                .setTemperatures(0).setMaxTokensPerWindow(maxTokens).setThreads(1);
        var options = stage.settings().options();
        try (Transcriber plain = Transcriber.builder(model).threads(cores).batchSize(stage.getBatchSize()).build();
             SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("asr4j-throughput")
                     .config("spark.ui.enabled", false).getOrCreate()) {
            List<Path> paths = files.stream().map(Path::of).toList();
            var input = spark.createDataset(files, Encoders.STRING()).toDF("path").repartition(cores).cache();
            input.count();
            for (int round = 0; round <= rounds; round++) { // round 0 warms up both (JIT, model load)
                Run plainRun = null;
                Run sparkRun = null;
                long failed = 0;
                for (int turn = 0; turn < 2; turn++) { // alternate which goes first
                    Run start = Run.now();
                    if ((turn + round) % 2 == 0) {
                        List<FileTranscript> results = plain.transcribeAll(paths, options);
                        failed = results.stream().filter(r -> !r.succeeded()).count();
                        plainRun = start.until(Run.now());
                    } else {
                        stage.transform(input).write().format("noop").mode("overwrite").save();
                        sparkRun = start.until(Run.now());
                    }
                }
                System.out.printf(Locale.ROOT, "%s round %d (load %s):%n  transcribeAll     %s (%d failed)%n"
                                + "  Spark local[%d]   %s%n",
                        round == 0 ? "warm-up" : "measured", round, loadAverage(),
                        plainRun.describe(audioSeconds, cores), failed, cores, sparkRun.describe(audioSeconds, cores));
            }
        }
    }

    /** Wall-clock and process CPU seconds (the JVM runs Spark's local executor too). */
    private record Run(double wallSeconds, double cpuSeconds) {
        static Run now() {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new Run(System.nanoTime() / 1e9, os.getProcessCpuTime() / 1e9);
        }

        Run until(Run end) {
            return new Run(end.wallSeconds - wallSeconds, end.cpuSeconds - cpuSeconds);
        }

        /** Audio hours per wall-clock hour per core, and per CPU hour the process actually got. */
        String describe(double audioSeconds, int cores) {
            return String.format(Locale.ROOT, "%6.1f s wall = %5.2f audio h/h/core | %6.1f s CPU = %5.2f audio h per CPU h",
                    wallSeconds, audioSeconds / wallSeconds / cores, cpuSeconds, audioSeconds / cpuSeconds);
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
    }
}
