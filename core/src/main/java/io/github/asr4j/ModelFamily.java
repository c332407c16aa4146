package io.github.asr4j;

import io.github.asr4j.qwen.ModelType;
import java.nio.file.Path;

/** The architecture a model folder holds, from {@code config.json}'s {@code model_type}. */
enum ModelFamily {
    WHISPER, QWEN3_ASR;

    /**
     * {@code whisper} (or no {@code model_type}, as older Whisper exports) or {@code qwen3_asr}.
     *
     * @throws ModelLoadException for another model type, naming it, or a config.json that is not a JSON object
     */
    static ModelFamily of(Path modelDir) {
        String type = ModelType.of(modelDir);
        return switch (type == null ? "whisper" : type) {
            case "whisper" -> WHISPER;
            case ModelType.QWEN3_ASR -> QWEN3_ASR;
            default -> throw new ModelLoadException(modelDir.resolve("config.json") + ": model_type '" + type
                    + "' is not supported; asr4j runs 'whisper' and 'qwen3_asr' models");
        };
    }
}
