package io.github.asr4j.vad;

import io.github.asr4j.AudioFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Voice activity detection on a stream: push 16 kHz samples as they arrive, get speech start and
 * end events as soon as they are decided. The rules are those of Silero's {@code VADIterator}:
 * speech starts at the first window at or above the threshold (minus the padding), and ends once
 * probabilities stay below the negative threshold for the minimum silence (plus the padding).
 * Only {@link VadOptions#threshold}, {@link VadOptions#negThreshold},
 * {@link VadOptions#minSilenceDurationMs} and {@link VadOptions#speechPadMs} apply to a stream.
 *
 * <p>For a whole recording, {@link #segments} gives Silero's {@code get_speech_timestamps}
 * segments, which also apply the minimum and maximum speech durations.
 *
 * <p>Not thread-safe: one detector per stream; the {@link SileroVad} may be shared.
 */
public final class SpeechDetector {
    private final SileroVad.Session session;
    private final double threshold;
    private final double negThreshold;
    private final long minSilence;
    private final long pad;
    private final float[] pending = new float[SileroVad.WINDOW];
    private int pendingLength;
    private long consumed; // samples through the last complete window
    private boolean triggered;
    private long silenceStart;

    public SpeechDetector(SileroVad vad, VadOptions options) {
        this.session = vad.newSession();
        this.threshold = options.threshold();
        this.negThreshold = options.effectiveNegThreshold();
        this.minSilence = (long) SileroVad.SAMPLE_RATE * options.minSilenceDurationMs() / 1000;
        this.pad = (long) SileroVad.SAMPLE_RATE * options.speechPadMs() / 1000;
    }

    /** A detector with Silero's streaming defaults ({@link VadOptions#detection()}). */
    public SpeechDetector(SileroVad vad) {
        this(vad, VadOptions.detection());
    }

    /**
     * Feeds {@code samples[offset .. offset + length)}; returns the events decided by the complete
     * windows among all samples pushed so far (the rest waits for more).
     *
     * @throws io.github.asr4j.AudioFormatException naming the first sample that is not finite
     */
    public List<SpeechEvent> push(float[] samples, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > samples.length) {
            throw new IndexOutOfBoundsException("push(" + offset + ", " + length + ") on " + samples.length + " samples");
        }
        long before = consumed + pendingLength;
        for (int j = offset; j < offset + length; j++) {
            if (!Float.isFinite(samples[j])) {
                throw new AudioFormatException("audio sample " + (before + j - offset) + " of the stream is "
                        + samples[j] + "; the VAD needs finite samples");
            }
        }
        List<SpeechEvent> events = new ArrayList<>();
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int n = Math.min(SileroVad.WINDOW - pendingLength, end - i);
            System.arraycopy(samples, i, pending, pendingLength, n);
            pendingLength += n;
            i += n;
            if (pendingLength == SileroVad.WINDOW) {
                pendingLength = 0;
                window(session.probability(pending, 0), events);
            }
        }
        return events;
    }

    public List<SpeechEvent> push(float[] samples) {
        return push(samples, 0, samples.length);
    }

    /**
     * Ends the stream: a partial window is padded with zeros and judged, and speech still open
     * ends at the last sample pushed. The detector starts over afterwards.
     */
    public List<SpeechEvent> finish() {
        List<SpeechEvent> events = new ArrayList<>();
        long total = consumed + pendingLength;
        if (pendingLength > 0) {
            Arrays.fill(pending, pendingLength, SileroVad.WINDOW, 0f);
            pendingLength = 0;
            window(session.probability(pending, 0), events);
        }
        if (triggered) {
            events.add(new SpeechEvent(false, total));
        }
        session.reset();
        consumed = 0;
        triggered = false;
        silenceStart = 0;
        return events;
    }

    /** Whether the stream is inside speech now. */
    public boolean inSpeech() {
        return triggered;
    }

    private void window(float p, List<SpeechEvent> events) {
        consumed += SileroVad.WINDOW;
        if (p >= threshold && silenceStart != 0) {
            silenceStart = 0;
        }
        if (p >= threshold && !triggered) {
            triggered = true;
            events.add(new SpeechEvent(true, Math.max(0, consumed - pad - SileroVad.WINDOW)));
            return;
        }
        if (p < negThreshold && triggered) {
            if (silenceStart == 0) {
                silenceStart = consumed;
            }
            if (consumed - silenceStart >= minSilence) {
                events.add(new SpeechEvent(false, silenceStart + pad - SileroVad.WINDOW));
                silenceStart = 0;
                triggered = false;
            }
        }
    }

    /**
     * Silero's {@code get_speech_timestamps} over a whole input: probabilities from a fresh state,
     * then {@link SpeechSegmenter}.
     */
    public static List<SpeechSegment> segments(SileroVad vad, float[] samples16k, VadOptions options) {
        return SpeechSegmenter.segments(SpeechProbabilities.of(vad, samples16k), samples16k.length, options);
    }
}
