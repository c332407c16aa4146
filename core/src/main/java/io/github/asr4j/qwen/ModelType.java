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
        return topLevel(config, "model_type", (p, value) -> {
            if (value != JsonToken.VALUE_STRING) {
                throw new ModelLoadException(config + ": model_type must be a string, got " + value);
            }
            return p.getText();
        });
    }

    /** Reads one field's value with the parser on it. */
    interface FieldReader<T> {
        T read(JsonParser parser, JsonToken value) throws IOException;
    }

    /**
     * A top-level field of a JSON object file, read by {@code reader}; null when the field is absent.
     *
     * @throws ModelLoadException when the file is not a JSON object
     */
    static <T> T topLevel(Path file, String field, FieldReader<T> reader) {
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ModelLoadException(file + ": not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(field)) {
                    return reader.read(p, value);
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new ModelLoadException(file + ": cannot be read as JSON: " + e.getMessage(), e);
        }
    }

    /** Whether the folder holds a Qwen3-ASR model. */
    public static boolean isQwen3Asr(Path modelDir) {
        return QWEN3_ASR.equals(of(modelDir));
    }
}
