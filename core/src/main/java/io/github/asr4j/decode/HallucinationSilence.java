package io.github.asr4j.decode;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.Word;
import java.util.List;

/**
 * openai-whisper's {@code hallucination_silence_threshold} (in {@code transcribe()}, with word
 * timestamps): after a window's words are aligned, a segment whose first words look anomalous
 * (improbable, very short or very long) and that sits between long silences is taken for a
 * hallucination: the window is cut before it and decoding resumes there, and leading silence
 * before an anomalous first segment is skipped.
 */
public final class HallucinationSilence {
    /** openai's {@code timing.punctuation}: words that are only these marks are not scored. */
    private static final String PUNCTUATION = "\"'“¿([{-\"'.。,，!！?？:：”)]}、";
    private static final int FRAMES_PER_SECOND = AudioConstants.FRAMES_PER_SECOND;

    private HallucinationSilence() {}

    /**
     * Applies the rule to one window's segments (which carry their words).
     *
     * @param segments the window's segments; a possible hallucination and what follows it are
     *     removed, or all of them when the window is to be skipped
     * @param seek the next window's start as the word step chose it
     * @param lastSpeechTimestamp the end of the last word committed before this window
     * @param contentFrames the input's mel frames
     * @return the next window's start frame
     */
    public static int apply(double threshold, LongFormDecoder.CutWindow window, List<DecodedSegment> segments,
                            int seek, double lastSpeechTimestamp, int contentFrames) {
        double timeOffset = window.timeOffset();
        double windowEnd = (window.previousSeek() + AudioConstants.N_FRAMES) / (double) FRAMES_PER_SECOND;
        double segmentDuration = window.segmentFrames() / (double) FRAMES_PER_SECOND;
        if (!window.singleTimestampEnding()) {
            Double lastWordEnd = lastWordEnd(segments);
            if (lastWordEnd != null && lastWordEnd > timeOffset) {
                seek = windowEnd - lastWordEnd > threshold
                        ? (int) Math.rint(lastWordEnd * FRAMES_PER_SECOND)
                        : window.previousSeek() + window.segmentFrames();
            }
        }
        DecodedSegment first = nextWithWords(segments, 0);
        if (first != null && isAnomaly(first)) {
            double gap = first.start() - timeOffset;
            if (gap > threshold) { // leading silence before a likely hallucination: skip it, keep nothing
                segments.clear();
                return window.previousSeek() + (int) Math.rint(gap * FRAMES_PER_SECOND);
            }
        }
        double lastEnd = lastSpeechTimestamp;
        for (int i = 0; i < segments.size(); i++) {
            DecodedSegment segment = segments.get(i);
            if (segment.words().isEmpty()) {
                continue;
            }
            if (isAnomaly(segment)) {
                DecodedSegment next = nextWithWords(segments, i + 1);
                double nextStart = next != null ? next.words().getFirst().start() : timeOffset + segmentDuration;
                boolean silenceBefore = segment.start() - lastEnd > threshold || segment.start() < threshold
                        || segment.start() - timeOffset < 2.0;
                boolean silenceAfter = nextStart - segment.end() > threshold || (next != null && isAnomaly(next))
                        || windowEnd - segment.end() < 2.0;
                if (silenceBefore && silenceAfter) {
                    seek = (int) Math.rint(Math.max(timeOffset + 1, segment.start()) * FRAMES_PER_SECOND);
                    if (contentFrames / (double) FRAMES_PER_SECOND - segment.end() < threshold) {
                        seek = contentFrames;
                    }
                    segments.subList(i, segments.size()).clear();
                    break;
                }
            }
            lastEnd = segment.end();
        }
        return seek;
    }

    /** openai's {@code is_segment_anomaly}: over the first 8 words that are not punctuation. */
    static boolean isAnomaly(DecodedSegment segment) {
        List<Word> words = segment.words().stream().filter(w -> !PUNCTUATION.contains(w.word())).limit(8).toList();
        if (words.isEmpty()) {
            return false;
        }
        double score = words.stream().mapToDouble(HallucinationSilence::anomalyScore).sum();
        return score >= 3 || score + 0.01 >= words.size();
    }

    /** openai's {@code word_anomaly_score}: improbable, very short or very long words score. */
    static double anomalyScore(Word word) {
        double duration = word.end() - word.start();
        double score = 0;
        if (word.probability() < 0.15) {
            score += 1.0;
        }
        if (duration < 0.133) {
            score += (0.133 - duration) * 15;
        }
        if (duration > 2.0) {
            score += duration - 2.0;
        }
        return score;
    }

    private static DecodedSegment nextWithWords(List<DecodedSegment> segments, int from) {
        for (int i = from; i < segments.size(); i++) {
            if (!segments.get(i).words().isEmpty()) {
                return segments.get(i);
            }
        }
        return null;
    }

    /** openai's {@code get_end}: the last word's end, else the last segment's end. */
    private static Double lastWordEnd(List<DecodedSegment> segments) {
        for (int s = segments.size() - 1; s >= 0; s--) {
            if (!segments.get(s).words().isEmpty()) {
                return segments.get(s).words().getLast().end();
            }
        }
        return segments.isEmpty() ? null : segments.getLast().end();
    }
}
