package io.github.asr4j;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.qwen.QwenAsrModel;
import io.github.asr4j.qwen.QwenAsrNetwork;
import io.github.asr4j.qwen.QwenNetwork;
import io.github.asr4j.qwen.QwenTokens;
import io.github.asr4j.qwen.QwenTranscription;
import io.github.asr4j.vad.SileroVad;
import io.github.asr4j.vad.VadModel;
import java.nio.file.Path;
import java.util.function.Function;

/** Qwen3-ASR transcription (see {@link QwenTranscription}); audio files are read whole at 16 kHz. */
final class QwenEngine implements Engine {
    private final QwenNetwork network;
    private final AutoCloseable model;
    private final QwenTranscription transcription;
    private final String description;

    QwenEngine(QwenNetwork network, AutoCloseable model, QwenTokens tokens, Function<VadModel, SileroVad> vads,
               String description) {
        this.network = network;
        this.model = model;
        this.transcription = new QwenTranscription(network, tokens, vads);
        this.description = description;
    }

    static QwenEngine load(Path modelDir, Backend backend, Function<VadModel, SileroVad> vads) {
        QwenTokens tokens = QwenTokens.load(modelDir);
        QwenAsrModel model = QwenAsrModel.load(modelDir, backend);
        try {
            var c = model.config();
            if (c.audioTokenId() != tokens.audioPad()) {
                throw new ModelLoadException(modelDir + ": config.json's audio_token_id is " + c.audioTokenId()
                        + " but the tokenizer's <|audio_pad|> is " + tokens.audioPad() + "; the files do not belong together");
            }
            String description = "qwen3-asr audio d=" + c.audio().dModel() + " layers=" + c.audio().layers()
                    + ", text H=" + c.text().hiddenSize() + " layers=" + c.text().layers()
                    + " vocab=" + c.text().vocabSize() + " on " + backend.name();
            return new QwenEngine(new QwenAsrNetwork(model), model, tokens, vads, description);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public Transcript transcribe(Path audioFile, TranscribeOptions options, ProgressListener progress, StepBatcher.Worker seat) {
        return transcription.transcribe(AudioFeatures.read16k(audioFile), options, progress);
    }

    @Override
    public Transcript transcribe(float[] samples16k, TranscribeOptions options, ProgressListener progress, StepBatcher.Worker seat) {
        return transcription.transcribe(samples16k, options, progress);
    }

    @Override
    public boolean sharesDecoderSteps() {
        return false; // each call steps alone; concurrent calls run side by side
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        try {
            model.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the Qwen3-ASR model failed: " + e, e);
        }
    }
}
