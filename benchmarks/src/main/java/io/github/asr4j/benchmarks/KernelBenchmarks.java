package io.github.asr4j.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the kernel benchmarks (any JMH command-line options may be given, e.g. {@code -p dtype=F16}
 * or a name pattern) and adds what JMH cannot: GFLOP/s and weight GB/s per shape, as shares of the
 * machine's measured peaks.
 *
 * <p>The peaks are this project's measurements on its 2-core AMD Zen 5 machine: 646 GFLOP/s FP32
 * (AVX-512 FMA, both cores) and 62 GB/s memory read; override with {@code -Dpeak.gflops=} and
 * {@code -Dpeak.gbps=} (both for {@code peak.cores} cores, default 2) on another machine.
 */
public final class KernelBenchmarks {
    private KernelBenchmarks() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        System.out.println();
        System.out.print(table(results, Peaks.fromSystemProperties()));
    }

    /** The measured peaks of the whole machine. */
    record Peaks(double gflops, double gbps, int cores) {
        static Peaks fromSystemProperties() {
            return new Peaks(Double.parseDouble(System.getProperty("peak.gflops", "646")),
                    Double.parseDouble(System.getProperty("peak.gbps", "62")),
                    Integer.parseInt(System.getProperty("peak.cores", "2")));
        }

        /** Compute peak of {@code threads} busy cores. */
        double gflopsFor(int threads) {
            return gflops * Math.min(threads, cores) / cores;
        }
    }

    /** One row per benchmark and parameter set. */
    static String table(Collection<RunResult> results, Peaks peaks) {
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%-10s %-15s %-5s %3s %12s %9s %7s %8s %7s",
                "kernel", "shape", "dtype", "thr", "time/op", "GFLOP/s", "%peak", "wGB/s", "%bw"));
        for (RunResult r : results) {
            var params = r.getParams();
            LinearShape shape = LinearShape.parse(params.getParam("shape"));
            String dtype = params.getParam("dtype");
            int threads = Integer.parseInt(params.getParam("threads"));
            double seconds = toSeconds(r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreUnit());
            rows.add(row(r.getParams().getBenchmark().replaceAll(".*\\.", ""), shape, dtype, threads, seconds, peaks));
        }
        return String.join("\n", rows) + "\n";
    }

    static String row(String kernel, LinearShape shape, String dtype, int threads, double seconds, Peaks peaks) {
        double gflops = shape.flops() / seconds / 1e9;
        double gbps = shape.weightBytes(dtype.equals("F32") ? 4 : 2) / seconds / 1e9;
        // Weight bandwidth only bounds matrix-vector products; a GEMM reuses each weight for every row.
        String bandwidth = shape.rows() > 1 ? String.format(Locale.ROOT, "%8s %7s", "-", "-")
                : String.format(Locale.ROOT, "%8.1f %6.1f%%", gbps, 100 * gbps / peaks.gbps());
        return String.format(Locale.ROOT, "%-10s %-15s %-5s %3d %10.3fms %9.1f %6.1f%% %s",
                kernel, shape.rows() + "x" + shape.in() + "x" + shape.out(), dtype, threads, seconds * 1e3,
                gflops, 100 * gflops / peaks.gflopsFor(threads), bandwidth);
    }

    /** JMH's average-time units ("ms/op", "us/op", ...) to seconds per operation. */
    static double toSeconds(double score, String unit) {
        String u = unit.replace("/op", "");
        TimeUnit tu = switch (u) {
            case "s" -> TimeUnit.SECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "us" -> TimeUnit.MICROSECONDS;
            case "ns" -> TimeUnit.NANOSECONDS;
            default -> throw new IllegalArgumentException("run the benchmarks in average-time mode (got unit " + unit + ")");
        };
        return score * tu.toNanos(1) / 1e9;
    }
}
