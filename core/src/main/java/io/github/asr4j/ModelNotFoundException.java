package io.github.asr4j;

import java.nio.file.Path;

/**
 * The model given to {@link Transcriber} is not a folder, not a Hugging Face id, or its repository
 * lacks the files asr4j reads.
 */
public class ModelNotFoundException extends RuntimeException {
    public ModelNotFoundException(Path dir) {
        super("model folder not found: " + dir.toAbsolutePath()
                + " (expected a Hugging Face Whisper folder with config.json, model.safetensors and tokenizer files,"
                + " or a Hugging Face model id such as openai/whisper-small)");
    }

    public ModelNotFoundException(String message) {
        super(message);
    }
}
