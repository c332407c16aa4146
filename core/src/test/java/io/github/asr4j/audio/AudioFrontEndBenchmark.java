package io.github.asr4j.audio;

import java.util.Random;

/**
 * Speed of the front end (a program, not a test): resampling 2 minutes of 48 kHz audio to
 * 16 kHz, and the log-mel of 30 s (3000 frames), after warm-up, on one thread.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -q -pl core -am test-compile
 * mvn -q -pl core dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp core/target/test-classes:core/target/classes:$(cat /tmp/cp.txt) io.github.asr4j.audio.AudioFrontEndBenchmark
 * </pre>
 * Measured 2026-11-24 on the 2-core AMD EPYC CI box, shared with other builds (load about 4):
 * 48 kHz to 16 kHz, 120 s: 215 ms; log-mel 80 x 3000 frames: 12 to 23 ms.
 */
public final class AudioFrontEndBenchmark {
    private AudioFrontEndBenchmark() {}

    public static void main(String[] args) {
        Random random = new Random(1);
        float[] twoMinutes48k = new float[48_000 * 120];
        for (int i = 0; i < twoMinutes48k.length; i++) {
            twoMinutes48k[i] = (float) (random.nextGaussian() * 0.1);
        }
        int[][] ratios = {{48_000, 16_000}, {44_100, 16_000}, {8_000, 16_000}, {96_000, 16_000}, {11_025, 16_000}};
        for (int[] r : ratios) {
            Resampler resampler = new Resampler(r[0], r[1]);
            float[] input = java.util.Arrays.copyOf(twoMinutes48k, r[0] * 120);
            double best = Double.MAX_VALUE;
            for (int rep = 0; rep < 5; rep++) {
                long t0 = System.nanoTime();
                float[] out = resampler.apply(input);
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
                if (out.length == 0) {
                    throw new AssertionError();
                }
            }
            System.out.printf("resample 120 s %d -> %d Hz (%d taps/output): best of 5 %.1f ms%n",
                    r[0], r[1], resampler.tapsPerOutput(), best);
        }
        float[] thirtySeconds = java.util.Arrays.copyOf(twoMinutes48k, AudioConstants.N_SAMPLES);
        for (int nMels : new int[] {80, 128}) {
            LogMel mel = new LogMel(nMels);
            double best = Double.MAX_VALUE;
            for (int rep = 0; rep < 20; rep++) {
                long t0 = System.nanoTime();
                float[] out = mel.compute(thirtySeconds);
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
                if (out.length != nMels * 3000) {
                    throw new AssertionError();
                }
            }
            System.out.printf("log-mel %d x 3000 frames (30 s): best of 20 %.1f ms%n", nMels, best);
        }
    }
}
