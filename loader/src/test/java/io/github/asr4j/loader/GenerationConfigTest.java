package io.github.asr4j.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerationConfigTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        // model, languages, shift of ids after <|yue|>, alignment heads, first aligned layer
        "mini, 99, 0, 4, 1",
        "mini-128, 100, 1, 4, 1",
        "tiny-shape, 99, 0, 12, 2",
        "card, 99, 0, 36, 3",
    })
    void readsSharedConfigs(String model, int languages, int shift, int heads, int firstLayer) {
        Path folder = SharedData.require("models/" + model);
        Path file = folder.resolve("generation_config.json");
        ModelConfig mc = ModelConfig.ofFolder(folder);
        GenerationConfig g = GenerationConfig.read(file, mc).checkAgainst(mc, file);
        assertThat(g.langToId()).hasSize(languages);
        assertThat(g.langToId().keySet().iterator().next()).isEqualTo("<|en|>");
        assertThat(g.languageTokenId("en")).isEqualTo(50259);
        assertThat(g.languageTokenId("<|zh|>")).isEqualTo(50260);
        assertThat(g.languageTokenId("xx")).isEqualTo(-1);
        assertThat(g.taskToId()).containsExactly(Map.entry("transcribe", 50359 + shift), Map.entry("translate", 50358 + shift));
        assertThat(g.noTimestampsTokenId()).isEqualTo(50363 + shift);
        assertThat(g.alignmentHeads()).hasSize(heads);
        assertThat(g.alignmentHeads().get(0)).containsExactly(firstLayer, 0);
        assertThat(g.isMultilingual()).isTrue();
        assertThat(g.maxInitialTimestampIndex()).isEqualTo(50);
        assertThat(g.decoderStartTokenId()).isEqualTo(50258);
        assertThat(g.eosTokenId()).isEqualTo(50257);
        assertThat(g.maxLength()).isEqualTo(448);
        assertThat(g.suppressTokens()).hasSize(88).startsWith(1, 2, 7);
        assertThat(g.beginSuppressTokens()).containsExactly(220, 50257);
        assertThat(GenerationConfig.read(file)).usingRecursiveComparison().isEqualTo(g);
    }

    @Test
    void defaultsFollowTheModel() {
        ModelConfig mc = new ModelConfig("whisper", 51864, 80, 64, 1, 1, 256, 1, 1, 256, 1500, 448, "gelu", false,
                50256, 50256, 50256, 50257);
        GenerationConfig g = GenerationConfig.defaults(mc);
        assertThat(g.langToId()).isEmpty();
        assertThat(g.taskToId()).isEmpty();
        assertThat(g.suppressTokens()).isEmpty();
        assertThat(g.beginSuppressTokens()).isEmpty();
        assertThat(g.alignmentHeads()).isEmpty();
        assertThat(g.isMultilingual()).isFalse();
        assertThat(g.noTimestampsTokenId()).isEqualTo(-1);
        assertThat(g.maxInitialTimestampIndex()).isEqualTo(50);
        assertThat(g.decoderStartTokenId()).isEqualTo(50257);
        assertThat(g.eosTokenId()).isEqualTo(50256);
        assertThat(g.maxLength()).isEqualTo(448);
    }

    @Test
    void emptyFileTakesDefaults() throws IOException {
        GenerationConfig g = GenerationConfig.read(Files.writeString(dir.resolve("g.json"), "{\"eos_token_id\":[50257, 50256]}"));
        assertThat(g.eosTokenId()).isEqualTo(50257);
        assertThat(g.noTimestampsTokenId()).isEqualTo(-1);
        assertThat(g.isMultilingual()).isFalse();
        assertThat(g.maxLength()).isEqualTo(448);
    }

    private void assertRefused(String json, String... fragments) throws IOException {
        Path f = Files.writeString(dir.resolve("generation_config.json"), json);
        var a = assertThatThrownBy(() -> GenerationConfig.read(f)).isInstanceOf(ConfigException.class).hasMessageContaining(f.toString());
        for (String s : fragments) {
            a.hasMessageContaining(s);
        }
    }

    @Test
    void wrongTypesNameTheField() throws IOException {
        assertRefused("{\"suppress_tokens\": \"1,2\"}", "field 'suppress_tokens'", "expected a list of integers");
        assertRefused("{\"suppress_tokens\": [1, \"2\"]}", "field 'suppress_tokens[1]'");
        assertRefused("{\"lang_to_id\": {\"<|en|>\": \"50259\"}}", "field 'lang_to_id.<|en|>'", "expected an integer");
        assertRefused("{\"task_to_id\": []}", "field 'task_to_id'", "expected an object of integers");
        assertRefused("{\"alignment_heads\": [[1, 0], [1]]}", "field 'alignment_heads[1]'", "an [int, int] pair");
        assertRefused("{\"alignment_heads\": [[1, -1]]}", "field 'alignment_heads[0]'", ">= 0");
        assertRefused("{\"is_multilingual\": \"yes\"}", "field 'is_multilingual'", "true or false");
        assertRefused("{\"no_timestamps_token_id\": 5.5}", "field 'no_timestamps_token_id'");
        assertRefused("{\"max_length\": 0}", "field 'max_length' is 0");
        assertRefused("{\"eos_token_id\": []}", "field 'eos_token_id' is an empty list");
        assertRefused("{\"lang_to_id\": {", "not valid JSON");
    }

    @Test
    void checkAgainstTheModel() throws IOException {
        ModelConfig mc = new ModelConfig("whisper", 51865, 80, 64, 2, 4, 256, 2, 4, 256, 1500, 448, "gelu", false,
                50257, 50257, 50257, 50258);
        Path f = Files.writeString(dir.resolve("g.json"), "{\"alignment_heads\": [[1, 3], [2, 0]]}");
        assertThatThrownBy(() -> GenerationConfig.read(f, mc).checkAgainst(mc, f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'alignment_heads[1]' is [2, 0], outside the decoder's 2 layers x 4 heads");
        Path g = Files.writeString(dir.resolve("g2.json"), "{\"no_timestamps_token_id\": 60000}");
        assertThatThrownBy(() -> GenerationConfig.read(g, mc).checkAgainst(mc, g))
                .hasMessageContaining("'no_timestamps_token_id' is 60000, outside the vocabulary of 51865");
    }
}
