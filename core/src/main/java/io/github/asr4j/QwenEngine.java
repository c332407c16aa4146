package io.github.asr4j;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.audio.AudioStream;
import io.github.asr4j.audio.FfmpegAudio;
import io.github.asr4j.audio.SampleStreams;
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
import java.util.function.Supplier;

/**
 * Qwen3-ASR transcription (see {@link QwenTranscription}); WAV and FLAC files are streamed at 16 kHz (memory
 * bounded by the piece decoded, not the recording), ffmpeg's formats decoded whole. In
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
        try {
            AudioReader.open(audioFile).close(); // the header's faults, and whether asr4j reads the format itself
        } catch (UnsupportedAudioFormatException e) {
            return transcribe(FfmpegAudio.read16kInstead(audioFile, e), options, progress, seat); // decoded whole
        }
        Supplier<AudioStream> open16k = () -> SampleStreams.resampled(AudioReader.open(audioFile), AudioConstants.SAMPLE_RATE);
        return transcription.transcribe(network(seat), open16k, options, progress);
    }

    @Override
    public Transcript transcribe(float[] samples16k, TranscribeOptions options, ProgressListener progress, StepBatcher.Worker seat) {
        return transcription.transcribe(network(seat), samples16k, options, progress);
    }

    private QwenNetwork network(StepBatcher.Worker seat) {
        return seat == null ? new QwenAsrNetwork(model) : new QwenAsrNetwork(model, seat::step);
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
