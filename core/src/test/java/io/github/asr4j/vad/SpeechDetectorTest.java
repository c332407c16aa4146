package io.github.asr4j.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.AudioFormatException;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SpeechDetectorTest {
    private static SileroVad vad;

    @BeforeAll
    static void load() {
        vad = SileroVad.load(VadModel.V5);
    }

    @AfterAll
    static void close() {
        vad.close();
    }

    private static float[] jfk() {
        return AudioReader.read(SharedData.require("audio/jfk/jfk.wav")).samplesAt(SileroVad.SAMPLE_RATE);
    }

    @Test
    void pushesOfAnySizeGiveTheSameEventsAsOnePush() {
        float[] samples = jfk();
        SpeechDetector whole = new SpeechDetector(vad);
        List<SpeechEvent> expected = new ArrayList<>(whole.push(samples));
        expected.addAll(whole.finish());

        SpeechDetector pieces = new SpeechDetector(vad);
        List<SpeechEvent> actual = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int at = 0; at < samples.length; ) {
            int n = Math.min(samples.length - at, random.nextInt(1, 3000));
            actual.addAll(pieces.push(samples, at, n));
            at += n;
        }
        actual.addAll(pieces.finish());
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void eventsAlternateAndFollowTheSpeechOfTheFile() {
        float[] samples = jfk();
        SpeechDetector detector = new SpeechDetector(vad);
        List<SpeechEvent> events = new ArrayList<>(detector.push(samples));
        events.addAll(detector.finish());
        assertThat(events).isNotEmpty();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).start()).isEqualTo(i % 2 == 0);
        }
        // the whole-file segments (same thresholds) start where the stream's speech starts
        List<SpeechSegment> segments = SpeechDetector.segments(vad, samples, VadOptions.detection());
        assertThat(events.getFirst().sample()).isEqualTo(segments.getFirst().startSample());
        assertThat(events.getLast().seconds()).isBetween(10.0, 11.0); // "... for your country." ends near 10.6 s
    }

    @Test
    void silenceHasNoSpeech() {
        float[] silence = AudioReader.read(SharedData.require("audio/edge/silence_2s.wav")).samples();
        SpeechDetector detector = new SpeechDetector(vad);
        assertThat(detector.push(silence)).isEmpty();
        assertThat(detector.finish()).isEmpty();
        assertThat(SpeechDetector.segments(vad, silence, VadOptions.transcription())).isEmpty();
    }

    @Test
    void noiseHasNoSpeech() {
        Path noise = SharedData.require("audio/edge/white_noise_10s.wav");
        assertThat(SpeechDetector.segments(vad, AudioReader.read(noise).samples(), VadOptions.transcription())).isEmpty();
    }

    @Test
    void aNaNSampleIsATypedErrorNamingIt() {
        float[] samples = new float[2000];
        samples[1234] = Float.NaN;
        assertThatThrownBy(() -> new SpeechDetector(vad).push(samples))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("sample 1234 ").hasMessageContaining("NaN");
        assertThatThrownBy(() -> SpeechProbabilities.of(vad, samples))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("sample 1234 is NaN");
    }

    @Test
    void oneWindowAtATimeEqualsTheBatchedFile() {
        float[] samples = jfk();
        float[] batched = SpeechProbabilities.of(vad, samples);
        SileroVad.Session session = vad.newSession();
        for (int w = 0; w < samples.length / SileroVad.WINDOW; w++) {
            assertThat(session.probability(samples, w * SileroVad.WINDOW))
                    .as("window %d", w).isCloseTo(batched[w], org.assertj.core.data.Offset.offset(1e-6f));
        }
    }
}
