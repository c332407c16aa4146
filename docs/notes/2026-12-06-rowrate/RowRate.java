import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * rowrate's Java side: the same matrices as rowrate.c (the same bits), in the same order, through asr4j's
 * Backend.linear with one input row (VectorBackend.gemv: 8 tasks, 2 threads; F16 dot2F16 over the F16Normals copy,
 * BF16 dot4BF16). Args: f16|bf16 WARMUP STEPS THREADS [COPIES of the F16 layers].
 */
public class RowRate {
    public static void main(String[] a) {
        boolean bf = a[0].equals("bf16");
        int warm = Integer.parseInt(a[1]);
        int steps = Integer.parseInt(a[2]);
        int threads = Integer.parseInt(a[3]);
        Backend be = Backends.cpu(threads);
        System.err.println("backend " + be.getClass().getName());
        List<int[]> shapes = new ArrayList<>();
        if (!bf) {
            int copies = a.length > 4 ? Integer.parseInt(a[4]) : 1; // rowrate.c's ROWRATE_COPIES
            for (int l = 0; l < 6 * copies; l++) {
                for (int[] s : new int[][] {{2304, 768}, {768, 768}, {768, 768}, {768, 768}, {3072, 768}, {768, 3072}}) {
                    shapes.add(s);
                }
            }
            shapes.add(new int[] {51865, 768});
        } else {
            for (int l = 0; l < 28; l++) {
                for (int[] s : new int[][] {{4096, 1024}, {1024, 2048}, {6144, 1024}, {1024, 3072}}) {
                    shapes.add(s);
                }
            }
            shapes.add(new int[] {151936, 1024});
        }
        int n = shapes.size();
        Backend.Matrix[] w = new Backend.Matrix[n];
        Buffer[] x = new Buffer[n];
        Buffer[] y = new Buffer[n];
        double bytes = 0;
        for (int i = 0; i < n; i++) {
            int rows = shapes.get(i)[0];
            int cols = shapes.get(i)[1];
            long cnt = (long) rows * cols;
            MemorySegment seg = Arena.ofAuto().allocate(cnt * 2, 64);
            int s = 12345 + i + 1; // rowrate.c's generator: the same bits
            for (long j = 0; j < cnt; j++) {
                s = s * 1664525 + 1013904223;
                int v = (s >>> 16) & 0xFFFF;
                int h = (v & 0x83FF) | ((7 + ((v >> 10) & 7)) << 10);
                seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2 * j, (short) h);
            }
            w[i] = be.matrix(new Tensor("w" + i, bf ? DType.BF16 : DType.F16, new long[] {rows, cols}, seg));
            float[] xv = new float[cols];
            for (int k = 0; k < cols; k++) {
                xv[k] = ((k * 7919 % 1000) - 500) * 1e-3f;
            }
            x[i] = be.upload(xv, 1, cols);
            y[i] = be.allocate(1, rows, BufferType.F32);
            bytes += 2.0 * cnt;
        }
        double lastBytes = 2.0 * shapes.get(n - 1)[0] * shapes.get(n - 1)[1];
        for (int st = 0; st < warm; st++) {
            for (int i = 0; i < n; i++) {
                be.linear(x[i], w[i], null, y[i]);
            }
        }
        double[] t = new double[steps];
        double[] tl = new double[steps];
        for (int st = 0; st < steps; st++) {
            long t0 = System.nanoTime();
            long tm = 0;
            for (int i = 0; i < n; i++) {
                if (i == n - 1) {
                    tm = System.nanoTime();
                }
                be.linear(x[i], w[i], null, y[i]);
            }
            long t1 = System.nanoTime();
            t[st] = (t1 - t0) * 1e-9;
            tl[st] = (t1 - tm) * 1e-9;
        }
        Arrays.sort(t);
        Arrays.sort(tl);
        double med = t[steps / 2];
        double best = t[0];
        double medl = tl[steps / 2];
        System.out.printf("%s java      S=%s        step %.1f MB: median %.2f ms (%.1f GB/s), best %.2f ms (%.1f GB/s) | layers %.1f GB/s | last matrix %.1f MB %.2f ms %.1f GB/s%n",
                bf ? "bf16" : "f16 ", bf ? "4" : "2", bytes / 1e6, med * 1e3, bytes / med / 1e9, best * 1e3,
                bytes / best / 1e9, (bytes - lastBytes) / (med - medl) / 1e9, lastBytes / 1e6, medl * 1e3,
                lastBytes / medl / 1e9);
        be.close();
    }
}
