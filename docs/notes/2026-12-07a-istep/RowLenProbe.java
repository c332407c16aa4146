import io.github.asr4j.kernels.*;
import io.github.asr4j.kernels.cpu.WorkerPool;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.*;

/**
 * istep probe: the one-row F16 product's read rate by row length and working set, against a 2-thread line read
 * of the same segments. Matrices of 2,359,296 halves (4.7 MB: 3072 x 768 as fc1, or 768 x 3072 as fc2), cycled
 * in sets whose total is the working set (MB), each case alone. Prints GB/s (median of 9 passes) per case.
 * Args: working-set MB list, e.g. 200 800.
 */
public class RowLenProbe {
    static volatile long sink;

    public static void main(String[] args) {
        try (Backend b = Backends.cpu(2, WeightFormat.STORED); WorkerPool pool = new WorkerPool(2)) {
            Random r = new Random(7);
            int halves = 3072 * 768;
            short[] wh = new short[halves];
            for (int i = 0; i < halves; i++) wh[i] = Float.floatToFloat16((float) r.nextGaussian() * 0.02f);
            for (String a : args) {
                int mb = Integer.parseInt(a);
                int sets = (int) Math.max(1, mb * 1_000_000L / (2L * halves));
                MemorySegment[] segs = new MemorySegment[sets];
                Backend.Matrix[] wide = new Backend.Matrix[sets], narrow = new Backend.Matrix[sets];
                for (int c = 0; c < sets; c++) {
                    segs[c] = Arena.ofAuto().allocate(2L * halves, 64);
                    MemorySegment.copy(wh, 0, segs[c], ValueLayout.JAVA_SHORT_UNALIGNED, 0, halves);
                    // both views of the same bytes: 3072 rows of 768 (fc1's shape) and 768 rows of 3072 (fc2's)
                    narrow[c] = b.matrix(new Tensor("n." + c, DType.F16, new long[] {3072, 768}, segs[c]));
                    wide[c] = b.matrix(new Tensor("w." + c, DType.F16, new long[] {768, 3072}, segs[c]));
                }
                float[] x1 = new float[3072], x2 = new float[768];
                for (int i = 0; i < x1.length; i++) x1[i] = (float) r.nextGaussian();
                for (int i = 0; i < x2.length; i++) x2[i] = (float) r.nextGaussian();
                Buffer xw = b.upload(x1, 1, 3072), xn = b.upload(x2, 1, 768);
                Buffer yw = b.allocate(1, 768, BufferType.F32), yn = b.allocate(1, 3072, BufferType.F32);
                double bytes = 2.0 * halves * sets;
                // each case alone, 3 warm-up and 9 timed passes over its own sets: a working set that fits the L3
                // is read from it from the second pass on
                double[] narrowGbs = passes(() -> { for (int c = 0; c < sets; c++) b.linear(xn, narrow[c], null, yn); }, bytes);
                double[] wideGbs = passes(() -> { for (int c = 0; c < sets; c++) b.linear(xw, wide[c], null, yw); }, bytes);
                double[] readGbs = passes(() -> {
                    for (int c = 0; c < sets; c++) {
                        MemorySegment s = segs[c];
                        long part = s.byteSize() / 8;
                        pool.parallelFor(8, t -> sink ^= touch(s, t * part, part));
                    }
                }, bytes);
                double[][] gbs = {narrowGbs, wideGbs, readGbs};
                System.out.printf(Locale.ROOT, "set %4d MB: rows of 768 (fc1 shape) %.1f GB/s, rows of 3072 (fc2 shape) %.1f, line read %.1f%n",
                        (long) (bytes / 1e6), gbs[0][4], gbs[1][4], gbs[2][4]);
            }
        }
    }

    /** GB/s of each of 9 timed passes after 3 untimed ones, sorted. */
    static double[] passes(Runnable pass, double bytes) {
        double[] g = new double[9];
        for (int rd = -3; rd < g.length; rd++) {
            long t0 = System.nanoTime();
            pass.run();
            long t1 = System.nanoTime();
            if (rd >= 0) g[rd] = bytes / (t1 - t0);
        }
        Arrays.sort(g);
        return g;
    }

    /** One long per 64-byte line, four lines per iteration into four XORs. */
    static long touch(MemorySegment s, long from, long bytes) {
        long x0 = 0, x1 = 0, x2 = 0, x3 = 0;
        long end = from + bytes - 8;
        long p = from;
        for (; p + 192 <= end; p += 256) {
            x0 ^= s.get(ValueLayout.JAVA_LONG_UNALIGNED, p);
            x1 ^= s.get(ValueLayout.JAVA_LONG_UNALIGNED, p + 64);
            x2 ^= s.get(ValueLayout.JAVA_LONG_UNALIGNED, p + 128);
            x3 ^= s.get(ValueLayout.JAVA_LONG_UNALIGNED, p + 192);
        }
        for (; p <= end; p += 64) x0 ^= s.get(ValueLayout.JAVA_LONG_UNALIGNED, p);
        return x0 ^ x1 ^ x2 ^ x3;
    }
}
