package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

/** Scratch: times n-row F16 products (decoder step shapes) through the vector backend. */
public final class Probe16 {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        boolean cold = args[2].equals("cold");
        String[] shapes = args.length > 3 ? args[3].split(",") : new String[] {"768x768", "768x3072", "3072x768", "768x2304", "768x51865"};
        try (CpuBackend b = new VectorBackend(threads)) {
            Random r = new Random(1);
            for (int round = 0; round < 3; round++) {
                StringBuilder line = new StringBuilder("n=" + n + " t=" + threads + " " + args[2] + " r" + round + ":");
                for (String s : shapes) {
                    String[] p = s.split("x");
                    int in = Integer.parseInt(p[0]);
                    int out = Integer.parseInt(p[1]);
                    int copies = cold ? (int) Math.max(2, 640_000_000L / (2L * in * out)) : 1;
                    Backend.Matrix[] ms = new Backend.Matrix[copies];
                    MemorySegment first = Arena.ofAuto().allocate(2L * in * out, 64);
                    for (long i = 0; i < (long) in * out; i++) {
                        first.set(WeightMatrix.I16_LE, 2 * i, Float.floatToFloat16((r.nextFloat() - 0.5f) * 0.1f));
                    }
                    for (int c = 0; c < copies; c++) {
                        MemorySegment seg = c == 0 ? first : Arena.ofAuto().allocate(2L * in * out, 64).copyFrom(first);
                        ms[c] = b.matrix(new Tensor("w" + c, DType.F16, new long[] {out, in}, seg));
                    }
                    float[] x = new float[n * in];
                    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - 0.5f;
                    float[] y = new float[n * out];
                    int reps = (int) Math.max(2 * copies, 4e9 / (2.0 * n * in * out));
                    for (int i = 0; i < reps; i++) b.linear(x, n, ms[i % copies], null, y);
                    double per = Double.MAX_VALUE;
                    int batch = Math.max(copies, 10);
                    for (int t = 0; t < Math.max(5, reps / batch); t++) {
                        long t0 = System.nanoTime();
                        for (int i = 0; i < batch; i++) b.linear(x, n, ms[i % copies], null, y);
                        per = Math.min(per, (System.nanoTime() - t0) / (double) batch);
                    }
                    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
                    long al0 = mx.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < 10; i++) b.linear(x, n, ms[i % copies], null, y);
                    long al = (mx.getCurrentThreadAllocatedBytes() - al0) / 10;
                    line.append(String.format(" %s %.1fus %.0fGF %dB", s, per / 1e3, 2.0 * n * in * out / per, al));
                }
                System.out.println(line);
            }
        }
    }
}
