package io.github.asr4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The size of a model folder's weights, which picks the CPU kernels ({@link io.github.asr4j.kernels.Backends#cpuFor}). */
final class WeightFiles {
    private WeightFiles() {}

    /** Total bytes of the {@code *.safetensors} files in {@code modelDir}; 0 when it cannot be listed (the load reports why). */
    static long bytes(Path modelDir) {
        try (Stream<Path> files = Files.list(modelDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".safetensors")).mapToLong(WeightFiles::size).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
