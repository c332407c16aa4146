package io.github.asr4j.qwen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small JSON reads of a Qwen3-ASR folder: {@code model_type} and the end ids, hostile files typed. */
class QwenFolderFilesTest {
    @TempDir
    Path dir;

    @Test
    void modelTypeIsReadOrAbsent() throws Exception {
        assertThat(ModelType.of(dir)).isNull();
        Files.writeString(dir.resolve("config.json"), "{\"thinker_config\": {\"model_type\": \"x\"}, \"model_type\": \"qwen3_asr\"}");
        assertThat(ModelType.isQwen3Asr(dir)).isTrue();
        Files.writeString(dir.resolve("config.json"), "{\"d_model\": 384}");
        assertThat(ModelType.of(dir)).isNull();
    }

    @Test
    void aBrokenConfigIsNamed() throws Exception {
        Files.writeString(dir.resolve("config.json"), "[1, 2]");
        assertThatThrownBy(() -> ModelType.of(dir)).isInstanceOf(ModelLoadException.class).hasMessageContaining("not a JSON object");
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": 7}");
        assertThatThrownBy(() -> ModelType.of(dir)).isInstanceOf(ModelLoadException.class).hasMessageContaining("must be a string");
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"qwen");
        assertThatThrownBy(() -> ModelType.of(dir)).isInstanceOf(ModelLoadException.class).hasMessageContaining("config.json");
    }

    @Test
    void endIdsAreOneIdOrAList() throws Exception {
        Path f = dir.resolve("generation_config.json");
        Files.writeString(f, "{\"eos_token_id\": [151643, 151645], \"pad_token_id\": 151643}");
        assertThat(QwenTokens.eosIds(f)).containsExactly(151643, 151645);
        Files.writeString(f, "{\"do_sample\": false, \"eos_token_id\": 151645}");
        assertThat(QwenTokens.eosIds(f)).containsExactly(151645);
        for (String bad : new String[] {"{\"eos_token_id\": []}", "{\"eos_token_id\": [1, \"x\"]}",
                "{\"eos_token_id\": \"<|im_end|>\"}", "{\"pad_token_id\": 1}"}) {
            Files.writeString(f, bad);
            assertThatThrownBy(() -> QwenTokens.eosIds(f)).as(bad).isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("eos_token_id");
        }
    }

    @Test
    void languagesMapBothWays() {
        assertThat(QwenLanguages.names()).hasSize(30).contains("English", "Cantonese", "Filipino");
        assertThat(QwenLanguages.name("en")).isEqualTo("English");
        assertThat(QwenLanguages.code("cANTONESE")).isEqualTo("yue");
        assertThat(QwenLanguages.code("Klingon")).isEqualTo("Klingon");
        assertThatThrownBy(() -> QwenLanguages.name("sw")).hasMessageContaining("'sw'");
    }
}
