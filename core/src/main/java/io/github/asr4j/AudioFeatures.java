package io.github.asr4j;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.audio.Audio;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.audio.FfmpegAudio;
import io.github.asr4j.audio.LogMel;
import io.github.asr4j.audio.Resampler;
import io.github.asr4j.audio.StreamingSpectrogram;
import io.github.asr4j.audio.WindowSource;
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

    /** Reads a WAV or FLAC file and resamples it to 16 kHz mono; other formats go through ffmpeg when it is on the PATH. */
    static float[] read16k(Path file) {
        Audio audio;
        try {
            audio = AudioReader.read(file);
        } catch (UnsupportedAudioFormatException e) {
            return FfmpegAudio.read16kInstead(file, e);
        }
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

    /**
     * The same log-mel windows computed from the file as they are needed, so memory is bounded
     * by a window, not by the recording (the file is read twice; see {@link StreamingSpectrogram}).
     *
     * @throws AudioFormatException when the file is not well-formed audio or a sample is not finite
     */
    Mel open(Path file) {
        try {
            return new Mel(new StreamingSpectrogram(() -> AudioReader.open(file), logMel), windowFrames);
        } catch (UnsupportedAudioFormatException e) {
            // refused at the first open; ffmpeg's formats are decoded whole, as openai-whisper's load_audio does
            return logMel(FfmpegAudio.read16kInstead(file, e));
        }
    }

    /** An input's spectrogram, read one encoder window at a time; close it to release the file. */
    record Mel(WindowSource windows, int windowFrames) implements AutoCloseable {
        /** Frames that belong to the audio (the rest is the appended silence). */
        int contentFrames() {
            return windows.contentFrames();
        }

        /** {@code [nMels, windowFrames]} starting at frame {@code seek}, to the end of the spectrogram. */
        float[] window(int seek) {
            return windows.window(seek, Integer.MAX_VALUE);
        }

        /** {@code [nMels, windowFrames]} of {@code frames} frames from {@code seek}, the rest 0. */
        float[] window(int seek, int frames) {
            return windows.window(seek, frames);
        }

        @Override
        public void close() {
            if (windows instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close the audio source", e);
                }
            }
        }
    }
}
