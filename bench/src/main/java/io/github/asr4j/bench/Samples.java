package io.github.asr4j.bench;

import java.util.Arrays;

/** Repeated timings of one quantity: warm-up runs are taken and dropped, the median is reported. */
public final class Samples {
    private Samples() {}

    /** A piece of work that returns the seconds it took by its own measure. */
    @FunctionalInterface
    public interface TimedRun {
        double seconds() throws Exception;
    }

    /** Runs {@code warmups} unrecorded times, then {@code runs} times, and returns the median seconds. */
    public static double medianSeconds(int warmups, int runs, TimedRun run) {
        if (runs < 1 || warmups < 0) {
            throw new IllegalArgumentException("runs >= 1 and warmups >= 0 expected, got " + runs + ", " + warmups);
        }
        try {
            for (int i = 0; i < warmups; i++) {
                run.seconds();
            }
            double[] s = new double[runs];
            for (int i = 0; i < runs; i++) {
                s[i] = run.seconds();
            }
            return median(s);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The median; the mean of the middle two for an even count. */
    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Seconds since {@code startNanos}. */
    public static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
