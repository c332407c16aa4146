package io.github.asr4j.model;

import io.github.asr4j.testkit.RandomCheckpoint;
import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The test checkpoints, built at most once per JVM: the stored {@code mini}/{@code mini-128} folders
 * are used as they are for float32; every other (checkpoint, precision) is rebuilt by
 * {@link RandomCheckpoint} into one temporary folder that is deleted when the JVM exits.
 */
final class TestCheckpoints {

    /** A checkpoint folder ready to load, and the SHA-256 of each tensor's float32 bytes when rebuilt. */
    record Built(Path folder, Map<String, String> generatedHashes, double buildSeconds) {}

    private static final Map<String, Built> BUILT = new ConcurrentHashMap<>();
    private static Path tempRoot;

    private TestCheckpoints() {}

    /** The shared folder of a checkpoint ({@code models/<name>}), skipping the test when absent. */
    static Path shared(String name) {
        return SharedData.require("models/" + name);
    }

    /** The stored folder (mini, mini-128 in F32) or the rebuilt one. */
    static Path folder(String name, RandomCheckpoint.Precision precision) {
        Path shared = shared(name);
        if (precision == RandomCheckpoint.Precision.F32 && Files.exists(shared.resolve("model.safetensors"))) {
            return shared;
        }
        return rebuilt(name, precision).folder();
    }

    /** Rebuilds the checkpoint in the given precision (once per JVM). */
    static Built rebuilt(String name, RandomCheckpoint.Precision precision) {
        Path shared = shared(name);
        return BUILT.computeIfAbsent(name + "-" + precision, key -> {
            long t0 = System.nanoTime();
            Path out = root().resolve(key);
            Map<String, String> hashes = RandomCheckpoint.write(shared, out, precision);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("[model] rebuilt %s (%s) in %.1f s%n", name, precision, seconds);
            return new Built(out, hashes, seconds);
        });
    }

    private static synchronized Path root() {
        if (tempRoot == null) {
            try {
                tempRoot = Files.createTempDirectory("asr4j-model-checkpoints");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path toDelete = tempRoot;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(toDelete)));
        }
        return tempRoot;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover temp folder is not worth failing the JVM exit over
        }
    }
}
