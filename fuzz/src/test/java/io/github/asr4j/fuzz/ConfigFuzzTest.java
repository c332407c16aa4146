package io.github.asr4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.asr4j.loader.ConfigException;
import io.github.asr4j.loader.GenerationConfig;
import io.github.asr4j.loader.ModelConfig;
import java.nio.file.Path;

/** config.json and generation_config.json (checked against a real model config, as a load does). */
class ConfigFuzzTest {

    @FuzzTest
    void configJson(byte[] input) {
        Path file = Inputs.file("config", "config.json", input);
        Outcomes.expectTyped(() -> ModelConfig.read(file), ConfigException.class);
    }

    @FuzzTest
    void generationConfigJson(byte[] input) {
        ModelConfig model = ModelConfig.read(Seeds.MINI_CONFIG);
        Path file = Inputs.file("generation", "generation_config.json", input);
        Outcomes.expectTyped(() -> GenerationConfig.read(file, model).checkAgainst(model, file), ConfigException.class);
    }
}
