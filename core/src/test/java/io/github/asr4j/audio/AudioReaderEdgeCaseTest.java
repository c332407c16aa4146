package io.github.asr4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.AudioFormatException;
import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every file of {@code shared/testdata/audio/edge} behaves as the row of its README says. */
class AudioReaderEdgeCaseTest {
    private static final int JFK_SAMPLES = 176_000;
    private static float[] jfk;

    @BeforeAll
    static void readReference() {
        Audio ref = AudioReader.read(SharedData.require("audio/jfk/jfk.wav"));
        assertThat(ref.sampleRate()).isEqualTo(16_000);
        assertThat(ref.channels()).isEqualTo(1);
        jfk = ref.samples();
        assertThat(jfk).hasSize(JFK_SAMPLES);
    }

    private static Audio edge(String name) {
        return AudioReader.read(SharedData.require("audio/edge/" + name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pcm_s24.wav", "pcm_s32.wav", "float32.wav", "extensible.wav", "extra_chunks.wav",
            "odd_chunk_padding.wav", "trailing_garbage.wav"})
    void filesMarkedEqualToJfkHoldExactlyItsSamples(String name) {
        Audio a = edge(name);
        assertThat(a.sampleRate()).isEqualTo(16_000);
        assertThat(a.channels()).isEqualTo(1);
        Signals.assertSameSamples(a.samples(), jfk);
    }

    @Test
    void jfkWavEqualsTheGoldenSamples() {
        // Cross-check of the reader itself against jfk.samples (int16 / 32768) in the mel goldens.
        float[] golden = MelGoldens.floats("jfk.samples");
        Signals.assertSameSamples(jfk, golden);
    }

    @Test
    void unsignedEightBitIsOffsetBinary() {
        Audio a = edge("pcm_u8.wav");
        assertThat(a.samples()).hasSize(JFK_SAMPLES);
        // value = round(s16 / 256) + 128, so after (v - 128) / 128 every sample is within half a step
        // (1/256) of the 16-bit original; read as signed it would be off by about 1.0.
        double maxErr = 0;
        for (int i = 0; i < JFK_SAMPLES; i++) {
            maxErr = Math.max(maxErr, Math.abs(a.samples()[i] - jfk[i]));
        }
        assertThat(maxErr).isLessThanOrEqualTo(1.0 / 256);
    }

    @Test
    void eightKilohertzReportsItsOwnRate() {
        Audio a = edge("pcm_s16_8k_mono.wav");
        assertThat(a.sampleRate()).isEqualTo(8_000);
        assertThat(a.samples()).hasSize(88_000);
        // After resampling it must line up with jfk.wav (band limited to 4 kHz, so not exact).
        float[] up = Resampler.resample(a.samples(), 8_000, 16_000);
        assertThat(up).hasSize(JFK_SAMPLES);
        assertThat(Signals.correlation(up, jfk)).isGreaterThan(0.95);
    }

    @ParameterizedTest
    @ValueSource(ints = {44_100, 48_000})
    void stereoIsDownmixedByAveraging(int rate) {
        Audio a = edge(rate == 44_100 ? "pcm_s16_44k1_stereo.wav" : "pcm_s16_48k_stereo.wav");
        assertThat(a.sampleRate()).isEqualTo(rate);
        assertThat(a.channels()).isEqualTo(2);
        assertThat(a.samples()).hasSize((int) (11L * rate));
        float[] mono16k = Resampler.resample(a.samples(), rate, 16_000);
        assertThat(mono16k).hasSize(JFK_SAMPLES);
        // left = speech, right = speech / 2: the average is 0.75 x the speech.
        double gain = Signals.leastSquaresGain(mono16k, jfk);
        assertThat(gain).isBetween(0.74, 0.76);
        assertThat(Signals.correlation(mono16k, jfk)).isGreaterThan(0.99);
    }

    @Test
    void truncatedDataReturnsTheCompleteFramesPresent() {
        Audio a = edge("truncated.wav");
        assertThat(a.samples()).hasSize(80_000);
        float[] head = java.util.Arrays.copyOf(jfk, 80_000);
        Signals.assertSameSamples(a.samples(), head);
    }

    @Test
    void emptyDataGivesZeroSamples() {
        Audio a = edge("empty_0_samples.wav");
        assertThat(a.samples()).isEmpty();
        assertThat(a.sampleRate()).isEqualTo(16_000);
    }

    @Test
    void oneSampleFile() {
        assertThat(edge("one_sample.wav").samples()).containsExactly(1000 / 32768f);
    }

    @Test
    void silenceAndNoiseDecode() {
        float[] silence = edge("silence_2s.wav").samples();
        assertThat(silence).hasSize(32_000);
        for (float v : silence) {
            assertThat(v).isZero();
        }
        float[] noise = edge("white_noise_10s.wav").samples();
        assertThat(noise).hasSize(160_000);
        double rmsDb = 20 * Math.log10(Signals.rms(noise));
        assertThat(rmsDb).isBetween(-20.5, -19.5);
    }

    @Test
    void headerThenGarbageIsRejectedWithoutTrustingTheSize() {
        Path p = SharedData.require("audio/edge/header_then_garbage.wav");
        assertThatThrownBy(() -> AudioReader.read(p))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("header_then_garbage.wav")
                .hasMessageContaining("no 'data' chunk")
                .hasMessageContaining("beyond the end of the file")
                .hasMessageContaining("byte offset 36");
    }

    @Test
    void pngWithWavNameIsRejectedByContent() {
        Path p = SharedData.require("audio/edge/not_audio.wav");
        assertThatThrownBy(() -> AudioReader.read(p))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("not_audio.wav")
                .hasMessageContaining("not a recognised audio file")
                .hasMessageContaining("PNG");
    }

    @Test
    void mp3IsReportedAsUnsupported() {
        Path p = SharedData.require("audio/edge/jfk.mp3");
        assertThatThrownBy(() -> AudioReader.read(p))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("jfk.mp3")
                .hasMessageContaining("unsupported format: MP3");
    }
}
