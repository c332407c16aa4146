package io.github.asr4j.loader;

import java.nio.file.Path;

/**
 * The shape and token ids of a Hugging Face Whisper checkpoint, read from its {@code config.json}.
 *
 * <p>CONTRACT STUB: the loader work implements {@link #read} (required fields missing or of the
 * wrong type give a {@link ConfigException}; optional ones take Whisper's defaults) and may add
 * fields; the ones below are what the model code uses.
 */
public record ModelConfig(
        String modelType,
        int vocabSize,
        int numMelBins,
        int dModel,
        int encoderLayers,
        int encoderAttentionHeads,
        int encoderFfnDim,
        int decoderLayers,
        int decoderAttentionHeads,
        int decoderFfnDim,
        int maxSourcePositions,
        int maxTargetPositions,
        String activationFunction,
        boolean scaleEmbedding,
        int padTokenId,
        int bosTokenId,
        int eosTokenId,
        int decoderStartTokenId) {

    /** Reads {@code config.json}. @throws ConfigException naming the file and the field at fault */
    public static ModelConfig read(Path configJson) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
