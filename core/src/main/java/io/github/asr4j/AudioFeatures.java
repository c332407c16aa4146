package io.github.asr4j;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.audio.Audio;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.audio.LogMel;
import io.github.asr4j.audio.Resampler;
import java.nio.file.Path;

/** Audio file → 16 kHz mono samples → the log-mel spectrogram the encoder reads, window by window. */
final class AudioFeatures {
    private final LogMel logMel;
    private final int windowFrames;

    AudioFeatures(int nMels, int windowFrames) {
        if (windowFrames != AudioConstants.N_FRAMES) {
            throw new IllegalArgumentException("the model reads windows of " + windowFrames
                    + " mel frames; asr4j's front end makes Whisper's " + AudioConstants.N_FRAMES);
        }
        this.logMel = new LogMel(nMels);
        this.windowFrames = windowFrames;
    }

    /** Reads a WAV or FLAC file and resamples it to 16 kHz mono. */
    float[] read16k(Path file) {
        Audio audio = AudioReader.read(file);
        return audio.sampleRate() == AudioConstants.SAMPLE_RATE
                ? audio.samples()
                : Resampler.resample(audio.samples(), audio.sampleRate(), AudioConstants.SAMPLE_RATE);
    }

    /**
     * The log-mel of the samples followed by 30 s of zeros, as openai-whisper's transcribe() computes it.
     *
     * @throws AudioFormatException naming the first sample that is NaN or infinite
     */
    Mel logMel(float[] samples16k) {
        return new Mel(logMel.computePadded(samples16k), windowFrames);
    }

    /** A whole input's spectrogram, read one encoder window at a time. */
    record Mel(LogMel.Spectrogram spectrogram, int windowFrames) {
        /** Frames that belong to the audio (the rest is the appended silence). */
        int contentFrames() {
            return spectrogram.contentFrames();
        }

        /** {@code [nMels, windowFrames]} starting at frame {@code seek}. */
        float[] window(int seek) {
            return spectrogram.window(seek);
        }
    }
}
