package io.github.asr4j.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The seven required fields of a small multilingual model, nothing else. */
    static ObjectNode minimal() {
        return JSON.createObjectNode()
                .put("d_model", 64).put("encoder_layers", 2).put("decoder_layers", 3)
                .put("encoder_attention_heads", 4).put("decoder_attention_heads", 8)
                .put("num_mel_bins", 80).put("vocab_size", 51865);
    }

    private Path write(ObjectNode node) throws IOException {
        return Files.writeString(dir.resolve("config.json"), node.toString());
    }

    @Test
    void readsMini() {
        ModelConfig c = ModelConfig.ofFolder(SharedData.require("models/mini"));
        assertThat(c).isEqualTo(new ModelConfig("whisper", 51865, 80, 64, 2, 4, 256, 2, 4, 256, 1500, 448, "gelu", false,
                50257, 50257, 50257, 50258));
        assertThat(c.encoderHeadDim()).isEqualTo(16);
        assertThat(c.isMultilingual()).isTrue();
        assertThat(c.numLanguages()).isEqualTo(99);
    }

    @Test
    void readsMini128() {
        ModelConfig c = ModelConfig.ofFolder(SharedData.require("models/mini-128"));
        assertThat(c).isEqualTo(new ModelConfig("whisper", 51866, 128, 64, 2, 4, 256, 2, 4, 256, 1500, 448, "gelu", false,
                50257, 50257, 50257, 50258));
        assertThat(c.numLanguages()).isEqualTo(100);
    }

    @Test
    void readsTinyShape() {
        ModelConfig c = ModelConfig.ofFolder(SharedData.require("models/tiny-shape"));
        assertThat(c).isEqualTo(new ModelConfig("whisper", 51865, 80, 384, 4, 6, 1536, 4, 6, 1536, 1500, 448, "gelu", false,
                50257, 50257, 50257, 50258));
        assertThat(c.decoderHeadDim()).isEqualTo(64);
    }

    @Test
    void readsCard() {
        ModelConfig c = ModelConfig.read(SharedData.require("models/card/config.json"));
        assertThat(c).isEqualTo(new ModelConfig("whisper", 51865, 80, 768, 12, 12, 3072, 6, 12, 3072, 1500, 448, "gelu", false,
                50257, 50257, 50257, 50258));
        assertThat(c.maxInputFrames()).isEqualTo(3000);
    }

    @Test
    void optionalFieldsTakeDefaults() throws IOException {
        ModelConfig c = ModelConfig.read(write(minimal()));
        assertThat(c.encoderFfnDim()).isEqualTo(1536);
        assertThat(c.decoderFfnDim()).isEqualTo(1536);
        assertThat(c.maxSourcePositions()).isEqualTo(1500);
        assertThat(c.maxTargetPositions()).isEqualTo(448);
        assertThat(c.activationFunction()).isEqualTo("gelu");
        assertThat(c.scaleEmbedding()).isFalse();
        assertThat(c.modelType()).isEqualTo("whisper");
        assertThat(c.eosTokenId()).isEqualTo(50257);
        assertThat(c.padTokenId()).isEqualTo(50257);
        assertThat(c.bosTokenId()).isEqualTo(50257);
        assertThat(c.decoderStartTokenId()).isEqualTo(50258);
    }

    @Test
    void englishOnlyTokenDefaults() throws IOException {
        ModelConfig c = ModelConfig.read(write(minimal().put("vocab_size", 51864)));
        assertThat(c.isMultilingual()).isFalse();
        assertThat(c.eosTokenId()).isEqualTo(50256);
        assertThat(c.decoderStartTokenId()).isEqualTo(50257);
    }

    @Test
    void unknownKeysAndNullsAreIgnored() throws IOException {
        ObjectNode n = minimal().put("dropout", 0.1).put("torch_dtype", "float16");
        n.putNull("pad_token_id");
        n.putObject("random_weights").put("seed", 3);
        assertThat(ModelConfig.read(write(n)).padTokenId()).isEqualTo(50257);
    }

    @ParameterizedTest
    @ValueSource(strings = {"d_model", "encoder_layers", "decoder_layers", "encoder_attention_heads",
        "decoder_attention_heads", "num_mel_bins", "vocab_size"})
    void missingRequiredField(String field) throws IOException {
        ObjectNode n = minimal();
        n.remove(field);
        Path f = write(n);
        assertThatThrownBy(() -> ModelConfig.read(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("required field '" + field + "' is missing");
    }

    @Test
    void wrongTypes() throws IOException {
        Path f = write(minimal().put("d_model", "64"));
        assertThatThrownBy(() -> ModelConfig.read(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("field 'd_model' is \"64\"; expected an integer");
        Path g = write(minimal().put("encoder_layers", 2.5));
        assertThatThrownBy(() -> ModelConfig.read(g)).hasMessageContaining("field 'encoder_layers' is 2.5");
        Path h = write(minimal().put("scale_embedding", 1));
        assertThatThrownBy(() -> ModelConfig.read(h)).hasMessageContaining("field 'scale_embedding' is 1; expected true or false");
        Path i = write(minimal().put("vocab_size", 1L << 40));
        assertThatThrownBy(() -> ModelConfig.read(i)).hasMessageContaining("field 'vocab_size'");
        Path j = write(minimal().put("activation_function", 3));
        assertThatThrownBy(() -> ModelConfig.read(j)).hasMessageContaining("field 'activation_function' is 3; expected a string");
    }

    @Test
    void otherModelTypeIsRefused() throws IOException {
        Path f = write(minimal().put("model_type", "wav2vec2"));
        assertThatThrownBy(() -> ModelConfig.read(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("field 'model_type' is 'wav2vec2'");
    }

    @Test
    void headsMustDivideDModel() throws IOException {
        Path f = write(minimal().put("encoder_attention_heads", 6));
        assertThatThrownBy(() -> ModelConfig.read(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("field 'encoder_attention_heads' (6) does not divide d_model (64)");
        Path g = write(minimal().put("decoder_attention_heads", 5));
        assertThatThrownBy(() -> ModelConfig.read(g)).hasMessageContaining("field 'decoder_attention_heads' (5)");
    }

    @Test
    void sizesMustBePositive() throws IOException {
        Path f = write(minimal().put("decoder_layers", 0));
        assertThatThrownBy(() -> ModelConfig.read(f)).hasMessageContaining("field 'decoder_layers' is 0; expected a positive integer");
        Path g = write(minimal().put("encoder_ffn_dim", -4));
        assertThatThrownBy(() -> ModelConfig.read(g)).hasMessageContaining("field 'encoder_ffn_dim' is -4");
    }

    @Test
    void tokenIdsMustBeInTheVocabulary() throws IOException {
        Path f = write(minimal().put("vocab_size", 50000));
        assertThatThrownBy(() -> ModelConfig.read(f)).hasMessageContaining("'pad_token_id' is 50256, outside the vocabulary of 50000");
        Path g = write(minimal().put("decoder_start_token_id", -1));
        assertThatThrownBy(() -> ModelConfig.read(g)).hasMessageContaining("'decoder_start_token_id' is -1");
    }

    @Test
    void malformedOrAbsentFile() throws IOException {
        Path f = Files.writeString(dir.resolve("config.json"), "{\"d_model\": 64,");
        assertThatThrownBy(() -> ModelConfig.read(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid JSON (line 1, column");
        Path g = Files.writeString(dir.resolve("list.json"), "[]");
        assertThatThrownBy(() -> ModelConfig.read(g)).hasMessageContaining("not a JSON object");
        Path h = dir.resolve("absent.json");
        assertThatThrownBy(() -> ModelConfig.read(h)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(h.toString()).hasMessageContaining("file not found");
    }
}
