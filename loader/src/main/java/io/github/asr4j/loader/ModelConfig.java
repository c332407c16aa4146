package io.github.asr4j.loader;

import java.nio.file.Path;

/**
 * The shape and token ids of a Hugging Face Whisper checkpoint, read from its {@code config.json}.
 *
 * <p>Required: {@code d_model, encoder_layers, decoder_layers, encoder_attention_heads,
 * decoder_attention_heads, num_mel_bins, vocab_size}. Optional fields take the defaults of
 * transformers' {@code WhisperConfig} ({@code encoder_ffn_dim}/{@code decoder_ffn_dim} 1536,
 * {@code max_source_positions} 1500, {@code max_target_positions} 448, {@code activation_function}
 * "gelu", {@code scale_embedding} false, {@code model_type} "whisper"), except the token ids: those
 * follow the vocabulary, because WhisperConfig's 50256/50257 are only right for English-only models
 * ({@code <|endoftext|>} is 50257 and {@code <|startoftranscript|>} 50258 in multilingual ones).
 * Unknown keys are ignored (Hugging Face configs carry many training-only options).
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

    /** Vocabulary size of Whisper's multilingual tokenizer; English-only models have 51864. */
    public static final int MULTILINGUAL_VOCAB = 51865;
    /** transformers' WhisperConfig default for both feed-forward sizes (whisper-tiny's). */
    public static final int DEFAULT_FFN_DIM = 1536;

    /** Reads {@code config.json}. @throws ConfigException naming the file and the field at fault */
    public static ModelConfig read(Path configJson) {
        return of(ConfigJson.read(configJson));
    }

    /** {@code config.json} already in memory; {@code file} names it in messages (the fuzz tests' seam). */
    static ModelConfig read(Path file, byte[] json) {
        return of(ConfigJson.parse(file, json));
    }

    private static ModelConfig of(ConfigJson json) {
        String modelType = json.optionalString("model_type", "whisper");
        if (!modelType.equals("whisper")) {
            throw json.error("model_type", "is '" + modelType + "'; only 'whisper' models are supported");
        }
        int vocab = json.requireInt("vocab_size");
        int dModel = json.requireInt("d_model");
        boolean multilingual = vocab >= MULTILINGUAL_VOCAB;
        int eos = json.optionalInt("eos_token_id", multilingual ? 50257 : 50256);
        ModelConfig config = new ModelConfig(
                modelType,
                vocab,
                json.requireInt("num_mel_bins"),
                dModel,
                json.requireInt("encoder_layers"),
                json.requireInt("encoder_attention_heads"),
                json.optionalInt("encoder_ffn_dim", DEFAULT_FFN_DIM),
                json.requireInt("decoder_layers"),
                json.requireInt("decoder_attention_heads"),
                json.optionalInt("decoder_ffn_dim", DEFAULT_FFN_DIM),
                json.optionalInt("max_source_positions", 1500),
                json.optionalInt("max_target_positions", 448),
                json.optionalString("activation_function", "gelu"),
                json.optionalBoolean("scale_embedding", false),
                json.optionalInt("pad_token_id", eos),
                json.optionalInt("bos_token_id", eos),
                eos,
                json.optionalInt("decoder_start_token_id", eos + 1));
        config.validate(json);
        return config;
    }

    /** Reads {@code dir/config.json}. */
    public static ModelConfig ofFolder(Path dir) {
        return read(dir.resolve("config.json"));
    }

    private void validate(ConfigJson json) {
        positive(json, "vocab_size", vocabSize);
        positive(json, "num_mel_bins", numMelBins);
        positive(json, "d_model", dModel);
        positive(json, "encoder_layers", encoderLayers);
        positive(json, "encoder_attention_heads", encoderAttentionHeads);
        positive(json, "encoder_ffn_dim", encoderFfnDim);
        positive(json, "decoder_layers", decoderLayers);
        positive(json, "decoder_attention_heads", decoderAttentionHeads);
        positive(json, "decoder_ffn_dim", decoderFfnDim);
        positive(json, "max_source_positions", maxSourcePositions);
        positive(json, "max_target_positions", maxTargetPositions);
        if (dModel % encoderAttentionHeads != 0) {
            throw json.error("encoder_attention_heads", "(" + encoderAttentionHeads + ") does not divide d_model (" + dModel + ")");
        }
        if (dModel % decoderAttentionHeads != 0) {
            throw json.error("decoder_attention_heads", "(" + decoderAttentionHeads + ") does not divide d_model (" + dModel + ")");
        }
        tokenInVocab(json, "pad_token_id", padTokenId);
        tokenInVocab(json, "bos_token_id", bosTokenId);
        tokenInVocab(json, "eos_token_id", eosTokenId);
        tokenInVocab(json, "decoder_start_token_id", decoderStartTokenId);
    }

    private static void positive(ConfigJson json, String field, int value) {
        if (value <= 0) {
            throw json.error(field, "is " + value + "; expected a positive integer");
        }
    }

    private void tokenInVocab(ConfigJson json, String field, int id) {
        if (id < 0 || id >= vocabSize) {
            throw json.error(field, "is " + id + ", outside the vocabulary of " + vocabSize + " tokens");
        }
    }

    /** Width of one encoder attention head. */
    public int encoderHeadDim() {
        return dModel / encoderAttentionHeads;
    }

    /** Width of one decoder attention head. */
    public int decoderHeadDim() {
        return dModel / decoderAttentionHeads;
    }

    /** Whether the vocabulary is the multilingual one (language and task tokens present). */
    public boolean isMultilingual() {
        return vocabSize >= MULTILINGUAL_VOCAB;
    }

    /** Number of language tokens as openai's model.py counts them: 99 for 51865, 100 for 51866 (meaningless for English-only models). */
    public int numLanguages() {
        return vocabSize - 51765 - (isMultilingual() ? 1 : 0);
    }

    /** Audio frames the encoder accepts before its stride-2 convolution (3000 for Whisper). */
    public int maxInputFrames() {
        return 2 * maxSourcePositions;
    }
}
