package io.github.asr4j.qwen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.asr4j.loader.ConfigException;
import io.github.asr4j.loader.QwenAsrConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code config.json} of Qwen3-ASR in both layouts, and hostile ones rejected with the field named. */
class QwenConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ObjectNode release() throws IOException {
        return (ObjectNode) JSON.readTree(QwenParity.folder("qwen-mini").resolve("config.json").toFile());
    }

    private Path write(ObjectNode config) throws IOException {
        Path file = dir.resolve("config.json");
        JSON.writeValue(file.toFile(), config);
        return file;
    }

    @Test
    void readsTheReleaseLayout() throws IOException {
        QwenAsrConfig c = QwenAsrConfig.read(write(release()));
        assertThat(c.audio()).isEqualTo(new QwenAsrConfig.AudioEncoder(128, 64, 2, 4, 256, 32, 64, 50, 800, 1500));
        assertThat(c.text()).isEqualTo(new QwenAsrConfig.TextDecoder(64, 2, 4, 2, 16, 128, 151936, 1e-6, 1e6, 65536, true));
        assertThat(c.audioTokenId()).isEqualTo(151676);
        assertThat(c.audio().rowsPerChunk()).isEqualTo(13);
        assertThat(c.audio().attentionWindow()).isEqualTo(104);
        assertThat(c.audio().frequencyRows()).isEqualTo(16);
    }

    @Test
    void readsTheNewerLayoutWithBothConfigsAtTheTop() throws IOException {
        ObjectNode release = release();
        ObjectNode thinker = (ObjectNode) release.remove("thinker_config");
        ObjectNode flat = JSON.createObjectNode();
        flat.put("model_type", "qwen3_asr");
        flat.set("audio_config", thinker.get("audio_config"));
        flat.set("text_config", thinker.get("text_config"));
        flat.put("audio_token_id", 151676);
        assertThat(QwenAsrConfig.read(write(flat))).isEqualTo(QwenAsrConfig.read(write(withThinker(release, thinker))));
    }

    private static ObjectNode withThinker(ObjectNode root, ObjectNode thinker) {
        root.set("thinker_config", thinker);
        return root;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "model_type whisper              | model_type                                       | 'whisper'",
        "audio heads not dividing d      | thinker_config.audio_config.encoder_attention_heads | does not divide d_model",
        "kv heads not dividing heads     | thinker_config.text_config.num_key_value_heads   | does not divide num_attention_heads",
        "odd head_dim                    | thinker_config.text_config.head_dim              | even",
        "window not whole chunks         | thinker_config.audio_config.n_window_infer       | whole number of chunks",
        "zero window                     | thinker_config.audio_config.n_window             | positive",
        "output_dim not hidden_size      | thinker_config.audio_config.output_dim           | hidden_size",
        "tanh gelu                       | thinker_config.audio_config.activation_function  | gelu",
        "audio token outside vocabulary  | thinker_config.audio_token_id                    | outside the vocabulary",
        "text_config a string            | thinker_config.text_config                       | JSON object",
        "negative eps                    | thinker_config.text_config.rms_norm_eps          | positive",
        "missing hidden_size             | thinker_config.text_config.hidden_size           | missing",
    })
    void hostileConfigsAreRejectedNamingTheField(String change, String field, String problem) throws IOException {
        ObjectNode c = release();
        ObjectNode thinker = (ObjectNode) c.get("thinker_config");
        ObjectNode audio = (ObjectNode) thinker.get("audio_config");
        ObjectNode text = (ObjectNode) thinker.get("text_config");
        Consumer<ObjectNode> edit = switch (change.trim()) {
            case "model_type whisper" -> n -> n.put("model_type", "whisper");
            case "audio heads not dividing d" -> n -> audio.put("encoder_attention_heads", 5);
            case "kv heads not dividing heads" -> n -> text.put("num_key_value_heads", 3);
            case "odd head_dim" -> n -> text.put("head_dim", 15);
            case "window not whole chunks" -> n -> audio.put("n_window_infer", 750);
            case "zero window" -> n -> audio.put("n_window", 0);
            case "output_dim not hidden_size" -> n -> audio.put("output_dim", 32);
            case "tanh gelu" -> n -> audio.put("activation_function", "gelu_new");
            case "audio token outside vocabulary" -> n -> thinker.put("audio_token_id", 151936);
            case "text_config a string" -> n -> thinker.put("text_config", "qwen3");
            case "negative eps" -> n -> text.put("rms_norm_eps", -1e-6);
            case "missing hidden_size" -> n -> text.remove("hidden_size");
            default -> throw new IllegalArgumentException(change);
        };
        edit.accept(c);
        Path file = write(c);
        assertThatThrownBy(() -> QwenAsrConfig.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'" + field.trim() + "'").hasMessageContaining(problem.trim());
    }
}
