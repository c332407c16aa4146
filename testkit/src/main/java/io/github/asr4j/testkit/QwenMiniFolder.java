package io.github.asr4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A complete Qwen3-ASR folder for qwen-mini: the stored checkpoint's files and the release's
 * tokenizer files (qwen-mini's folder leaves those out), linked into a folder, not copied.
 * Skips the calling test when the shared data is absent.
 */
public final class QwenMiniFolder {
    private QwenMiniFolder() {}

    /** Links the files into {@code dir} (goldens left out) and returns it. */
    public static Path assemble(Path dir) {
        Path mini = SharedData.require("models/qwen-mini");
        Path tokenizer = SharedData.require("tokenizers/qwen3-asr");
        try {
            for (Path from : new Path[] {mini, tokenizer}) {
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
