package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

/** Scratch: times n-row INT8 products (decoder step shapes) through the vector backend. args: threads n cold|hot [shapes] */
public final class ProbeI8 {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        boolean cold = args[2].equals("cold");
        String[] shapes = args.length > 3 ? args[3].split(",") : new String[] {"768x768", "768x3072", "3072x768", "768x51865"};
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        try (CpuBackend b = new VectorBackend(threads, WeightFormat.INT8)) {
            Random r = new Random(1);
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder("n=" + n + " t=" + threads + " " + args[2] + " r" + round + ":");
                for (String s : shapes) {
                    String[] p = s.split("x");
                    int in = Integer.parseInt(p[0]);
                    int out = Integer.parseInt(p[1]);
                    MemorySegment f32 = Arena.ofAuto().allocate(4L * in * out, 64);
                    for (long i = 0; i < (long) in * out; i++) {
                        f32.set(WeightMatrix.F32_LE, 4 * i, (r.nextFloat() - 0.5f) * 0.1f);
                    }
                    Int8Weights first = (Int8Weights) b.matrix(new Tensor("w", DType.F32, new long[] {out, in}, f32));
                    long bytes = first.bytes();
                    int copies = cold ? (int) Math.max(2, 400_000_000L / bytes) : 1;
                    Backend.Matrix[] ms = new Backend.Matrix[copies];
                    ms[0] = first;
                    for (int c = 1; c < copies; c++) {
                        MemorySegment q = Arena.ofAuto().allocate(first.data.byteSize(), 64).copyFrom(first.data);
                        MemorySegment sc = Arena.ofAuto().allocate(first.scales.byteSize(), 64).copyFrom(first.scales);
                        ms[c] = new Int8Weights.Simd("w" + c, new Int8Weights.Quantized(q, sc, first.rowStride), out, in);
                    }
                    float[] x = new float[n * in];
                    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - 0.5f;
                    float[] y = new float[n * out];
                    int reps = (int) Math.max(2 * copies, 2e9 / (2.0 * n * in * out));
                    for (int i = 0; i < reps; i++) b.linear(x, n, ms[i % copies], null, y);
                    double per = Double.MAX_VALUE;
                    int batch = Math.max(copies, 10);
                    for (int t = 0; t < Math.max(5, Math.min(40, reps / batch)); t++) {
                        long t0 = System.nanoTime();
                        for (int i = 0; i < batch; i++) b.linear(x, n, ms[i % copies], null, y);
                        per = Math.min(per, (System.nanoTime() - t0) / (double) batch);
                    }
                    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
                    long al0 = mx.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < 10; i++) b.linear(x, n, ms[i % copies], null, y);
                    long al = (mx.getCurrentThreadAllocatedBytes() - al0) / 10;
                    line.append(String.format(" %s %.1fus %.0fGF %.1fGB/s %dB", s, per / 1e3, 2.0 * n * in * out / per,
                            bytes / per, al));
                }
                System.out.println(line);
            }
        }
    }
}
