package io.github.asr4j.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mixed-radix FFT against the DFT definition, for every butterfly kind. */
class FftTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 16, 20, 25, 49, 64, 100, 200, 400, 401, 1000})
    void matchesTheDefinition(int n) {
        Random random = new Random(n);
        double[] re = new double[n], im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = random.nextGaussian();
            im[i] = random.nextGaussian();
        }
        double[] expRe = new double[n], expIm = new double[n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                double a = -2 * Math.PI * ((long) j * k % n) / n;
                expRe[k] += re[j] * Math.cos(a) - im[j] * Math.sin(a);
                expIm[k] += re[j] * Math.sin(a) + im[j] * Math.cos(a);
            }
        }
        Fft fft = new Fft(n);
        fft.transform(re, im);
        fft.transform(new double[n], new double[n]); // reuse must not disturb a later call
        double err = 0;
        for (int k = 0; k < n; k++) {
            err = Math.max(err, Math.hypot(re[k] - expRe[k], im[k] - expIm[k]));
        }
        assertThat(err).as("n=%d", n).isLessThan(1e-10 * Math.sqrt(n) * 10);
    }
}
