package io.github.asr4j.qwen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.asr4j.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model folder's {@code config.json} {@code model_type}, read without building the whole configuration. */
public final class ModelType {
    /** Qwen3-ASR's {@code model_type}. */
    public static final String QWEN3_ASR = "qwen3_asr";

    private ModelType() {}

    /**
     * The top-level {@code model_type}; null when config.json has none or is absent (the loader names the missing file).
     *
     * @throws ModelLoadException when config.json is not a JSON object or model_type is not a string
     */
    public static String of(Path modelDir) {
        Path config = modelDir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return null;
        }
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

    /** Whether the folder holds a Qwen3-ASR model. */
    public static boolean isQwen3Asr(Path modelDir) {
        return QWEN3_ASR.equals(of(modelDir));
    }
}
