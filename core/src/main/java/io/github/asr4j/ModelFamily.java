package io.github.asr4j;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
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
        Path config = modelDir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return WHISPER; // the Whisper loader names the missing file
        }
        String type = modelType(config);
        return switch (type == null ? "whisper" : type) {
            case "whisper" -> WHISPER;
            case "qwen3_asr" -> QWEN3_ASR;
            default -> throw new ModelLoadException(config + ": model_type '" + type
                    + "' is not supported; asr4j runs 'whisper' and 'qwen3_asr' models");
        };
    }

    /** The top-level {@code model_type}, or null when there is none. */
    private static String modelType(Path config) {
        try (JsonParser p = new JsonFactory().createParser(config.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ModelLoadException(config + ": not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("model_type")) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw new ModelLoadException(config + ": model_type must be a string, got " + value);
                    }
                    return p.getText();
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new ModelLoadException(config + ": cannot be read as JSON: " + e.getMessage(), e);
        }
    }
}
