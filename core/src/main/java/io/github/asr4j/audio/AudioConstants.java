package io.github.asr4j.audio;

/**
 * Whisper's audio hyper-parameters (openai-whisper's {@code audio.py}), in one place: the front
 * end cuts and the decoding rules count time by these.
 */
public final class AudioConstants {
    /** Samples per second every input is resampled to. */
    public static final int SAMPLE_RATE = 16_000;
    /** FFT size and Hann window length of the short-time Fourier transform (25 ms). */
    public static final int N_FFT = 400;
    /** Samples between mel frames (10 ms). */
    public static final int HOP_LENGTH = 160;
    /** Seconds of audio per window. */
    public static final int CHUNK_SECONDS = 30;
    /** Samples per window (480000). */
    public static final int N_SAMPLES = CHUNK_SECONDS * SAMPLE_RATE;
    /** Mel frames per window (3000). */
    public static final int N_FRAMES = N_SAMPLES / HOP_LENGTH;
    /** Mel frames per second (100). */
    public static final int FRAMES_PER_SECOND = SAMPLE_RATE / HOP_LENGTH;
    /** Seconds per mel frame (0.01). */
    public static final double SECONDS_PER_FRAME = (double) HOP_LENGTH / SAMPLE_RATE;
    /** Samples per encoder position: the encoder's second convolution halves the frame rate. */
    public static final int N_SAMPLES_PER_TOKEN = 2 * HOP_LENGTH;
    /** Encoder positions per second (50): the time resolution of word timing. */
    public static final int TOKENS_PER_SECOND = SAMPLE_RATE / N_SAMPLES_PER_TOKEN;

    private AudioConstants() {}
}
