package io.github.asr4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code asr4j bench ceilings}: the ceilings every speed figure is held against, as Java code reaches
 * them here: float32 FMA throughput by number of independent accumulators (per CPU-second, so time
 * taken by other processes does not count, and wall-clock for all threads together), and read-only
 * streaming bandwidth over a heap buffer and over a memory-mapped file.
 */
@Command(name = "ceilings", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the FP32 FMA peak (by accumulator count) and the read bandwidth (heap and "
                + "memory-mapped file) on 1..N threads.")
final class CeilingsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N", description = "Measure with 1..N threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"--buffer_mb", "--buffer-mb"}, defaultValue = "1024", paramLabel = "MB",
            description = "Heap buffer for the bandwidth pass, far above the last-level cache (default: ${DEFAULT-VALUE}).")
    int bufferMb;

    @Option(names = "--mapped", paramLabel = "FILE",
            description = "Also read this file through a memory mapping (e.g. a model.safetensors).")
    Path mapped;

    @Option(names = "--reps", defaultValue = "5", paramLabel = "N", description = "Timed passes; the best is shown (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    private static final int FMA_ITERATIONS = 50_000_000;

    @Override
    public Integer call() throws IOException {
        if (threads < 1 || bufferMb < 64 || reps < 1) {
            throw new IllegalArgumentException("--threads and --reps must be >= 1 and --buffer_mb >= 64; got "
                    + threads + ", " + reps + ", " + bufferMb);
        }
        if (mapped != null && !Files.isRegularFile(mapped)) {
            throw new IllegalArgumentException("--mapped: no file " + mapped);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("load_average_start", BenchCommand.loadAverage());
        root.put("vector_bits", FmaCeiling.vectorBits());
        List<Map<String, Object>> fma = new ArrayList<>();
        for (int t = 1; t <= threads; t++) {
            for (int acc : FmaCeiling.ACCUMULATORS) {
                fma.add(fmaRow(acc, t));
            }
        }
        root.put("fma", fma);
        List<Map<String, Object>> bw = new ArrayList<>();
        for (int t = 1; t <= threads; t++) {
            bw.add(bandwidthRow("heap", bufferMb, t, BandwidthCeiling.heap(bufferMb, t, reps)));
        }
        if (mapped != null) {
            for (int t = 1; t <= threads; t++) {
                bw.add(bandwidthRow("mapped " + mapped, Files.size(mapped) >> 20, t, BandwidthCeiling.mapped(mapped, t, reps)));
            }
        }
        root.put("bandwidth", bw);
        root.put("load_average_end", BenchCommand.loadAverage());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            out.printf(Locale.ROOT, "FP32 FMA, %d-bit vectors (GFLOP/s; per cpu-second = each thread's own CPU time)%n",
                    FmaCeiling.vectorBits());
            out.printf(Locale.ROOT, "%8s %13s %10s %22s%n", "threads", "accumulators", "wall", "per cpu-second (sum)");
            for (Map<String, Object> r : fma) {
                out.printf(Locale.ROOT, "%8d %13d %10.1f %22.1f%n", r.get("threads"), r.get("accumulators"),
                        r.get("gflops_wall"), r.get("gflops_per_cpu_second"));
            }
            out.printf(Locale.ROOT, "read bandwidth (GB/s, best of %d: wall; per cpu-second, summed over threads)%n", reps);
            for (Map<String, Object> r : bw) {
                out.printf(Locale.ROOT, "%8d threads %8.1f %8.1f  %s, %s MB%n", r.get("threads"), r.get("gb_per_s"),
                        r.get("gb_per_cpu_second"), r.get("source"), r.get("megabytes"));
            }
            out.printf(Locale.ROOT, "load average %s at start, %s at end%n", root.get("load_average_start"),
                    root.get("load_average_end"));
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> bandwidthRow(String source, long megabytes, int threads, BandwidthCeiling.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("megabytes", megabytes);
        m.put("threads", threads);
        m.put("gb_per_s", r.wallGbPerS());
        m.put("gb_per_cpu_second", r.perCpuSecondGbPerS());
        return m;
    }

    /** {@code threads} threads run the loop at once: wall-clock GFLOP/s and the sum of each thread's GFLOP per CPU-second. */
    private Map<String, Object> fmaRow(int accumulators, int threads) {
        for (int i = 0; i < 20; i++) {
            FmaCeiling.run(accumulators, 20_000); // compile before timing
        }
        double flops = FmaCeiling.flops(accumulators, FMA_ITERATIONS);
        double bestWall = 0;
        double bestCpu = 0;
        for (int r = 0; r < reps; r++) {
            ThreadsTogether.Pass pass = ThreadsTogether.run(threads, t -> FmaCeiling.run(accumulators, FMA_ITERATIONS));
            bestWall = Math.max(bestWall, threads * flops / pass.wallNanos());
            double sum = pass.sum() == 42 ? 1e-9 : 0; // keeps the loops' results alive
            for (long ns : pass.cpuNanos()) {
                sum += flops / ns;
            }
            bestCpu = Math.max(bestCpu, sum);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threads", threads);
        m.put("accumulators", accumulators);
        m.put("gflops_wall", bestWall);
        m.put("gflops_per_cpu_second", bestCpu);
        return m;
    }
}
