package io.github.asr4j.loader;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.asr4j.fuzz.Outcomes;
import io.github.asr4j.fuzz.Seeds;
import java.nio.file.Path;

/**
 * config.json and generation_config.json (checked against a real model config, as a load does),
 * through the readers' in-memory entries: the same parsing and checks as {@code read(Path)}.
 */
class ConfigFuzzTest {
    private static final ModelConfig MINI = ModelConfig.read(Seeds.MINI_CONFIG);
    private static final Path CONFIG = Path.of("config.json");
    private static final Path GENERATION = Path.of("generation_config.json");

    @FuzzTest
    void configJson(byte[] input) {
        Outcomes.expectTyped(() -> ModelConfig.read(CONFIG, input), ConfigException.class);
    }

    @FuzzTest
    void generationConfigJson(byte[] input) {
        Outcomes.expectTyped(() -> GenerationConfig.read(GENERATION, input, MINI).checkAgainst(MINI, GENERATION),
                ConfigException.class);
    }
}
