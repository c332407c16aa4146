package io.github.asr4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.asr4j.testkit.SharedData;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The log-mel front end on raw float input: frame count, edge cases, and a plain-DFT cross-check. */
class LogMelTest {

    @Test
    void frameCountIsSamplesOverHop() {
        LogMel mel = new LogMel(80);
        assertThat(mel.compute(new float[0])).isEmpty();
        assertThat(mel.compute(new float[159])).isEmpty();
        assertThat(mel.compute(new float[160])).hasSize(80);
        assertThat(mel.compute(new float[1000])).hasSize(80 * 6);
        assertThat(new LogMel(128).compute(new float[16_000])).hasSize(128 * 100);
    }

    @Test
    void silenceGivesTheFloorEverywhere() {
        float[] silence = AudioReader.read(SharedData.require("audio/edge/silence_2s.wav")).samples();
        float[] out = new LogMel(80).compute(silence);
        assertThat(out).hasSize(80 * 200);
        for (float v : out) {
            assertThat(v).isEqualTo(-1.5f); // (log10(1e-10) + 4) / 4
        }
    }

    @Test
    void inputShorterThanAFrameStillMakesAWindow() {
        float[] one = AudioReader.read(SharedData.require("audio/edge/one_sample.wav")).samples();
        assertThat(one).hasSize(1);
        float[] window = new LogMel(80).firstWindow(one);
        assertThat(window).hasSize(80 * 3000);
        float max = Float.NEGATIVE_INFINITY;
        for (float v : window) {
            assertThat(Float.isFinite(v)).isTrue();
            max = Math.max(max, v);
        }
        assertThat(max).isGreaterThan(-1.5f); // the sample's energy shows in the first frames
        float[] empty = new LogMel(80).firstWindow(new float[0]);
        for (float v : empty) {
            assertThat(v).isEqualTo(-1.5f);
        }
    }

    @Test
    void aToneLightsTheFilterAroundItsFrequency() {
        float[] tone = Signals.sine(1000, 16_000, 16_000, 0.5);
        LogMel mel = new LogMel(80);
        float[] out = mel.compute(tone);
        int frames = 100;
        int frame = 50;
        int best = 0;
        for (int m = 1; m < 80; m++) {
            if (out[m * frames + frame] > out[best * frames + frame]) {
                best = m;
            }
        }
        // Filter m peaks at the (m+1)-th of 82 points spaced evenly on the Slaney mel scale.
        double step = MelFilterBank.hzToMel(8000) / 81;
        double peakHz = MelFilterBank.melToHz((best + 1) * step);
        assertThat(peakHz).isCloseTo(1000, within(60.0));
    }

    @Test
    void matchesAPlainDftImplementation() {
        Random random = new Random(42);
        float[] x = new float[160 * 37 + 55];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * 0.1 * Math.sin(i / 300.0));
        }
        for (int nMels : new int[] {80, 128}) {
            LogMel mel = new LogMel(nMels);
            float[] fast = mel.compute(x);
            float[] slow = referenceLogMel(x, mel.filterBank(), nMels);
            assertThat(fast).hasSameSizeAs(slow);
            for (int i = 0; i < fast.length; i++) {
                assertThat((double) fast[i]).as("value %d", i).isCloseTo(slow[i], within(1e-6));
            }
        }
    }

    @Test
    void nonFiniteSamplesAreRefused() {
        float[] x = new float[1000];
        x[321] = Float.NaN;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LogMel(80).compute(x))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audio sample 321 is NaN");
        x[321] = Float.POSITIVE_INFINITY;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LogMel(80).firstWindow(x))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audio sample 321 is Infinity");
    }

    @Test
    void windowsBeyondTheEndAreZeroFilled() {
        LogMel.Spectrogram s = new LogMel(80).computePadded(new float[16_000]);
        assertThat(s.frames()).isEqualTo(3100);
        assertThat(s.contentFrames()).isEqualTo(100);
        float[] late = s.window(3000);
        assertThat(late[99]).isEqualTo(-1.5f);
        assertThat(late[100]).isZero();
        float[] cut = s.window(0, s.contentFrames());
        assertThat(cut[99]).isEqualTo(-1.5f);
        assertThat(cut[100]).isZero();
    }

    /** A direct transcription of the definition: explicit reflect indexing, O(n^2) DFT, double. */
    private static float[] referenceLogMel(float[] x, float[] filters, int nMels) {
        int n = x.length;
        int frames = n / 160;
        double[][] logs = new double[nMels][frames];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < frames; t++) {
            double[] frame = new double[400];
            for (int j = 0; j < 400; j++) {
                int i = t * 160 + j - 200;
                if (i < 0) {
                    i = -i;
                } else if (i >= n) {
                    i = 2 * (n - 1) - i;
                }
                frame[j] = x[i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * j / 400));
            }
            double[] power = new double[201];
            for (int k = 0; k <= 200; k++) {
                double re = 0, im = 0;
                for (int j = 0; j < 400; j++) {
                    re += frame[j] * Math.cos(2 * Math.PI * j * k / 400);
                    im -= frame[j] * Math.sin(2 * Math.PI * j * k / 400);
                }
                power[k] = re * re + im * im;
            }
            for (int m = 0; m < nMels; m++) {
                double e = 0;
                for (int k = 0; k <= 200; k++) {
                    e += filters[m * 201 + k] * power[k];
                }
                logs[m][t] = Math.log10(Math.max(e, 1e-10));
                max = Math.max(max, logs[m][t]);
            }
        }
        float[] out = new float[nMels * frames];
        for (int m = 0; m < nMels; m++) {
            for (int t = 0; t < frames; t++) {
                out[m * frames + t] = (float) ((Math.max(logs[m][t], max - 8) + 4) / 4);
            }
        }
        return out;
    }
}
