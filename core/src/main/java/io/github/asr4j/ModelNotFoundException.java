package io.github.asr4j;

import java.nio.file.Path;

/** The model folder given to {@link Transcriber} does not exist or is not a folder. */
public class ModelNotFoundException extends RuntimeException {
    public ModelNotFoundException(Path dir) {
        super("model folder not found: " + dir.toAbsolutePath()
                + " (expected a Hugging Face Whisper folder with config.json, model.safetensors and tokenizer files)");
    }
}
