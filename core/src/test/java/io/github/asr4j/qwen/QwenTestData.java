package io.github.asr4j.qwen;

import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared Qwen3-ASR test data: the release's tokenizer files and qwen-mini with its goldens. */
final class QwenTestData {
    private QwenTestData() {}

    static Path tokenizerDir() {
        return SharedData.require("tokenizers/qwen3-asr");
    }

    private static QwenTokens tokens;

    /** The release tokenizer, loaded once for all tests (a few seconds: 151k tokens, 151k merges). */
    static synchronized QwenTokens tokens() {
        if (tokens == null) {
            tokens = QwenTokens.load(tokenizerDir());
        }
        return tokens;
    }

    static int[] goldenInts(String name) {
        try (SafeTensors goldens = SafeTensors.open(SharedData.require("models/qwen-mini/goldens.safetensors"))) {
            return goldens.tensor(name).toIntArray();
        }
    }

    /**
     * A complete qwen-mini folder in {@code dir}: the stored checkpoint's files and the release's
     * tokenizer files (qwen-mini's folder leaves those out), linked, not copied.
     */
    static Path miniFolder(Path dir) {
        Path mini = SharedData.require("models/qwen-mini");
        try {
            for (Path from : new Path[] {mini, tokenizerDir()}) {
                try (var files = Files.list(from)) {
                    for (Path f : files.toList()) {
                        Path to = dir.resolve(f.getFileName());
                        if (!Files.exists(to) && !f.getFileName().toString().startsWith("goldens")) {
                            Files.createSymbolicLink(to, f.toAbsolutePath());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
