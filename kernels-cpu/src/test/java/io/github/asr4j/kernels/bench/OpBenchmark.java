package io.github.asr4j.kernels.bench;

import io.github.asr4j.kernels.cpu.CpuBackend;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.DType;
import java.util.Random;

/**
 * One kernel at a time, timed over many runs by wall clock and by process CPU time (on a shared
 * machine the CPU time is the steadier figure). Arguments: op (linear, gemv, attention, decode-attention,
 * gelu, conv), dtype (F32, F16, BF16, INT8), threads, seconds.
 */
public final class OpBenchmark {
    private OpBenchmark() {}

    public static void main(String[] args) {
        String op = args[0];
        DType dt = args.length > 1 && !args[1].equals("INT8") ? DType.valueOf(args[1]) : DType.F32;
        boolean int8 = args.length > 1 && args[1].equals("INT8");
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 3;
        Random rnd = new Random(1);
        try (CpuBackend b = (CpuBackend) (int8 ? Backends.cpu(threads, io.github.asr4j.kernels.WeightFormat.INT8) : Backends.vector(threads))) {
            Runnable r;
            double work;      // flops or bytes
            String unit;
            switch (op) {
                case "linear" -> {
                    int n = 1500, in = 768, out = 3072;
                    Backend.Matrix w = b.matrix(BenchInputs.tensor(dt, out, in, rnd));
                    float[] x = BenchInputs.random(n * in, rnd);
                    float[] bias = BenchInputs.random(out, rnd);
                    float[] y = new float[n * out];
                    r = () -> b.linear(x, n, w, bias, y);
                    work = 2.0 * n * in * out;
                    unit = "GFLOP";
                }
                case "gemv" -> {
                    int in = 768, out = 51865;
                    Backend.Matrix w = b.matrix(BenchInputs.tensor(dt, out, in, rnd));
                    float[] x = BenchInputs.random(in, rnd);
                    float[] y = new float[out];
                    r = () -> b.linear(x, 1, w, null, y);
                    work = (double) in * out * (int8 ? 1 + 4.0 / 32 : dt.byteSize());
                    unit = "GB";
                }
                case "attention" -> {
                    int heads = 12, hd = 64, len = 1500;
                    float[] q = BenchInputs.random(len * heads * hd, rnd);
                    float[] k = BenchInputs.random(len * heads * hd, rnd);
                    float[] v = BenchInputs.random(len * heads * hd, rnd);
                    float[] o = new float[q.length];
                    r = () -> b.attention(q, len, k, v, len, heads, hd, false, 0, o);
                    work = 4.0 * len * len * hd * heads;
                    unit = "GFLOP";
                }
                case "decode-attention" -> {
                    int heads = 12, hd = 64, len = 1500;
                    float[] q = BenchInputs.random(heads * hd, rnd);
                    float[] k = BenchInputs.random(len * heads * hd, rnd);
                    float[] v = BenchInputs.random(len * heads * hd, rnd);
                    float[] o = new float[q.length];
                    r = () -> b.attention(q, 1, k, v, len, heads, hd, false, 0, o);
                    work = 2.0 * len * heads * hd * 4;
                    unit = "GB";
                }
                case "gelu" -> {
                    float[] g = BenchInputs.random(1500 * 3072, rnd);
                    r = () -> b.gelu(g, g.length);
                    work = 1500 * 3072;
                    unit = "Gelem";
                }
                case "conv" -> {
                    Backend.ConvKernel ck = b.convKernel(BenchInputs.tensor(DType.F16, 768, 768 * 3, rnd, 768, 768, 3));
                    float[] x = BenchInputs.random(3000 * 768, rnd);
                    float[] y = new float[1500 * 768];
                    r = () -> b.conv1d(x, 3000, ck, null, 2, y);
                    work = 2.0 * 1500 * 768 * 768 * 3;
                    unit = "GFLOP";
                }
                default -> throw new IllegalArgumentException(op);
            }
            for (int i = 0; i < 5; i++) {
                r.run();
            }
            long w0 = System.nanoTime();
            long c0 = cpu();
            int runs = 0;
            double bestWall = Double.MAX_VALUE;
            while (System.nanoTime() - w0 < seconds * 1e9) {
                long t = System.nanoTime();
                r.run();
                bestWall = Math.min(bestWall, (System.nanoTime() - t) / 1e9);
                runs++;
            }
            double wall = (System.nanoTime() - w0) / 1e9 / runs;
            double cpu = (cpu() - c0) / 1e9 / runs;
            System.out.printf("%s %s %d threads: best %.2f ms, mean %.2f ms wall, %.2f ms cpu; %.1f %s/s best wall, %.1f %s per cpu-second%n",
                    op, int8 ? "INT8" : dt, threads, bestWall * 1e3, wall * 1e3, cpu * 1e3, work / bestWall / 1e9, unit, work / cpu / 1e9, unit);
        }
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
