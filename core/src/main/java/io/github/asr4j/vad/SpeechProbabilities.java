package io.github.asr4j.vad;

import java.util.Arrays;

/** Whole-input speech probabilities: one per 512-sample window, as Silero's {@code audio_forward}. */
public final class SpeechProbabilities {
    private SpeechProbabilities() {}

    /**
     * One probability per window of {@code samples16k} from a fresh state; the last window is
     * padded with zeros.
     *
     * @throws io.github.asr4j.AudioFormatException naming the first sample that is not finite
     */
    public static float[] of(SileroVad vad, float[] samples16k) {
        float[] padded = padToWindows(samples16k);
        float[] out = new float[padded.length / SileroVad.WINDOW];
        vad.newSession().probabilities(padded, 0, out.length, out, 0);
        return out;
    }

    /** The samples followed by zeros up to a whole number of windows (none added when already whole). */
    static float[] padToWindows(float[] samples) {
        int windows = (samples.length + SileroVad.WINDOW - 1) / SileroVad.WINDOW;
        return samples.length == windows * SileroVad.WINDOW ? samples : Arrays.copyOf(samples, windows * SileroVad.WINDOW);
    }
}
