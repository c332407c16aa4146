package io.github.asr4j.bench;

import io.github.asr4j.testkit.RandomCheckpoint;
import io.github.asr4j.FileTranscript;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcriber;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Issue 4's batch figure: 16 copies of jfk.wav through {@link Transcriber#transcribeAll} decoded
 * together (batches of 8 and 16) and one after another (batch 1), with a fixed number of tokens per window so
 * random weights do the same work both ways. A program, not a test:
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp ... io.github.asr4j.bench.BatchSpeedupBenchmark
 *     ../shared mini,card 64</pre>
 */
public final class BatchSpeedupBenchmark {
    public static void main(String[] args) {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared").toAbsolutePath().normalize();
        List<String> models = List.of((args.length > 1 ? args[1] : "mini,card").split(","));
        int tokens = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Path jfk = shared.resolve("testdata/audio/jfk/jfk.wav");
        List<Path> files = Collections.nCopies(16, jfk);
        BenchCheckpoints checkpoints = new BenchCheckpoints(shared.resolve("testdata/models"),
                shared.resolve("testdata/tokenizers/whisper-multilingual"), shared.resolve("tools/checkpoint"),
                BenchCheckpoints.defaultCache());
        for (String name : models) {
            Path dir = checkpoints.huggingFace(name, RandomCheckpoint.Precision.F32);
            int[] batchSizes = {1, 8, 16};
            double[] seconds = new double[batchSizes.length];
            for (int i = 0; i < batchSizes.length; i++) {
                try (Transcriber t = Transcriber.builder(dir).threads(2).batchSize(batchSizes[i]).build()) {
                    TranscribeOptions options = AsrBenchmark.forcedLengthOptions(tokens, 51865);
                    t.transcribeAll(files.subList(0, 2), options); // warm-up
                    long start = System.nanoTime();
                    List<FileTranscript> results = t.transcribeAll(files, options);
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                    if (!results.stream().allMatch(FileTranscript::succeeded)) {
                        throw new IllegalStateException("a file failed: " + results);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s: 16 x jfk.wav, %d tokens each: one by one %.2f s, batch of 8 %.2f s "
                    + "(%.2fx), batch of 16 %.2f s (%.2fx)%n", name, tokens, seconds[0], seconds[1],
                    seconds[0] / seconds[1], seconds[2], seconds[0] / seconds[2]);
        }
    }
}
