package io.github.asr4j.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.testkit.SharedData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The front end against {@code shared/testdata/mel/mel_goldens.safetensors} (float64 reference
 * rounded to float32). The mel README says a float32 implementation should match within about
 * 1e-4; this one computes in double and is held to that bound (measured: about 1.2e-7, one float
 * rounding step).
 */
class LogMelGoldenTest {
    private static final double TOLERANCE = 1e-4;

    private static double maxAbsDiff(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            assertThat(Float.isFinite(actual[i])).as("value %d finite", i).isTrue();
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
        }
        return max;
    }

    private static void check(String golden, float[] actual) {
        long[] shape = MelGoldens.shape(golden);
        assertThat(actual).hasSize((int) (shape[0] * shape[1]));
        double err = maxAbsDiff(actual, MelGoldens.floats(golden));
        System.out.printf("%s: max abs error %.3g%n", golden, err);
        assertThat(err).as(golden).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void melFiltersMatchLibrosa() {
        for (int nMels : new int[] {80, 128}) {
            float[] golden = MelGoldens.floats("mel_filters_" + nMels);
            float[] ours = new LogMel(nMels).filterBank();
            assertThat(ours).hasSameSizeAs(golden);
            double maxAbs = 0, maxRel = 0;
            for (int i = 0; i < ours.length; i++) {
                assertThat(ours[i] == 0).as("zero pattern at %d", i).isEqualTo(golden[i] == 0);
                double d = Math.abs(ours[i] - golden[i]);
                maxAbs = Math.max(maxAbs, d);
                if (golden[i] != 0) {
                    maxRel = Math.max(maxRel, d / Math.abs(golden[i]));
                }
            }
            System.out.printf("mel_filters_%d: max abs error %.3g, max relative %.3g%n", nMels, maxAbs, maxRel);
            // One float32 rounding step (2^-23 relative) is the most a float64 recomputation may differ.
            assertThat(maxRel).isLessThanOrEqualTo(1.2e-7);
        }
    }

    @Test
    void jfkFromTheGoldenSamples() {
        float[] samples = MelGoldens.floats("jfk.samples");
        check("jfk.log_mel_80", new LogMel(80).firstWindow(samples));
        check("jfk.log_mel_128", new LogMel(128).firstWindow(samples));
    }

    @Test
    void jfkFromTheWavFile() {
        Audio audio = AudioReader.read(SharedData.require("audio/jfk/jfk.wav"));
        check("jfk.log_mel_80", new LogMel(80).firstWindow(audio.samples()));
        check("jfk.log_mel_128", new LogMel(128).firstWindow(audio.samples()));
    }

    @Test
    void gb0FirstThirtySecondsWithoutPadding() {
        float[] wav = AudioReader.read(SharedData.require("audio/long/gb0.wav")).samples();
        float[] first30s = Arrays.copyOf(wav, AudioConstants.N_SAMPLES);
        Signals.assertSameSamples(first30s, MelGoldens.floats("gb0.samples"));
        check("gb0.log_mel_80", new LogMel(80).compute(first30s));
    }

    @Test
    void paddedSpectrogramOfJfkHasTheTranscribeLayout() {
        LogMel.Spectrogram s = new LogMel(80).computePadded(MelGoldens.floats("jfk.samples"));
        assertThat(s.frames()).isEqualTo(4100);
        assertThat(s.contentFrames()).isEqualTo(1100);
        assertThat(s.window(0)).isEqualTo(new LogMel(80).firstWindow(MelGoldens.floats("jfk.samples")));
    }
}
