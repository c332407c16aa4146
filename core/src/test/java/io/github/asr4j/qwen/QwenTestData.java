package io.github.asr4j.qwen;

import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.testkit.SharedData;
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

    /** A complete qwen-mini folder in {@code dir} (see {@link io.github.asr4j.testkit.QwenMiniFolder}). */
    static Path miniFolder(Path dir) {
        return io.github.asr4j.testkit.QwenMiniFolder.assemble(dir);
    }
}
