package io.github.asr4j.vad;

/**
 * How speech probabilities become speech segments: the parameters of Silero's
 * {@code get_speech_timestamps} (faster-whisper's {@code VadOptions}).
 *
 * @param threshold a window at or above it is speech (0.5)
 * @param negThreshold while in speech, a window below it is silence; null: {@code max(threshold - 0.15, 0.01)}
 * @param minSpeechDurationMs segments not longer than this are dropped
 * @param maxSpeechDurationS a segment longer than this is split at its longest silence of more than
 *     98 ms, or cut just before the limit where there is none ({@code Double.POSITIVE_INFINITY}: never)
 * @param minSilenceDurationMs silence needed to end a segment
 * @param speechPadMs added on each side of a segment (halfway to the neighbour where they are closer)
 */
public record VadOptions(double threshold, Double negThreshold, int minSpeechDurationMs, double maxSpeechDurationS,
                         int minSilenceDurationMs, int speechPadMs) {
    public VadOptions {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("VAD threshold must be in (0, 1), got " + threshold);
        }
        if (negThreshold != null && !(negThreshold >= 0 && negThreshold <= threshold)) {
            throw new IllegalArgumentException("VAD negative threshold must be in [0, threshold], got " + negThreshold);
        }
        if (minSpeechDurationMs < 0 || minSilenceDurationMs < 0 || speechPadMs < 0) {
            throw new IllegalArgumentException("VAD durations must be >= 0 ms, got min speech " + minSpeechDurationMs
                    + ", min silence " + minSilenceDurationMs + ", pad " + speechPadMs);
        }
        if (!(maxSpeechDurationS > 0)) {
            throw new IllegalArgumentException("VAD max speech duration must be > 0 s, got " + maxSpeechDurationS);
        }
    }

    /**
     * faster-whisper's {@code VadOptions()} defaults, used for transcription: threshold 0.5,
     * negative threshold 0.35, no minimum speech, no maximum, 2000 ms silence, 400 ms padding
     * (SYSTRAN/faster-whisper {@code faster_whisper/vad.py}).
     */
    public static VadOptions transcription() {
        return new VadOptions(0.5, null, 0, Double.POSITIVE_INFINITY, 2000, 400);
    }

    /**
     * Silero's {@code get_speech_timestamps} defaults, used by the detector on its own: threshold
     * 0.5, negative threshold 0.35, 250 ms minimum speech, no maximum, 100 ms silence, 30 ms
     * padding (snakers4/silero-vad {@code src/silero_vad/utils_vad.py}).
     */
    public static VadOptions detection() {
        return new VadOptions(0.5, null, 250, Double.POSITIVE_INFINITY, 100, 30);
    }

    /** The negative threshold in effect. */
    public double effectiveNegThreshold() {
        return negThreshold != null ? negThreshold : Math.max(threshold - 0.15, 0.01);
    }

    public VadOptions withThreshold(double v) {
        return new VadOptions(v, negThreshold, minSpeechDurationMs, maxSpeechDurationS, minSilenceDurationMs, speechPadMs);
    }

    public VadOptions withNegThreshold(Double v) {
        return new VadOptions(threshold, v, minSpeechDurationMs, maxSpeechDurationS, minSilenceDurationMs, speechPadMs);
    }

    public VadOptions withMinSpeechDurationMs(int v) {
        return new VadOptions(threshold, negThreshold, v, maxSpeechDurationS, minSilenceDurationMs, speechPadMs);
    }

    public VadOptions withMaxSpeechDurationS(double v) {
        return new VadOptions(threshold, negThreshold, minSpeechDurationMs, v, minSilenceDurationMs, speechPadMs);
    }

    public VadOptions withMinSilenceDurationMs(int v) {
        return new VadOptions(threshold, negThreshold, minSpeechDurationMs, maxSpeechDurationS, v, speechPadMs);
    }

    public VadOptions withSpeechPadMs(int v) {
        return new VadOptions(threshold, negThreshold, minSpeechDurationMs, maxSpeechDurationS, minSilenceDurationMs, v);
    }
}
