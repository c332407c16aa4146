package io.github.asr4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Pass band, stop band, length rule and identity of the Kaiser-windowed polyphase resampler. */
class ResamplerTest {
    private static final int TARGET = 16_000;
    /** Seconds of test tone; measurements skip the filter's start-up and tail. */
    private static final double SECONDS = 1.0;

    private static double dB(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /** Gain in dB of a tone at {@code f} Hz through inRate -> outRate, measured at {@code fOut}. */
    private static double gainDb(int inRate, int outRate, double f, double fOut) {
        float[] in = Signals.sine(f, inRate, (int) (SECONDS * inRate), 0.5);
        float[] out = Resampler.resample(in, inRate, outRate);
        int margin = outRate / 20; // 50 ms, far beyond the filter half-length
        double amplitude = Signals.amplitudeAt(out, fOut, outRate, margin, out.length - margin);
        return dB(amplitude / 0.5);
    }

    @ParameterizedTest
    @ValueSource(ints = {8_000, 11_025, 12_345, 22_050, 44_100, 48_000, 96_000})
    void passBandTonesKeepAmplitudeAndFrequency(int inRate) {
        double nyquist = Math.min(inRate, TARGET) / 2.0;
        double worst = 0;
        for (double f : new double[] {100, 440, 1000, 0.5 * nyquist, Resampler.PASSBAND * nyquist * 0.98}) {
            double g = gainDb(inRate, TARGET, f, f);
            worst = Math.max(worst, Math.abs(g));
            assertThat(Math.abs(g)).as("gain at %.0f Hz from %d Hz: %.5f dB", f, inRate, g).isLessThan(0.001);
        }
        System.out.printf("%d -> 16000: largest pass-band gain error %.2g dB%n", inRate, worst);
    }

    @ParameterizedTest
    @ValueSource(ints = {22_050, 44_100, 48_000, 96_000})
    void tonesAboveTheNewNyquistAreRemovedWhenDownsampling(int inRate) {
        Resampler resampler = new Resampler(inRate, TARGET);
        double worst = Double.NEGATIVE_INFINITY;
        for (double f = 8_000; f < inRate / 2.0; f += 250) {
            // A tone at f aliases to |f - 16000 k|; measure the output at that frequency and
            // overall (the output should be empty, so its RMS bounds every alias).
            float[] in = Signals.sine(f, inRate, inRate / 4, 0.5);
            float[] out = resampler.apply(in);
            float[] middle = java.util.Arrays.copyOfRange(out, 800, out.length - 800);
            double g = dB(Signals.rms(middle) / Signals.rms(in));
            worst = Math.max(worst, g);
        }
        System.out.printf("downsampling %d -> 16000: worst stop-band gain %.1f dB (8 kHz .. %d Hz, 250 Hz steps)%n",
                inRate, worst, inRate / 2);
        assertThat(worst).isLessThan(-80);
    }

    @Test
    void tenKilohertzAt48kIsAttenuatedBy80Db() {
        float[] in = Signals.sine(10_000, 48_000, 48_000, 0.9);
        float[] out = Resampler.resample(in, 48_000, TARGET);
        double atAlias = Signals.amplitudeAt(out, 6_000, TARGET, 800, out.length - 800); // 16k - 10k
        assertThat(dB(atAlias / 0.9)).isLessThan(-80);
    }

    @ParameterizedTest
    @ValueSource(ints = {8_000, 11_025})
    void upsamplingLeavesNoImages(int inRate) {
        // A tone at f below the input Nyquist would image at inRate - f.
        double f = 0.3 * inRate;
        double image = gainDb(inRate, TARGET, f, inRate - f);
        System.out.printf("upsampling %d -> 16000: image of %.0f Hz at %.0f Hz: %.1f dB%n", inRate, f, inRate - f, image);
        assertThat(image).isLessThan(-80);
    }

    @Test
    void lengthIsRoundedProportion() {
        Resampler r = new Resampler(44_100, TARGET);
        assertThat(r.outputLength(0)).isZero();
        assertThat(r.outputLength(485_100)).isEqualTo(176_000);
        for (int n : new int[] {1, 2, 3, 440, 441, 442, 12_345, 99_999}) {
            long expected = Math.round(n * 16_000.0 / 44_100.0);
            assertThat(r.outputLength(n)).as("n=%d", n).isEqualTo(expected);
            assertThat(r.apply(new float[n])).hasSize((int) expected);
        }
        // Exact halves round up: 3 samples at 32 kHz are 1.5 samples at 16 kHz.
        assertThat(new Resampler(32_000, TARGET).outputLength(3)).isEqualTo(2);
        assertThat(new Resampler(8_000, TARGET).apply(new float[1000])).hasSize(2000);
    }

    @Test
    void equalRatesAreTheIdentity() {
        float[] x = Signals.sine(440, TARGET, 1000, 0.7);
        float[] y = Resampler.resample(x, TARGET, TARGET);
        assertThat(y).isNotSameAs(x);
        Signals.assertSameSamples(y, x);
    }

    @Test
    void constantSignalKeepsItsLevel() {
        float[] dc = new float[44_100];
        java.util.Arrays.fill(dc, 0.3f);
        float[] out = Resampler.resample(dc, 44_100, TARGET);
        for (int i = 500; i < out.length - 500; i++) {
            assertThat((double) out[i]).isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void audioAtTheTargetRateIsNotCopied() {
        float[] x = {0.1f, 0.2f};
        assertThat(new Audio(x, TARGET, 1).samplesAt(TARGET)).isSameAs(x);
        assertThat(new Audio(new float[441], 44_100, 2).samplesAt(TARGET)).hasSize(160);
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        assertThat(Resampler.resample(new float[0], 48_000, TARGET)).isEmpty();
    }

    @Test
    void invalidRatesAreRefused() {
        assertThatThrownBy(() -> new Resampler(0, TARGET)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
