package io.github.asr4j.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.asr4j.Word;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** openai-whisper's hallucination_silence_threshold rules, on hand-made windows. */
class HallucinationSilenceTest {
    private static final DecodingResult RESULT = new DecodingResult(new int[0], "", 0, -0.2, 0.1, 0, 1.2);

    private static DecodedSegment segment(double start, double end, Word... words) {
        return new DecodedSegment(0, 0, start, end, "x", new int[0], 0, -0.2, 1.2, 0.1, List.of(words));
    }

    private static Word good(double start, double end) {
        return new Word(" word", start, end, 0.9);
    }

    private static Word bad(double start, double end) { // improbable and short: anomalous
        return new Word(" uh", start, end, 0.05);
    }

    private static LongFormDecoder.CutWindow window(int previousSeek, int seek, boolean singleEnding,
                                                    List<DecodedSegment> segments) {
        return new LongFormDecoder.CutWindow(previousSeek, seek, 3000, previousSeek / 100.0, singleEnding, RESULT, segments);
    }

    @Test
    void wordScoresFollowOpenai() {
        assertThat(HallucinationSilence.anomalyScore(new Word(" a", 0, 0.5, 0.9))).isZero();
        assertThat(HallucinationSilence.anomalyScore(new Word(" a", 0, 0.5, 0.1))).isEqualTo(1.0);
        assertThat(HallucinationSilence.anomalyScore(new Word(" a", 0, 0.033, 0.9))).isCloseTo(1.5, within(1e-9));
        assertThat(HallucinationSilence.anomalyScore(new Word(" a", 0, 3.5, 0.9))).isCloseTo(1.5, within(1e-9));
        assertThat(HallucinationSilence.isAnomaly(segment(0, 1, bad(0, 0.05), bad(0.5, 0.55)))).isTrue();
        assertThat(HallucinationSilence.isAnomaly(segment(0, 1, good(0, 0.5), good(0.5, 1.0)))).isFalse();
        // punctuation-only words are not scored
        assertThat(HallucinationSilence.isAnomaly(segment(0, 1, good(0, 0.5), new Word(".", 0.5, 0.5, 0.01)))).isFalse();
    }

    @Test
    void aHallucinationBetweenSilencesIsCutAndDecodingResumesAtIt() {
        List<DecodedSegment> segments = new ArrayList<>(List.of(
                segment(0.0, 4.0, good(0.0, 2.0), good(2.0, 4.0)),
                segment(12.0, 12.2, bad(12.0, 12.05), bad(12.1, 12.2)),
                segment(25.0, 26.0, good(25.0, 26.0))));
        int seek = HallucinationSilence.apply(2.0, window(0, 3000, true, segments), segments, 3000, 0.0, 10_000);
        assertThat(segments).hasSize(1);
        assertThat(seek).isEqualTo(1200); // round(max(time_offset + 1, 12.0) * 100)
    }

    @Test
    void aLikelyHallucinationAfterLeadingSilenceSkipsTheSilenceAndKeepsNothing() {
        List<DecodedSegment> segments = new ArrayList<>(List.of(
                segment(105.0, 105.2, bad(105.0, 105.05), bad(105.1, 105.2)),
                segment(106.0, 108.0, good(106.0, 108.0))));
        int seek = HallucinationSilence.apply(2.0, window(10_000, 13_000, true, segments), segments, 13_000, 99.0, 20_000);
        assertThat(segments).isEmpty();
        assertThat(seek).isEqualTo(10_500); // previous_seek + round(gap * 100), gap = 5.0 s
    }

    @Test
    void ordinarySpeechIsLeftAlone() {
        List<DecodedSegment> segments = new ArrayList<>(List.of(
                segment(0.0, 4.0, good(0.0, 2.0), good(2.0, 4.0)),
                segment(4.0, 8.0, good(4.0, 6.0), good(6.0, 8.0))));
        int seek = HallucinationSilence.apply(2.0, window(0, 800, false, segments), segments, 800, 0.0, 10_000);
        assertThat(segments).hasSize(2);
        assertThat(seek).isEqualTo(800); // 30 - 8 s left > threshold: seek to the last word's end
    }

    @Test
    void aHallucinationNearTheEndOfTheAudioEndsTheTranscription() {
        List<DecodedSegment> segments = new ArrayList<>(List.of(
                segment(0.0, 4.0, good(0.0, 2.0), good(2.0, 4.0)),
                segment(9.0, 9.2, bad(9.0, 9.05), bad(9.1, 9.2))));
        int seek = HallucinationSilence.apply(2.0, window(0, 1000, true, segments), segments, 1000, 0.0, 1000);
        assertThat(segments).hasSize(1);
        assertThat(seek).isEqualTo(1000); // content ends within the threshold of the cut segment
    }
}
