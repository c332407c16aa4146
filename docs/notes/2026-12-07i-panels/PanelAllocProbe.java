package io.github.asr4j.kernels.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

/**
 * Heap allocated and time a call of {@link F16Panels#products} (fc1's shape, 3072 x 768, one thread) for 16, 5 and 1
 * input rows, after a warm-up: whether a kernel boxes its vectors once C2 has compiled it. Args: [cols].
 */
public final class PanelAllocProbe {
    public static void main(String[] args) {
        int rows = 3072;
        int cols = args.length > 0 ? Integer.parseInt(args[0]) : 768;
        Random rnd = new Random(1);
        MemorySegment codes = Arena.ofAuto().allocate(2L * rows * cols);
        for (long i = 0; i < (long) rows * cols; i++) {
            codes.set(WeightMatrix.I16_LE, 2 * i, (short) F16Normals.code(Float.floatToFloat16((float) rnd.nextGaussian() * 0.05f)));
        }
        F16Panels p = F16Panels.of(codes, rows, cols);
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        for (int n : new int[] {16, 5, 1, 16, 5, 1}) {
            int width = F16Panels.width(n);
            float[] x = TestData.random(rnd, n * cols, 1f);
            float[] xt = new float[width * cols];
            F16Panels.transpose(x, 0, cols, n, cols, width, xt);
            float[] y = new float[n * rows];
            float[] t = new float[F16Panels.scratchFloats(F16Panels.SIXTEEN)];
            for (int i = 0; i < 400; i++) {
                p.products(xt, width, n, 0, p.panels, null, y, t);
            }
            long a0 = mx.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            int calls = 200;
            for (int i = 0; i < calls; i++) {
                p.products(xt, width, n, 0, p.panels, null, y, t);
            }
            long ns = System.nanoTime() - t0;
            long bytes = mx.getThreadAllocatedBytes(tid) - a0;
            System.out.printf("%2d rows: %.3f ms a call, %d B a call%n", n, ns / 1e6 / calls, bytes / calls);
        }
    }
}
