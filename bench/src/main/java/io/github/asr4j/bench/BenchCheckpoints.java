package io.github.asr4j.bench;

import io.github.asr4j.testkit.RandomCheckpoint;
import io.github.asr4j.testkit.RandomCheckpoint.Precision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the benchmark checkpoints into a cache folder and reuses them on later runs: the asr4j
 * form (a Hugging Face folder, regenerated in Java by {@link RandomCheckpoint}) and the whisper.cpp
 * forms (float16 or float32 ggml files written by the shared Python generator; Q8_0 quantized from the
 * float32 one by a whisper.cpp build's {@code whisper-quantize}).
 *
 * <p>A folder counts as built when its final name exists: everything is written under a temporary
 * name and renamed at the end, so an interrupted build is never mistaken for a finished one.
 *
 * @param sharedModels {@code shared/testdata/models}: one folder with {@code config.json} per checkpoint name
 * @param tokenizer a folder with the Whisper tokenizer files, copied next to weights that have none
 * @param generatorDir {@code shared/tools/checkpoint}, holding {@code make_checkpoint.py} and its data files
 * @param cache where built checkpoints are kept, e.g. {@code ~/.cache/asr4j/bench}
 */
public record BenchCheckpoints(Path sharedModels, Path tokenizer, Path generatorDir, Path cache) {
    /** The Hugging Face tokenizer files Whisper folders carry. */
    public static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "vocab.json", "merges.txt",
            "added_tokens.json", "special_tokens_map.json", "tokenizer_config.json");

    /** The float16 ggml file whisper-jni's bundled whisper.cpp needs (it aborts on float32 convolutions). */
    public static final String GGML_FILE = "ggml-model-f16.bin";

    /** The default cache, {@code ~/.cache/asr4j/bench}. */
    public static Path defaultCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "asr4j", "bench");
    }

    /** The asr4j folder of checkpoint {@code name} stored as {@code precision}, built on first use. */
    public Path huggingFace(String name, Precision precision) {
        Path source = sharedModels.resolve(name);
        if (!Files.isRegularFile(source.resolve("config.json"))) {
            throw new IllegalArgumentException("unknown checkpoint '" + name + "': no " + source.resolve("config.json"));
        }
        Path dir = cache.resolve(name + "-" + precision.name().toLowerCase(Locale.ROOT));
        if (Files.isRegularFile(dir.resolve("config.json")) && Files.isRegularFile(dir.resolve("model.safetensors"))) {
            return dir;
        }
        return buildAtomically(dir, tmp -> {
            RandomCheckpoint.write(source, tmp, precision);
            Path tokenizerSource = Files.isRegularFile(source.resolve("tokenizer.json")) ? source : tokenizer;
            for (String f : TOKENIZER_FILES) {
                if (Files.isRegularFile(tokenizerSource.resolve(f))) {
                    Files.copy(tokenizerSource.resolve(f), tmp.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        });
    }

    /**
     * The whisper.cpp (ggml, float16 matrices) file of checkpoint {@code name}, written on first use by
     * {@code python3 make_checkpoint.py --name NAME OUT --ggml-template ... --mel-filters ... --ggml-f16}.
     *
     * @throws IllegalStateException when python3 fails, with its output
     */
    public Path ggml(String name) {
        return written(name, true);
    }

    /**
     * The whisper.cpp file of checkpoint {@code name} for weight type {@code type}, built on first use:
     * float32 or float16 ggml by the Python generator, Q8_0 by {@code build}'s whisper-quantize from the
     * float16 file. whisper.cpp's quantize only quantizes 2-D tensors and copies the rest as stored,
     * while its loader wants the 3-D conv kernels of a quantized model in F16: quantized from the
     * float32 file they stay F32 and the file is rejected ({@code conv1.weight} has the wrong size).
     */
    public Path ggml(String name, WeightType type, WhisperCppBuild build) {
        return switch (type) {
            case F16 -> written(name, true);
            case F32 -> written(name, false);
            case INT8 -> {
                Path dir = cache.resolve("ggml-" + name + "-q8_0");
                Path file = dir.resolve("ggml-model-q8_0.bin");
                if (!Files.isRegularFile(file)) {
                    Path f16 = written(name, true);
                    buildAtomically(dir, tmp -> {
                        try {
                            build.quantize(f16, tmp.resolve(file.getFileName()), "q8_0");
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted while quantizing " + f16, e);
                        }
                    });
                }
                yield file;
            }
        };
    }

    private Path written(String name, boolean f16) {
        Path dir = cache.resolve("ggml-" + name + (f16 ? "" : "-f32"));
        String fileName = f16 ? GGML_FILE : "ggml-model-f32.bin";
        Path file = dir.resolve(fileName);
        if (Files.isRegularFile(file)) {
            return file;
        }
        buildAtomically(dir, tmp -> {
            List<String> cmd = new ArrayList<>(List.of("python3", generatorDir.resolve("make_checkpoint.py").toString(),
                    "--name", name, tmp.toString(),
                    "--ggml-template", generatorDir.resolve("for-tests-ggml-tiny.bin").toString(),
                    "--mel-filters", generatorDir.resolve("mel_filters.npz").toString()));
            if (f16) {
                cmd.add("--ggml-f16");
            }
            Path log = Files.createTempFile("asr4j-ggml-", ".log");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(30, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("python3 make_checkpoint.py did not finish in 30 minutes: " + cmd);
                }
                if (p.exitValue() != 0 || !Files.isRegularFile(tmp.resolve(fileName))) {
                    throw new IllegalStateException("python3 make_checkpoint.py failed (exit " + p.exitValue() + "): "
                            + String.join(" ", cmd) + "\n" + Files.readString(log));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the ggml checkpoint", e);
            } finally {
                Files.deleteIfExists(log);
            }
            // Only the ggml file is needed here; the generator's float32 safetensors copy would double the disk use.
            Files.deleteIfExists(tmp.resolve("model.safetensors"));
        });
        return file;
    }

    @FunctionalInterface
    private interface FolderWriter {
        void write(Path folder) throws IOException;
    }

    private static Path buildAtomically(Path dir, FolderWriter writer) {
        try {
            Files.createDirectories(dir.getParent());
            Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".part-");
            try {
                writer.write(tmp);
                try {
                    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                    // Another process finished the same checkpoint first; theirs is as good as ours.
                }
            } finally {
                deleteTree(tmp);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
