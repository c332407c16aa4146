package io.github.asr4j;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.ModelConfig;
import io.github.asr4j.model.DecoderSession;
import io.github.asr4j.model.WhisperModel;
import io.github.asr4j.profile.ActivationRecorder;
import io.github.asr4j.profile.CaptureRun;
import java.nio.file.Path;

/**
 * The network's intermediate values, for researchers and parity work: the log-mel window that
 * {@link Transcriber} would feed, the encoder output, and the logits of a prompt at every position.
 * Thread-safe like {@link Transcriber}.
 */
public final class ModelProbe implements AutoCloseable {
    private final Backend backend;
    private final WhisperModel model;
    private final AudioFeatures features;

    private ModelProbe(Path modelDir, int threads) {
        this.backend = threads > 0 ? Backends.cpu(threads) : Backends.cpu();
        try {
            this.model = WhisperModel.load(modelDir, backend);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        ModelConfig c = model.config();
        this.features = new AudioFeatures(c.numMelBins(), 2 * c.maxSourcePositions());
    }

    /** @param threads kernel threads; 0 for one per core */
    public static ModelProbe open(Path modelDir, int threads) {
        return new ModelProbe(modelDir, threads);
    }

    public int numMelBins() {
        return model.config().numMelBins();
    }

    /** Mel frames per window (3000 for Whisper). */
    public int windowFrames() {
        return 2 * model.config().maxSourcePositions();
    }

    /** Encoder output rows per window (1500 for Whisper). */
    public int audioPositions() {
        return model.config().maxSourcePositions();
    }

    public int dModel() {
        return model.config().dModel();
    }

    public int vocabSize() {
        return model.config().vocabSize();
    }

    /**
     * The first window's log-mel {@code [numMelBins, windowFrames]}, computed as openai-whisper's
     * {@code transcribe()} does: the log-mel of the whole file followed by 30 s of zeros, frames 0..2999.
     * Streamed like {@link Transcriber}'s input: the file is read through (its loudest frame sets
     * the floor of every window) but only one window is ever held, whatever the recording's length.
     */
    public float[] logMelWindow(Path audioFile) {
        try (AudioFeatures.Mel mel = features.open(audioFile)) {
            return mel.window(0);
        }
    }

    /** Encoder output {@code [audioPositions, dModel]} of a mel window {@code [numMelBins, windowFrames]}. */
    public float[] encode(float[] mel) {
        checkWindow(mel);
        return model.encode(mel);
    }

    /** Logits {@code [prompt.length][vocabSize]} for every prompt position, the prompt fed in one pass. */
    public float[][] promptLogits(float[] encoderOut, int[] prompt) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt is empty");
        }
        DecoderSession session = model.newSession(encoderOut);
        return session.stepAllLogits(prompt);
    }

    /**
     * Runs the encoder on {@code mel} and, when {@code prompt} is not empty, the decoder on the
     * prompt, handing every layer output and attention weight whose name matches {@code patterns}
     * (comma-separated globs such as {@code encoder.layers.*.self_attn}) to the result.
     */
    public CaptureRun.Result capture(float[] mel, int[] prompt, String patterns) {
        checkWindow(mel);
        return CaptureRun.run(model, mel, prompt, ActivationRecorder.matching(patterns));
    }

    private void checkWindow(float[] mel) {
        int expected = numMelBins() * windowFrames();
        if (mel.length != expected) {
            throw new IllegalArgumentException("mel window must hold " + numMelBins() + " x " + windowFrames()
                    + " = " + expected + " values, got " + mel.length);
        }
    }

    @Override
    public void close() {
        model.close();
        backend.close();
    }
}
