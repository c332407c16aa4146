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

/**
 * Qwen3-ASR transcription (see {@link QwenTranscription}); audio files are read whole at 16 kHz. In
 * {@code transcribeAll} the files' single-token steps share batched passes ({@code QwenDecoderSession.stepAll}).
 */
final class QwenEngine implements Engine {
    private final QwenAsrModel model;
    private final QwenTranscription transcription;
    private final String description;

    QwenEngine(QwenAsrModel model, QwenTokens tokens, Function<VadModel, SileroVad> vads, String description) {
        this.model = model;
        this.transcription = new QwenTranscription(tokens, vads);
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
            return new QwenEngine(model, tokens, vads, description);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public Transcript transcribe(Path audioFile, TranscribeOptions options, ProgressListener progress, StepBatcher.Worker seat) {
        return transcribe(AudioFeatures.read16k(audioFile), options, progress, seat);
    }

    @Override
    public Transcript transcribe(float[] samples16k, TranscribeOptions options, ProgressListener progress, StepBatcher.Worker seat) {
        QwenNetwork network = seat == null ? new QwenAsrNetwork(model) : new QwenAsrNetwork(model, seat::step);
        return transcription.transcribe(network, samples16k, options, progress);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        model.close();
    }
}
