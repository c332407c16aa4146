package io.github.asr4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.testkit.RandomCheckpoint.Precision;
import io.github.asr4j.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCheckpointsTest {
    @TempDir
    Path cache;

    private BenchCheckpoints checkpoints() {
        Path models = SharedData.require("models");
        return new BenchCheckpoints(models, SharedData.require("tokenizers/whisper-multilingual"),
                SharedData.requireShared("tools/checkpoint"), cache);
    }

    @Test
    void buildsAFolderWithWeightsAndTokenizerOnceAndReusesIt() throws Exception {
        BenchCheckpoints c = checkpoints();
        Path dir = c.huggingFace("mini", Precision.F16);

        assertThat(dir).isEqualTo(cache.resolve("mini-f16"));
        for (String f : new String[] {"config.json", "generation_config.json", "model.safetensors", "tokenizer.json"}) {
            assertThat(dir.resolve(f)).isRegularFile();
        }
        // F16: 2 bytes per weight, matching the stored float32 reference at half its size (plus the header)
        long f32 = Files.size(SharedData.require("models/mini/model.safetensors"));
        assertThat(Files.size(dir.resolve("model.safetensors"))).isBetween(f32 / 2, f32 / 2 + 64 * 1024);

        var stamp = Files.getLastModifiedTime(dir.resolve("model.safetensors"));
        assertThat(c.huggingFace("mini", Precision.F16)).isEqualTo(dir);
        assertThat(Files.getLastModifiedTime(dir.resolve("model.safetensors"))).isEqualTo(stamp); // reused
        try (var left = Files.list(cache)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("mini-f16"); // no .part leftovers
        }
    }

    @Test
    void rejectsAnUnknownCheckpointByName() {
        assertThatThrownBy(() -> checkpoints().huggingFace("medium", Precision.F32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown checkpoint 'medium'");
    }
}
