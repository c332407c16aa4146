package io.github.asr4j.kernels.bench;

import io.github.asr4j.kernels.cpu.CpuBackend;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.DType;
import java.util.Random;

/**
 * A rough throughput check of the CPU kernels (no JMH: warm-up, then the best of several runs).
 * Run with the test classpath and {@code --add-modules jdk.incubator.vector}; arguments: optional
 * thread count, optional backend filter ("scalar" or "vector").
 */
public final class KernelBenchmark {
    private KernelBenchmark() {}

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        String only = args.length > 1 ? args[1] : "";
        Random rnd = new Random(1);
        System.out.printf("%d-bit vectors; the FMA peak to compare with: ./asr4j bench ceilings%n",
                jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize());
        for (String kind : new String[] {"scalar", "vector"}) {
            if (!only.isEmpty() && !only.equals(kind)) {
                continue;
            }
            try (CpuBackend b = (CpuBackend) (kind.equals("scalar") ? Backends.scalar(threads) : Backends.vector(threads))) {
                System.out.println("== " + b.name());
                for (DType dt : new DType[] {DType.F32, DType.F16, DType.BF16}) {
                    int n = 1500;
                    int in = 768;
                    int out = 3072;
                    Backend.Matrix w = b.matrix(BenchInputs.tensor(dt, out, in, rnd));
                    float[] x = BenchInputs.random(n * in, rnd);
                    float[] bias = BenchInputs.random(out, rnd);
                    float[] y = new float[n * out];
                    double s = best(kind.equals("scalar") ? 2 : 5, () -> b.linear(x, n, w, bias, y));
                    System.out.printf("linear %s n=%d %d->%d: %.1f ms, %.1f GFLOP/s%s%n", dt, n, in, out, s * 1e3,
                            2.0 * n * in * out / s / 1e9, cpu(2.0 * n * in * out));
                }
                for (DType dt : new DType[] {DType.F32, DType.F16, DType.BF16}) {
                    int in = 768;
                    int out = 51865;
                    Backend.Matrix w = b.matrix(BenchInputs.tensor(dt, out, in, rnd));
                    float[] x = BenchInputs.random(in, rnd);
                    float[] y = new float[out];
                    double s = best(20, () -> b.linear(x, 1, w, null, y));
                    System.out.printf("gemv %s %d->%d: %.2f ms, %.1f GB/s of weights [cpu %.2f ms]%n", dt, in, out, s * 1e3,
                            (double) in * out * dt.byteSize() / s / 1e9, lastCpuSeconds * 1e3);
                }
                {
                    int heads = 12;
                    int hd = 64;
                    int len = 1500;
                    float[] q = BenchInputs.random(len * heads * hd, rnd);
                    float[] k = BenchInputs.random(len * heads * hd, rnd);
                    float[] v = BenchInputs.random(len * heads * hd, rnd);
                    float[] o = new float[q.length];
                    double s = best(3, () -> b.attention(q, len, k, v, len, heads, hd, false, 0, o));
                    System.out.printf("attention 1500x1500, 12 heads of 64: %.1f ms, %.1f GFLOP/s%s%n", s * 1e3,
                            4.0 * len * len * hd * heads / s / 1e9, cpu(4.0 * len * len * hd * heads));
                }
                {
                    float[] g = BenchInputs.random(1500 * 3072, rnd);
                    double s = best(5, () -> b.gelu(g, g.length));
                    System.out.printf("gelu 1500x3072: %.2f ms [cpu %.2f ms]%n", s * 1e3, lastCpuSeconds * 1e3);
                    float[] ln = BenchInputs.random(1500 * 768, rnd);
                    float[] gamma = BenchInputs.random(768, rnd);
                    float[] beta = BenchInputs.random(768, rnd);
                    double s2 = best(5, () -> b.layerNorm(ln, 1500, 768, gamma, beta, 1e-5f, ln));
                    System.out.printf("layerNorm 1500x768: %.2f ms [cpu %.2f ms]%n", s2 * 1e3, lastCpuSeconds * 1e3);
                }
                {
                    Backend.ConvKernel ck = b.convKernel(BenchInputs.tensor(DType.F16, 768, 768 * 3, rnd, 768, 768, 3));
                    float[] x = BenchInputs.random(3000 * 768, rnd);
                    float[] y = new float[1500 * 768];
                    double s = best(3, () -> b.conv1d(x, 3000, ck, null, 2, y));
                    System.out.printf("conv1d 3000x768 -> 1500x768 stride 2: %.1f ms, %.1f GFLOP/s%s%n", s * 1e3,
                            2.0 * 1500 * 768 * 768 * 3 / s / 1e9, cpu(2.0 * 1500 * 768 * 768 * 3));
                }
            }
        }
    }

    /** Best wall time of the runs, in seconds; also remembers that run's process CPU time. */
    private static double best(int runs, Runnable r) {
        r.run(); // warm-up
        r.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            r.run();
            double wall = (System.nanoTime() - t0) / 1e9;
            if (wall < best) {
                best = wall;
                lastCpuSeconds = (processCpuNanos() - c0) / 1e9;
            }
        }
        return best;
    }

    /** Process CPU seconds of the best run: with other load on the machine, wall time overstates. */
    private static double lastCpuSeconds;

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String cpu(double flops) {
        return String.format(" [cpu %.1f ms, %.1f GFLOP per cpu-second]", lastCpuSeconds * 1e3, flops / lastCpuSeconds / 1e9);
    }
}
