package io.github.asr4j.kernels.bench;

import io.github.asr4j.kernels.cpu.CpuBackend;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.loader.DType;
import java.util.Random;

/**
 * The card encoder pass (d_model 768, 12 heads, 12 layers, FFN 3072, 1500 frames) as the sum of
 * its kernels, each timed alone (median of several runs, wall and process CPU time). Arguments:
 * threads, weight dtype (F32, F16, BF16 or INT8), and the FMA peak of one thread in GFLOP per
 * CPU-second for the percent-of-peak column ({@code ./asr4j bench ceilings} measures it; one
 * measurer for the project).
 */
public final class EncoderEstimate {
    private EncoderEstimate() {}

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        String dtArg = args.length > 1 ? args[1] : "F32";
        peak = args.length > 2 ? Double.parseDouble(args[2]) : Double.NaN;
        boolean int8 = dtArg.equals("INT8");
        DType dt = int8 ? DType.F32 : DType.valueOf(dtArg);
        int n = 1500, d = 768, ffn = 3072, heads = 12, layers = 12;
        Random rnd = new Random(1);
        try (CpuBackend b = (CpuBackend) (int8 ? Backends.vector(threads, WeightFormat.INT8) : Backends.vector(threads))) {
            Backend.Matrix wdd = b.matrix(BenchInputs.tensor(dt, d, d, rnd));
            Backend.Matrix wup = b.matrix(BenchInputs.tensor(dt, ffn, d, rnd));
            Backend.Matrix wdown = b.matrix(BenchInputs.tensor(dt, d, ffn, rnd));
            Backend.ConvKernel conv1 = b.convKernel(BenchInputs.tensor(dt, d, 80 * 3, rnd, d, 80, 3));
            Backend.ConvKernel conv2 = b.convKernel(BenchInputs.tensor(dt, d, d * 3, rnd, d, d, 3));
            float[] x = BenchInputs.random(n * d, rnd);
            float[] h = BenchInputs.random(n * ffn, rnd);
            float[] y = new float[n * ffn];
            float[] bias = BenchInputs.random(ffn, rnd);
            float[] q = BenchInputs.random(n * d, rnd);
            float[] k = BenchInputs.random(n * d, rnd);
            float[] v = BenchInputs.random(n * d, rnd);
            float[] mel = BenchInputs.random(3000 * 80, rnd);
            float[] c1 = new float[3000 * d];
            float[] gamma = BenchInputs.random(d, rnd);
            double[] proj = time(() -> b.linear(x, n, wdd, bias, y));
            double[] up = time(() -> b.linear(x, n, wup, bias, y));
            double[] down = time(() -> b.linear(h, n, wdown, bias, y));
            double[] att = time(() -> b.attention(q, n, k, v, n, heads, d / heads, false, 0, y));
            float[] g = h.clone();
            double[] gelu = time(() -> b.gelu(g, n * ffn));
            double[] ln = time(() -> b.layerNorm(x, n, d, gamma, gamma, 1e-5f, y));
            double[] add = time(() -> b.add(q, k, n * d));
            double[] cv1 = time(() -> b.conv1d(mel, 3000, conv1, null, 1, c1));
            double[] cv2 = time(() -> b.conv1d(c1, 3000, conv2, null, 2, y));
            System.out.printf("%s (%s weights), per op: median wall ms / cpu ms; FMA peak %.0f GFLOP per cpu-second%n",
                    b.name(), dtArg, peak);
            print("linear 768->768 (x4 per layer)", proj, 2.0 * n * d * d);
            print("linear 768->3072", up, 2.0 * n * d * ffn);
            print("linear 3072->768", down, 2.0 * n * d * ffn);
            print("attention 12x1500x1500x64", att, 4.0 * n * n * d);
            print("gelu 1500x3072", gelu, 0);
            print("layerNorm 1500x768 (x2)", ln, 0);
            print("add 1500x768 (x2)", add, 0);
            print("conv1 80->768", cv1, 2.0 * 3000 * 80 * 3 * d);
            print("conv2 768->768 s2", cv2, 2.0 * n * d * 3 * d);
            double[] total = new double[2];
            for (int i = 0; i < 2; i++) {
                total[i] = layers * (4 * proj[i] + up[i] + down[i] + att[i] + gelu[i] + 2 * ln[i] + 2 * add[i]) + cv1[i] + cv2[i];
            }
            double flops = layers * (4 * 2.0 * n * d * d + 4.0 * n * d * ffn + 4.0 * n * n * d) + 2.0 * 3000 * 80 * 3 * d
                    + 2.0 * n * d * 3 * d;
            System.out.printf("card encoder estimate: %.2f s wall, %.2f cpu-s (%.0f GFLOP: %.0f GFLOP/s wall, %.0f per cpu-second)%n",
                    total[0], total[1], flops / 1e9, flops / total[0] / 1e9, flops / total[1] / 1e9);
        }
    }

    private static double peak;

    private static void print(String what, double[] t, double flops) {
        System.out.printf("  %-34s %8.2f / %8.2f ms%s%n", what, t[0] * 1e3, t[1] * 1e3,
                flops > 0 ? String.format("   %.0f GFLOP/s wall, %.0f per cpu-second (%.0f %% of peak)", flops / t[0] / 1e9,
                        flops / t[1] / 1e9, 100 * flops / t[1] / 1e9 / peak) : "");
    }

    /**
     * CPU time of every live thread (the caller and the pool's workers), in nanoseconds: the
     * process figure ticks in 10 ms steps on Linux, too coarse for one op.
     */
    private static long threadsCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            sum += Math.max(0, mx.getThreadCpuTime(id));
        }
        return sum;
    }

    /** Median wall and CPU seconds over 7 runs after 3 warm-ups. */
    private static double[] time(Runnable r) {
        for (int i = 0; i < 3; i++) {
            r.run();
        }
        int runs = 7;
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = threadsCpuNanos();
            long t0 = System.nanoTime();
            r.run();
            wall[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (threadsCpuNanos() - c0) / 1e9;
        }
        java.util.Arrays.sort(wall);
        java.util.Arrays.sort(cpu);
        return new double[] {wall[runs / 2], cpu[runs / 2]};
    }
}
