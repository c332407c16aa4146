package io.github.asr4j.loader;

import java.nio.file.Path;

/**
 * The shape and special tokens of a Qwen3-ASR checkpoint ({@code model_type: qwen3_asr}), read from
 * its {@code config.json}: an audio encoder ("AuT") whose rows replace the {@code <|audio_pad|>}
 * embeddings of a Qwen3 text decoder.
 *
 * <p>Two layouts are read: the release's, with {@code audio_config} and {@code text_config} inside
 * {@code thinker_config}, and the newer one with both at the top level. Defaults are those of the
 * released Qwen3-ASR-0.6B where the field is optional in transformers' config classes. Unknown keys
 * are ignored.
 *
 * @param audio          the audio encoder
 * @param text           the text decoder
 * @param audioTokenId   {@code <|audio_pad|>}, the placeholder the encoder rows replace
 * @param audioStartTokenId {@code <|audio_start|>}
 * @param audioEndTokenId   {@code <|audio_end|>}
 */
public record QwenAsrConfig(AudioEncoder audio, TextDecoder text, int audioTokenId, int audioStartTokenId,
                            int audioEndTokenId) {

    /** The one {@code model_type} this record describes. */
    public static final String MODEL_TYPE = "qwen3_asr";

    /**
     * The audio tower.
     *
     * @param numMelBins           log-mel bins (128)
     * @param dModel               width of the encoder layers
     * @param layers               encoder layers
     * @param heads                attention heads ({@code dModel / heads} per head)
     * @param ffnDim               MLP width
     * @param downsampleHiddenSize channels of the three stride-2 convolutions
     * @param outputDim            width of the rows handed to the decoder
     * @param nWindow              half the frames of one convolution chunk ({@code 2·nWindow} = 100)
     * @param nWindowInfer         frames of one attention window ({@code nWindowInfer / (2·nWindow)} chunks)
     * @param maxSourcePositions   rows of the sinusoidal position table
     */
    public record AudioEncoder(int numMelBins, int dModel, int layers, int heads, int ffnDim, int downsampleHiddenSize,
                               int outputDim, int nWindow, int nWindowInfer, int maxSourcePositions) {

        /** Log-mel frames per convolution chunk (100). */
        public int chunkFrames() {
            return 2 * nWindow;
        }

        /** Rows one chunk of {@code frames} valid frames leaves after the three stride-2 convolutions (13 for 100). */
        public static int rowsAfterStem(int frames) {
            return halve(halve(halve(frames)));
        }

        /** Rows of a full chunk (13). */
        public int rowsPerChunk() {
            return rowsAfterStem(chunkFrames());
        }

        /** Tokens per attention window: whole chunks, {@code rowsPerChunk · nWindowInfer / chunkFrames} (104). */
        public int attentionWindow() {
            return rowsPerChunk() * (nWindowInfer / chunkFrames());
        }

        /** Mel bins left after the three stride-2 convolutions (16 for 128). */
        public int frequencyRows() {
            return rowsAfterStem(numMelBins);
        }

        public int headDim() {
            return dModel / heads;
        }

        private static int halve(int n) {
            return (n - 1) / 2 + 1; // kernel 3, stride 2, padding 1
        }
    }

    /**
     * The Qwen3 decoder.
     *
     * @param hiddenSize       width of the residual stream
     * @param layers           decoder layers
     * @param heads            query heads
     * @param kvHeads          key/value heads (grouped-query attention)
     * @param headDim          width of one head ({@code heads · headDim} need not equal {@code hiddenSize})
     * @param intermediateSize SwiGLU MLP width
     * @param vocabSize        rows of the embedding and of the logits
     * @param rmsNormEps       epsilon of every RMSNorm
     * @param ropeTheta        rotary base
     * @param maxPositions     {@code max_position_embeddings}
     * @param tieWordEmbeddings whether {@code lm_head} is the token embedding
     */
    public record TextDecoder(int hiddenSize, int layers, int heads, int kvHeads, int headDim, int intermediateSize,
                              int vocabSize, double rmsNormEps, double ropeTheta, int maxPositions,
                              boolean tieWordEmbeddings) {}

    /** Reads {@code config.json}. @throws ConfigException naming the file and the field at fault */
    public static QwenAsrConfig read(Path configJson) {
        ConfigJson root = ConfigJson.read(configJson);
        String modelType = root.optionalString("model_type", null);
        if (modelType == null) {
            throw root.error("model_type", "is missing; expected '" + MODEL_TYPE + "'");
        }
        if (!modelType.equals(MODEL_TYPE)) {
            throw root.error("model_type", "is '" + modelType + "'; expected '" + MODEL_TYPE + "'");
        }
        ConfigJson thinker = root.has("thinker_config") ? root.object("thinker_config") : root;
        ConfigJson a = thinker.object("audio_config");
        ConfigJson t = thinker.object("text_config");
        String activation = a.optionalString("activation_function", "gelu");
        if (!activation.equals("gelu")) {
            throw a.error("activation_function", "is '" + activation + "'; only the exact 'gelu' of Qwen3-ASR is supported");
        }
        String hiddenAct = t.optionalString("hidden_act", "silu");
        if (!hiddenAct.equals("silu")) {
            throw t.error("hidden_act", "is '" + hiddenAct + "'; only Qwen3's 'silu' (SwiGLU) is supported");
        }
        int hidden = t.requireInt("hidden_size");
        int heads = t.requireInt("num_attention_heads");
        AudioEncoder audio = new AudioEncoder(
                a.optionalInt("num_mel_bins", 128),
                a.requireInt("d_model"),
                a.requireInt("encoder_layers"),
                a.requireInt("encoder_attention_heads"),
                a.requireInt("encoder_ffn_dim"),
                a.requireInt("downsample_hidden_size"),
                a.requireInt("output_dim"),
                a.optionalInt("n_window", 50),
                a.optionalInt("n_window_infer", 800),
                a.optionalInt("max_source_positions", 1500));
        TextDecoder text = new TextDecoder(
                hidden,
                t.requireInt("num_hidden_layers"),
                heads,
                t.optionalInt("num_key_value_heads", heads),
                t.has("head_dim") ? t.requireInt("head_dim") : heads > 0 ? hidden / heads : 0,
                t.requireInt("intermediate_size"),
                t.requireInt("vocab_size"),
                t.optionalDouble("rms_norm_eps", 1e-6),
                t.optionalDouble("rope_theta", 1_000_000),
                t.optionalInt("max_position_embeddings", 65536),
                t.optionalBoolean("tie_word_embeddings", root.optionalBoolean("tie_word_embeddings", true)));
        QwenAsrConfig config = new QwenAsrConfig(audio, text,
                thinker.optionalInt("audio_token_id", 151676),
                thinker.optionalInt("audio_start_token_id", 151669),
                thinker.optionalInt("audio_end_token_id", 151670));
        validate(config, thinker, a, t);
        return config;
    }

    /** Reads {@code dir/config.json}. */
    public static QwenAsrConfig ofFolder(Path dir) {
        return read(dir.resolve("config.json"));
    }

    private static void validate(QwenAsrConfig c, ConfigJson thinker, ConfigJson a, ConfigJson t) {
        AudioEncoder e = c.audio;
        positive(a, "num_mel_bins", e.numMelBins);
        positive(a, "d_model", e.dModel);
        positive(a, "encoder_layers", e.layers);
        positive(a, "encoder_attention_heads", e.heads);
        positive(a, "encoder_ffn_dim", e.ffnDim);
        positive(a, "downsample_hidden_size", e.downsampleHiddenSize);
        positive(a, "output_dim", e.outputDim);
        positive(a, "n_window", e.nWindow);
        positive(a, "n_window_infer", e.nWindowInfer);
        positive(a, "max_source_positions", e.maxSourcePositions);
        if (e.dModel % e.heads != 0) {
            throw a.error("encoder_attention_heads", "(" + e.heads + ") does not divide d_model (" + e.dModel + ")");
        }
        if (e.dModel % 2 != 0 || e.dModel < 4) {
            throw a.error("d_model", "is " + e.dModel + "; the sinusoidal positions need an even width of at least 4");
        }
        if (e.nWindow > 1 << 20) {
            throw a.error("n_window", "is " + e.nWindow + "; a chunk of " + 2L * e.nWindow + " frames is not a Qwen3-ASR encoder");
        }
        if (e.nWindowInfer % e.chunkFrames() != 0) {
            throw a.error("n_window_infer", "(" + e.nWindowInfer + ") is not a whole number of chunks of 2 * n_window = "
                    + e.chunkFrames() + " frames; the attention windows must hold whole chunks");
        }
        if (e.rowsPerChunk() > e.maxSourcePositions) {
            throw a.error("max_source_positions", "(" + e.maxSourcePositions + ") is shorter than the " + e.rowsPerChunk()
                    + " positions of one chunk");
        }
        TextDecoder d = c.text;
        positive(t, "hidden_size", d.hiddenSize);
        positive(t, "num_hidden_layers", d.layers);
        positive(t, "num_attention_heads", d.heads);
        positive(t, "num_key_value_heads", d.kvHeads);
        positive(t, "head_dim", d.headDim);
        positive(t, "intermediate_size", d.intermediateSize);
        positive(t, "vocab_size", d.vocabSize);
        positive(t, "max_position_embeddings", d.maxPositions);
        if (d.heads % d.kvHeads != 0) {
            throw t.error("num_key_value_heads", "(" + d.kvHeads + ") does not divide num_attention_heads (" + d.heads + ")");
        }
        if (d.headDim % 2 != 0) {
            throw t.error("head_dim", "is " + d.headDim + "; the rotary embedding needs an even head width");
        }
        if ((long) d.heads * d.headDim > 1 << 20) {
            throw t.error("head_dim", "times num_attention_heads is " + (long) d.heads * d.headDim + "; too wide for a decoder");
        }
        if (!(d.rmsNormEps > 0)) {
            throw t.error("rms_norm_eps", "is " + d.rmsNormEps + "; expected a positive number");
        }
        if (!(d.ropeTheta > 1)) {
            throw t.error("rope_theta", "is " + d.ropeTheta + "; expected a number above 1");
        }
        if (e.outputDim != d.hiddenSize) {
            throw a.error("output_dim", "(" + e.outputDim + ") differs from text_config.hidden_size (" + d.hiddenSize
                    + "); the encoder rows replace token embeddings of that width");
        }
        tokenInVocab(thinker, "audio_token_id", c.audioTokenId, d.vocabSize);
        tokenInVocab(thinker, "audio_start_token_id", c.audioStartTokenId, d.vocabSize);
        tokenInVocab(thinker, "audio_end_token_id", c.audioEndTokenId, d.vocabSize);
    }

    private static void positive(ConfigJson json, String field, int value) {
        if (value <= 0) {
            throw json.error(field, "is " + value + "; expected a positive integer");
        }
    }

    private static void tokenInVocab(ConfigJson json, String field, int id, int vocab) {
        if (id < 0 || id >= vocab) {
            throw json.error(field, "is " + id + ", outside the vocabulary of " + vocab + " tokens");
        }
    }
}
