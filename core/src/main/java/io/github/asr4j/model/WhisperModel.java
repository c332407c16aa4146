package io.github.asr4j.model;

import io.github.asr4j.ModelLoadException;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.ModelConfig;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.profile.ActivationListener;
import io.github.asr4j.profile.Profiler;
import java.nio.file.Path;
import java.util.List;

/**
 * A Whisper encoder-decoder network bound to a backend: {@link #encode} turns a 30-second log-mel
 * window into audio states, {@link #newSession} starts decoding text against them.
 *
 * <p>Immutable after loading and thread-safe: many windows may be encoded and many sessions
 * decoded at once. The weights stay memory-mapped until {@link #close()}; the backend belongs to
 * the caller and is not closed here.
 */
public final class WhisperModel implements AutoCloseable {
    private final ModelConfig config;
    private final SafeTensors weights;
    private final Encoder encoder;
    private final Decoder decoder;
    private final BufferType kvCache;

    private WhisperModel(ModelConfig config, SafeTensors weights, Encoder encoder, Decoder decoder, BufferType kvCache) {
        this.config = config;
        this.weights = weights;
        this.encoder = encoder;
        this.decoder = decoder;
        this.kvCache = java.util.Objects.requireNonNull(kvCache, "kvCache");
    }

    /**
     * Loads a Hugging Face Whisper folder ({@code config.json} and {@code model.safetensors} or its shards).
     *
     * @throws io.github.asr4j.loader.ConfigException when {@code config.json} is missing or malformed
     * @throws io.github.asr4j.loader.SafeTensorsException when the weights file is unusable
     * @throws ModelLoadException when a tensor is missing or mis-shaped, or the configuration is not a supported Whisper
     */
    public static WhisperModel load(Path modelDir, Backend backend) {
        return load(modelDir, backend, BufferType.F32);
    }

    /**
     * Like {@link #load(Path, Backend)}, keeping the decoder's KV caches (self and cross attention)
     * as {@code kvCache}: F16 halves the bytes a decoder step reads from them; Q8 keeps the cross
     * cache in 8 bits and the self caches in F16; null: {@link #kvCacheFor}.
     */
    public static WhisperModel load(Path modelDir, Backend backend, BufferType kvCache) {
        ModelConfig config = ModelConfig.read(modelDir.resolve("config.json"));
        SafeTensors weights = SafeTensors.openFolder(modelDir);
        try {
            return load(config, weights, backend, kvCache);
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    /** Binds already opened weights; the model takes them over and closes them in {@link #close()}. */
    public static WhisperModel load(ModelConfig config, SafeTensors weights, Backend backend) {
        return load(config, weights, backend, BufferType.F32);
    }

    /**
     * Like {@link #load(ModelConfig, SafeTensors, Backend)} with the KV caches kept as {@code kvCache};
     * null keeps them as {@link #kvCacheFor the weights suggest}.
     */
    public static WhisperModel load(ModelConfig config, SafeTensors weights, Backend backend, BufferType kvCache) {
        checkSupported(config, weights);
        WeightBinder binder = new WeightBinder(weights, backend);
        return new WhisperModel(config, weights,
                Encoder.bind(binder, config, backend), Decoder.bind(binder, config, backend),
                kvCache != null ? kvCache : kvCacheFor(weights, backend.format()));
    }

    /**
     * The KV cache type that suits these weights, held in {@code format}, when the caller chose none:
     * Q8 (the cross cache in 8 bits, the self caches in F16) where they are quantized to int8: it moves
     * the logits about 1/20 as much as the int8 weights themselves do ({@code Int8AccuracyTest}), halves
     * the cross cache's bytes, and measured no slower than F16 on the Zen 5 VM (greedy 0.98x, 5 beams
     * 1.02x, 16 files 1.00x: docs/notes/2026-12-04d-q8x.md) and faster on the Intel VM, where a step is
     * bound by its reads (16 files 0.79x, greedy and 5 beams lower: docs/notes/2026-12-05h-closing.md).
     * F16 where the decoder's matrices are stored as float16 (rounding the cached keys and values to
     * float16 moves the logits less than the float16 weights themselves do, measured against the goldens
     * in {@code WhisperParityTest}; whisper.cpp keeps F16 too); else F32 (float32 weights keep float32
     * arithmetic throughout). The one place this default is decided.
     */
    public static BufferType kvCacheFor(SafeTensors weights, io.github.asr4j.kernels.WeightFormat format) {
        if (format == io.github.asr4j.kernels.WeightFormat.INT8) {
            return BufferType.Q8;
        }
        return weights.find(DECODER_PROBE).map(t -> t.dtype() == io.github.asr4j.loader.DType.F16).orElse(false)
                ? BufferType.F16 : BufferType.F32;
    }

    /** A decoder matrix every Whisper checkpoint has, whose stored type stands for the decoder's. */
    private static final String DECODER_PROBE = "model.decoder.layers.0.fc1.weight";

    /** How the decoder's KV caches are held (Q8: the cross cache; the self caches are then F16). */
    public BufferType kvCache() {
        return kvCache;
    }

    private static void checkSupported(ModelConfig c, SafeTensors weights) {
        String where = weights.source() + " (config.json): ";
        if (c.modelType() != null && !c.modelType().equals("whisper")) {
            throw new ModelLoadException(where + "model_type is '" + c.modelType() + "', expected 'whisper'");
        }
        // Whisper uses the exact erf GELU, which is what the backend computes.
        if (c.activationFunction() != null && !c.activationFunction().equals("gelu")) {
            throw new ModelLoadException(where + "activation_function '" + c.activationFunction()
                    + "' is not supported (only Whisper's 'gelu')");
        }
        positive(where, "d_model", c.dModel());
        positive(where, "num_mel_bins", c.numMelBins());
        positive(where, "encoder_attention_heads", c.encoderAttentionHeads());
        positive(where, "decoder_attention_heads", c.decoderAttentionHeads());
        positive(where, "encoder_ffn_dim", c.encoderFfnDim());
        positive(where, "decoder_ffn_dim", c.decoderFfnDim());
        positive(where, "vocab_size", c.vocabSize());
        positive(where, "max_source_positions", c.maxSourcePositions());
        positive(where, "max_target_positions", c.maxTargetPositions());
        if (c.dModel() % c.encoderAttentionHeads() != 0 || c.dModel() % c.decoderAttentionHeads() != 0) {
            throw new ModelLoadException(where + "d_model " + c.dModel() + " is not divisible by the attention heads ("
                    + c.encoderAttentionHeads() + " encoder, " + c.decoderAttentionHeads() + " decoder)");
        }
        if (c.dModel() % 2 != 0) {
            throw new ModelLoadException(where + "d_model " + c.dModel() + " must be even");
        }
        // scale_embedding: Hugging Face's Whisper never applies it, so it is ignored here too.
    }

    private static void positive(String where, String field, int value) {
        if (value <= 0) {
            throw new ModelLoadException(where + field + " must be positive, is " + value);
        }
    }

    public ModelConfig config() {
        return config;
    }

    /**
     * Encodes one 30-second window.
     *
     * @param mel log-mel {@code [num_mel_bins, 2·max_source_positions]} (80 or 128 × 3000), row-major
     * @return audio states {@code [max_source_positions, d_model]} (1500 × d), row-major
     * @throws IllegalArgumentException when {@code mel} has the wrong length
     */
    public float[] encode(float[] mel) {
        return encoder.forward(mel);
    }

    /** Like {@link #encode(float[])}, reporting the pass, its layers and ops to {@code profiler}. */
    public float[] encode(float[] mel, Profiler profiler) {
        return encoder.forward(mel, profiler, ActivationListener.NONE);
    }

    /** Like {@link #encode(float[])}, handing the {@code encoder.*} values {@code listener} wants to it. */
    public float[] encode(float[] mel, ActivationListener listener) {
        return encoder.forward(mel, Profiler.off(), listener);
    }

    /** Like {@link #encode(float[])}, profiled and observed. */
    public float[] encode(float[] mel, Profiler profiler, ActivationListener listener) {
        return encoder.forward(mel, profiler, listener);
    }

    /**
     * Starts a token sequence for one window: computes the cross-attention keys and values of every
     * decoder layer once; the session (and its copies) reuse them for every token.
     *
     * @param encoderOut the output of {@link #encode}
     */
    public DecoderSession newSession(float[] encoderOut) {
        return newSession(encoderOut, Profiler.off());
    }

    /**
     * Like {@link #newSession(float[])}; the cross-attention projection and every step of the session
     * and its copies are reported to {@code profiler}.
     */
    public DecoderSession newSession(float[] encoderOut, Profiler profiler) {
        return new DecoderSession(decoder, decoder.crossKv(encoderOut, kvCache, profiler), profiler);
    }

    /**
     * Like {@link #newSession(float[], Profiler)}, in the memory of {@code finished}, a session of this
     * model whose window is done: its cross-attention keys and values are overwritten with this
     * window's, its self-attention caches reused. A long transcription then allocates its window
     * caches once instead of leaving them (card shape: 36 MB per window) to the collector.
     * {@code finished} refuses any use afterwards ({@link IllegalStateException}); its copies must be
     * done too, as they share its cross-attention buffers.
     *
     * @throws IllegalArgumentException when {@code finished} belongs to another model
     * @throws IllegalStateException when {@code finished} was handed over already
     */
    public DecoderSession newSession(float[] encoderOut, Profiler profiler, DecoderSession finished) {
        return finished == null ? newSession(encoderOut, profiler)
                : DecoderSession.takingOver(finished, decoder, encoderOut, kvCache, profiler);
    }

    /**
     * {@code newSession(encode(mel, profiler), profiler, finished)}, the same values, with the session's
     * cross-attention keys and values projected from the encoder's output buffer in place: no host copy
     * of the audio states and no upload of it (card shape: 2 × 4.6 MB less garbage per window). The
     * encoder's scratch is held until the projection is done.
     *
     * @throws IllegalArgumentException when {@code mel} has the wrong length, or {@code finished} belongs to another model
     * @throws IllegalStateException when {@code finished} was handed over already
     */
    public DecoderSession encodeSession(float[] mel, Profiler profiler, DecoderSession finished) {
        return encoder.forward(mel, profiler, states -> finished == null
                ? new DecoderSession(decoder, decoder.crossKv(states, kvCache, profiler, null), profiler)
                : DecoderSession.takingOver(finished, decoder, states, kvCache, profiler));
    }

    /**
     * The cross-attention weights of chosen heads for one token sequence, for word-level timing:
     * {@code newSession(encoderOut).crossAttentionWeights(tokens, heads)}. When a session for the
     * window exists, call it on that session instead to reuse its cross-attention keys and values.
     *
     * @param tokens the SOT sequence, the text tokens and EOT, fed from position 0
     * @param heads {@code [layer, head]} pairs, e.g. {@code GenerationConfig.alignmentHeads()}
     * @return {@code [heads.size()][tokens.length][max_source_positions]}, rows summing to 1
     */
    public float[][][] crossAttentionWeights(float[] encoderOut, int[] tokens, List<int[]> heads) {
        return newSession(encoderOut).crossAttentionWeights(tokens, heads);
    }

    /**
     * Like {@link #crossAttentionWeights(float[], int[], List)} with every row a distribution over the
     * first {@code audioFrames} keys only, as openai-whisper's {@code find_alignment} uses them; see
     * {@link DecoderSession#crossAttentionWeights(int[], List, int)}.
     */
    public float[][][] crossAttentionWeights(float[] encoderOut, int[] tokens, List<int[]> heads, int audioFrames) {
        return newSession(encoderOut).crossAttentionWeights(tokens, heads, audioFrames);
    }

    /** Unmaps the weights. The model and its sessions are unusable afterwards. */
    @Override
    public void close() {
        weights.close();
    }
}
