package io.github.asr4j.vad;

import java.util.ArrayList;
import java.util.List;

/**
 * Speech probabilities (one per 512-sample window) to speech segments, as Silero's
 * {@code get_speech_timestamps} does it: hysteresis between the threshold and the negative
 * threshold, a minimum silence to end a segment, a maximum length split at the longest silence,
 * then padding that meets halfway where two segments are close.
 */
public final class SpeechSegmenter {
    /** A silence must be longer than this (98 ms) to be a split point at the maximum length. */
    private static final long SPLIT_SILENCE = SileroVad.SAMPLE_RATE * 98L / 1000;

    private SpeechSegmenter() {}

    /**
     * @param probabilities window {@code i} covers samples {@code [512 i, 512 (i + 1))}
     * @param audioSamples the input's length in samples (the last window may run past it)
     */
    public static List<SpeechSegment> segments(float[] probabilities, long audioSamples, VadOptions options) {
        int window = SileroVad.WINDOW;
        double rate = SileroVad.SAMPLE_RATE;
        double minSpeech = rate * options.minSpeechDurationMs() / 1000;
        long pad = Math.round(rate * options.speechPadMs() / 1000);
        double maxSpeech = rate * options.maxSpeechDurationS() - window - 2.0 * pad;
        double minSilence = rate * options.minSilenceDurationMs() / 1000;
        double threshold = options.threshold();
        double negThreshold = options.effectiveNegThreshold();

        List<long[]> speeches = new ArrayList<>();
        long start = -1; // start of the open segment; -1 when none
        boolean triggered = false;
        long silenceStart = 0; // 0: no silence pending (Silero's temp_end)
        long bestSilenceAt = 0;
        long bestSilenceLength = 0;
        for (int i = 0; i < probabilities.length; i++) {
            float p = probabilities[i];
            long sample = (long) window * i;
            if (p >= threshold && silenceStart != 0) {
                long length = sample - silenceStart;
                if (length > SPLIT_SILENCE && length > bestSilenceLength) {
                    bestSilenceAt = silenceStart;
                    bestSilenceLength = length;
                }
                silenceStart = 0;
            }
            if (p >= threshold && !triggered) {
                triggered = true;
                start = sample;
                continue;
            }
            if (triggered && sample - start > maxSpeech) {
                if (bestSilenceLength > 0) {
                    speeches.add(new long[] {start, bestSilenceAt});
                    long next = bestSilenceAt + bestSilenceLength;
                    if (next < bestSilenceAt + sample) { // always, as in Silero: speech resumed after that silence
                        start = next;
                    } else {
                        start = -1;
                        triggered = false;
                    }
                    silenceStart = 0;
                    bestSilenceAt = bestSilenceLength = 0;
                } else {
                    speeches.add(new long[] {start, sample});
                    start = -1;
                    triggered = false;
                    silenceStart = 0;
                    continue;
                }
            }
            if (p < negThreshold && triggered) {
                if (silenceStart == 0) {
                    silenceStart = sample;
                }
                if (sample - silenceStart < minSilence) {
                    continue;
                }
                if (silenceStart - start > minSpeech) {
                    speeches.add(new long[] {start, silenceStart});
                }
                start = -1;
                triggered = false;
                silenceStart = 0;
                bestSilenceAt = bestSilenceLength = 0;
            }
        }
        if (start >= 0 && audioSamples - start > minSpeech) {
            speeches.add(new long[] {start, audioSamples});
        }
        return padded(speeches, audioSamples, pad);
    }

    private static List<SpeechSegment> padded(List<long[]> speeches, long audioSamples, long pad) {
        for (int i = 0; i < speeches.size(); i++) {
            long[] s = speeches.get(i);
            if (i == 0) {
                s[0] = Math.max(0, s[0] - pad);
            }
            if (i + 1 < speeches.size()) {
                long[] next = speeches.get(i + 1);
                long silence = next[0] - s[1];
                if (silence < 2 * pad) {
                    s[1] += Math.floorDiv(silence, 2);
                    next[0] = Math.max(0, next[0] - Math.floorDiv(silence, 2));
                } else {
                    s[1] = Math.min(audioSamples, s[1] + pad);
                    next[0] = Math.max(0, next[0] - pad);
                }
            } else {
                s[1] = Math.min(audioSamples, s[1] + pad);
            }
        }
        return speeches.stream().map(s -> new SpeechSegment(s[0], s[1])).toList();
    }
}
