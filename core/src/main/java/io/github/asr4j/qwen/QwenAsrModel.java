package io.github.asr4j.qwen;

import io.github.asr4j.ModelLoadException;
import io.github.asr4j.audio.LogMel;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.loader.QwenAsrConfig;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.model.WeightBinder;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A Qwen3-ASR network bound to a backend: {@link #logMel} turns 16 kHz samples into its 128-bin
 * log-mel, {@link #encode} the log-mel into audio rows, and a {@link QwenDecoderSession} decodes
 * text from a prompt holding those rows.
 *
 * <p>Immutable after loading and thread-safe: many clips may be encoded and many sessions decoded at
 * once. The weights stay memory-mapped in their stored dtype (BF16 in the release; the kernels widen
 * them) until {@link #close()}; the backend belongs to the caller.
 */
public final class QwenAsrModel implements AutoCloseable {
    private final QwenAsrConfig config;
    private final SafeTensors weights;
    private final LogMel logMel;
    private final QwenAudioEncoder encoder;
    private final QwenTextDecoder decoder;

    private QwenAsrModel(QwenAsrConfig config, SafeTensors weights, QwenAudioEncoder encoder, QwenTextDecoder decoder) {
        this.config = config;
        this.weights = weights;
        this.logMel = new LogMel(config.audio().numMelBins());
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /**
     * Loads a Hugging Face Qwen3-ASR folder ({@code config.json} and {@code model.safetensors} or its shards).
     *
     * @throws io.github.asr4j.loader.ConfigException when {@code config.json} is missing, malformed or not a Qwen3-ASR shape
     * @throws io.github.asr4j.loader.SafeTensorsException when the weights file is unusable
     * @throws ModelLoadException when a tensor is missing, mis-shaped or not finite (the message names it)
     */
    public static QwenAsrModel load(Path dir, Backend backend) {
        Objects.requireNonNull(backend, "backend");
        QwenAsrConfig config = QwenAsrConfig.ofFolder(dir);
        SafeTensors weights = SafeTensors.openFolder(dir);
        try {
            return load(config, weights, backend);
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    /** Binds already opened weights; the model takes them over and closes them in {@link #close()}. */
    public static QwenAsrModel load(QwenAsrConfig config, SafeTensors weights, Backend backend) {
        WeightBinder binder = new WeightBinder(weights, backend);
        return new QwenAsrModel(config, weights, new QwenAudioEncoder(binder, config.audio(), backend),
                new QwenTextDecoder(binder, config.text(), config.audioTokenId(), backend));
    }

    public QwenAsrConfig config() {
        return config;
    }

    /**
     * The log-mel of 16 kHz mono samples as Qwen3-ASR's processor computes it: not padded to 30 s,
     * {@code samples.length / 160} frames, the floor 8 below this clip's maximum.
     *
     * @return {@code [numMelBins, frames]} row-major (row m = bin m)
     * @throws io.github.asr4j.AudioFormatException when a sample is not finite
     */
    public float[] logMel(float[] samples16k) {
        return logMel.compute(samples16k);
    }

    /** Audio rows a clip of {@code frames} log-mel frames encodes to (the number of {@code <|audio_pad|>} tokens). */
    public int audioTokens(int frames) {
        return encoder.tokens(frames);
    }

    /**
     * Encodes a log-mel clip of any length (attention stays within windows of 104 rows, so the cost
     * is linear in the length).
     *
     * @param logMel {@code [numMelBins, frames]} row-major, as {@link #logMel} returns it
     * @throws IllegalArgumentException when the length does not match {@code frames}, or {@code frames < 1}
     */
    public EncodedAudio encode(float[] logMel, int frames) {
        return encoder.forward(logMel, frames);
    }

    /**
     * A decoder session holding up to {@code maxPositions} positions (prompt plus generated tokens);
     * its caches grow as it is fed.
     *
     * @throws IllegalArgumentException unless {@code 1 <= maxPositions <= max_position_embeddings}
     */
    public QwenDecoderSession newSession(int maxPositions) {
        if (maxPositions < 1 || maxPositions > config.text().maxPositions()) {
            throw new IllegalArgumentException("maxPositions must be in 1.." + config.text().maxPositions()
                    + " (max_position_embeddings), got " + maxPositions);
        }
        return new QwenDecoderSession(decoder, maxPositions);
    }

    /** Unmaps the weights. The model and its sessions are unusable afterwards. */
    @Override
    public void close() {
        weights.close();
    }
}
