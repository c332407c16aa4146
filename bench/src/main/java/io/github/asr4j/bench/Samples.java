package io.github.asr4j.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.LongSupplier;

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
        return medianSecondsSettled(warmups, warmups, runs, run, null).medianSeconds();
    }

    /**
     * A warm-up run ends the warm-up when the JIT compilers worked less than this share of its wall
     * time: on a machine with as many cores as kernel threads every compiler millisecond is taken
     * from a kernel thread, so a run still compiling times the JIT as well as the work.
     */
    static final double JIT_QUIET = 0.02;

    /**
     * A median taken after a warm-up that ran until the JIT compilers were quiet.
     *
     * @param medianSeconds the median of the timed runs
     * @param warmups the untimed runs taken
     * @param jitMsWhileTimed the compilers' time while the timed runs ran, ms; -1 when the JVM does not report it
     */
    public record Settled(double medianSeconds, int warmups, double jitMsWhileTimed) {}

    /**
     * Runs at least {@code minWarmups} and at most {@code maxWarmups} unrecorded times, past the minimum until
     * a run during which the JIT compilers worked less than {@link #JIT_QUIET} of its wall time, then
     * {@code runs} times; returns the median seconds, the warm-ups taken and the compilers' time during the
     * timed runs. Where the JVM does not report compilation time, exactly {@code minWarmups}; with
     * {@code minWarmups} 0, none (a cold measurement).
     */
    public static Settled medianSecondsSettled(int minWarmups, int maxWarmups, int runs, TimedRun run) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean monitored = jit != null && jit.isCompilationTimeMonitoringSupported();
        return medianSecondsSettled(minWarmups, monitored ? maxWarmups : minWarmups, runs, run,
                monitored ? jit::getTotalCompilationTime : null);
    }

    /** As {@link #medianSecondsSettled(int, int, int, TimedRun)}, the compilers' total time (ms) read from {@code jitMillis} (null: not known). */
    static Settled medianSecondsSettled(int minWarmups, int maxWarmups, int runs, TimedRun run, LongSupplier jitMillis) {
        if (runs < 1 || minWarmups < 0 || maxWarmups < minWarmups) {
            throw new IllegalArgumentException("runs >= 1 and 0 <= minWarmups <= maxWarmups expected, got runs " + runs
                    + ", minWarmups " + minWarmups + ", maxWarmups " + maxWarmups);
        }
        try {
            int warmups = 0;
            boolean quiet = minWarmups == 0;          // none asked for: a cold measurement
            while (warmups < minWarmups || (!quiet && warmups < maxWarmups)) {
                long jit0 = jitMillis == null ? 0 : jitMillis.getAsLong();
                double seconds = run.seconds();
                warmups++;
                quiet = jitMillis == null || jitMillis.getAsLong() - jit0 < JIT_QUIET * seconds * 1000;
            }
            long jit0 = jitMillis == null ? 0 : jitMillis.getAsLong();
            double[] s = new double[runs];
            for (int i = 0; i < runs; i++) {
                s[i] = run.seconds();
            }
            double jitMs = jitMillis == null ? -1 : jitMillis.getAsLong() - jit0;
            return new Settled(median(s), warmups, jitMs);
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
