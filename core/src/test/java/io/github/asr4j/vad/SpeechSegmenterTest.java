package io.github.asr4j.vad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** get_speech_timestamps' rules on hand-made probabilities (window i = samples 512 i .. 512 i + 511). */
class SpeechSegmenterTest {
    private static final int W = SileroVad.WINDOW;

    /** Windows [from, to) at p, the rest at 0. */
    private static float[] probabilities(int windows, int[]... speech) {
        float[] p = new float[windows];
        for (int[] s : speech) {
            Arrays.fill(p, s[0], s[1], 0.9f);
        }
        return p;
    }

    private static VadOptions bare() { // no padding, no minimum speech, 100 ms silence
        return new VadOptions(0.5, null, 0, Double.POSITIVE_INFINITY, 100, 0);
    }

    @Test
    void speechEndsWhereTheSilenceLongEnoughStarted() {
        float[] p = probabilities(100, new int[] {10, 20}, new int[] {40, 50});
        assertThat(SpeechSegmenter.segments(p, 100 * W, bare()))
                .containsExactly(new SpeechSegment(10 * W, 20 * W), new SpeechSegment(40 * W, 50 * W));
    }

    @Test
    void aShortSilenceDoesNotEndSpeech() {
        // 2 windows = 64 ms of silence < 100 ms: one segment
        float[] p = probabilities(100, new int[] {10, 20}, new int[] {22, 30});
        assertThat(SpeechSegmenter.segments(p, 100 * W, bare())).containsExactly(new SpeechSegment(10 * W, 30 * W));
    }

    @Test
    void betweenTheThresholdsSpeechContinuesButDoesNotStart() {
        float[] p = new float[40];
        Arrays.fill(p, 5, 10, 0.4f); // above neg threshold 0.35 but below 0.5: no start
        Arrays.fill(p, 10, 20, 0.9f);
        Arrays.fill(p, 20, 30, 0.4f); // keeps speech going
        assertThat(SpeechSegmenter.segments(p, 40 * W, bare())).containsExactly(new SpeechSegment(10 * W, 30 * W));
    }

    @Test
    void shortSpeechIsDroppedAndSpeechAtTheEndRunsToTheEnd() {
        VadOptions o = bare().withMinSpeechDurationMs(250); // 4000 samples; 7 windows = 3584 are dropped
        float[] p = probabilities(60, new int[] {10, 17}, new int[] {40, 60});
        assertThat(SpeechSegmenter.segments(p, 60 * W - 100, o)).containsExactly(new SpeechSegment(40 * W, 60 * W - 100));
    }

    @Test
    void paddingMeetsHalfwayWhenSegmentsAreClose() {
        VadOptions o = bare().withSpeechPadMs(30); // 480 samples each side
        float[] p = probabilities(100, new int[] {10, 20}, new int[] {21, 30}, new int[] {60, 70});
        VadOptions shortSilence = o.withMinSilenceDurationMs(0);
        List<SpeechSegment> s = SpeechSegmenter.segments(p, 100 * W, shortSilence);
        // gap of one window (512 < 960): each side takes 256; far gaps take the full 480
        assertThat(s).containsExactly(new SpeechSegment(10 * W - 480, 20 * W + 256),
                new SpeechSegment(21 * W - 256, 30 * W + 480), new SpeechSegment(60 * W - 480, 70 * W + 480));
    }

    @Test
    void longSpeechIsSplitAtItsLongestSilence() {
        // max 1 s: 16000 - 512 = 15488 samples; speech from window 0 with silences of 4 and 6 windows
        VadOptions o = bare().withMaxSpeechDurationS(1.0).withMinSilenceDurationMs(1000);
        float[] p = probabilities(60, new int[] {1, 10}, new int[] {14, 20}, new int[] {26, 60});
        List<SpeechSegment> s = SpeechSegmenter.segments(p, 60 * W, o);
        // at window 32 the 31 windows since the start exceed the limit: cut at the 6-window silence (20..26)
        assertThat(s.getFirst()).isEqualTo(new SpeechSegment(1 * W, 20 * W));
        assertThat(s.get(1).startSample()).isEqualTo(26 * W);
    }

    @Test
    void noSpeechGivesNoSegments() {
        assertThat(SpeechSegmenter.segments(new float[50], 50 * W, VadOptions.transcription())).isEmpty();
    }

    @Test
    void theDefaultsAreTheReferences() {
        assertThat(VadOptions.transcription()).isEqualTo(new VadOptions(0.5, null, 0, Double.POSITIVE_INFINITY, 2000, 400));
        assertThat(VadOptions.detection()).isEqualTo(new VadOptions(0.5, null, 250, Double.POSITIVE_INFINITY, 100, 30));
        assertThat(VadOptions.detection().effectiveNegThreshold()).isEqualTo(0.35, org.assertj.core.data.Offset.offset(1e-12));
    }
}
