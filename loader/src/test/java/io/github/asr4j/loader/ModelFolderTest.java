package io.github.asr4j.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderTest {
    @TempDir
    Path dir;

    @Test
    void locatesEverythingInMini() {
        Path mini = SharedData.require("models/mini");
        ModelFolder f = ModelFolder.of(mini);
        assertThat(f.config()).isEqualTo(mini.resolve("config.json"));
        assertThat(f.generationConfig()).contains(mini.resolve("generation_config.json"));
        assertThat(f.weights()).isEqualTo(mini.resolve("model.safetensors"));
        assertThat(f.isSharded()).isFalse();
        assertThat(f.hasTokenizer()).isTrue();
        assertThat(f.tokenizerFile("merges.txt")).contains(mini.resolve("merges.txt"));
        assertThat(f.tokenizerFile("normalizer.json")).isEmpty();
        ModelConfig mc = f.modelConfig();
        assertThat(f.generationConfig(mc).noTimestampsTokenId()).isEqualTo(50363);
        try (SafeTensors w = f.openWeights()) {
            assertThat(w.tensor("model.decoder.embed_tokens.weight").shape()).containsExactly(mc.vocabSize(), mc.dModel());
        }
    }

    @Test
    void folderWithoutWeightsNamesThem() {
        Path tiny = SharedData.require("models/tiny-shape");
        assertThatThrownBy(() -> ModelFolder.of(tiny)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no model.safetensors (or model.safetensors.index.json) in " + tiny)
                .hasMessageNotContaining("no config.json");
    }

    @Test
    void emptyFolderListsEverythingMissing() {
        assertThatThrownBy(() -> ModelFolder.of(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no config.json, no model.safetensors (or model.safetensors.index.json) in " + dir)
                .hasMessageContaining("expected a Hugging Face Whisper folder");
        assertThatThrownBy(() -> ModelFolder.of(dir.resolve("absent"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a folder");
    }

    @Test
    void minimalFolderUsesDefaultsAndReportsTheMissingTokenizer() throws IOException {
        Files.writeString(dir.resolve("config.json"), ModelConfigTest.minimal().toString());
        Files.writeString(dir.resolve(SafeTensors.SHARD_INDEX), "{\"weight_map\":{}}");
        ModelFolder f = ModelFolder.of(dir);
        assertThat(f.isSharded()).isTrue();
        assertThat(f.generationConfig()).isEmpty();
        assertThat(f.generationConfig(f.modelConfig())).isEqualTo(GenerationConfig.defaults(f.modelConfig()));
        assertThat(f.hasTokenizer()).isFalse();
        assertThatThrownBy(f::requireTokenizer).isInstanceOf(ConfigException.class)
                .hasMessageContaining("tokenizer.json, or vocab.json with merges.txt");
        Files.writeString(dir.resolve("vocab.json"), "{}");
        Files.writeString(dir.resolve("merges.txt"), "");
        assertThat(ModelFolder.of(dir).hasTokenizer()).isTrue();
    }
}
