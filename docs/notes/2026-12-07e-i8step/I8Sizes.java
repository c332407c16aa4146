import io.github.asr4j.kernels.*;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.*;

/**
 * i8step probe: the int8 one-row product (2 threads, Backend.linear) over sets of matrices of 768 columns: each case
 * "M x R" is M matrices of R rows cycled (so the set's bytes, not one matrix's, decide the cache level). GB/s of
 * int8 bytes + scales, median of 9 passes after 4. Args: cases as M:R (e.g. 1:51865 17:3072 1:8192 6:8192).
 */
public class I8Sizes {
    public static void main(String[] args) {
        try (Backend b = Backends.cpu(2, WeightFormat.INT8)) {
            Random r = new Random(3);
            float[] xv = new float[768];
            for (int c = 0; c < 768; c++) xv[c] = (float) r.nextGaussian();
            Buffer x = b.upload(xv, 1, 768);
            StringBuilder out = new StringBuilder("eightRows=" + System.getProperty("asr4j.int8.eightRows", "-") + ":");
            for (String a : args) {
                int m = Integer.parseInt(a.split(":")[0]), rows = Integer.parseInt(a.split(":")[1]);
                Backend.Matrix[] ms = new Backend.Matrix[m];
                for (int i = 0; i < m; i++) ms[i] = matrix(b, r, "w" + i, rows, 768);
                Buffer y = b.allocate(1, rows, BufferType.F32);
                double bytes = (double) m * rows * 768 * (1 + 4.0 / 32);
                int reps = (int) Math.max(1, 200e6 / bytes);
                double[] g = new double[9];
                for (int p = -4; p < g.length; p++) {
                    long t0 = System.nanoTime();
                    for (int k = 0; k < reps; k++) for (Backend.Matrix w : ms) b.linear(x, w, null, y);
                    if (p >= 0) g[p] = bytes * reps / (System.nanoTime() - t0);
                }
                Arrays.sort(g);
                out.append(String.format(Locale.ROOT, "  %s %.1f", a, g[4]));
            }
            System.out.println(out + " GB/s");
        }
    }

    static Backend.Matrix matrix(Backend b, Random r, String name, int rows, int cols) {
        MemorySegment seg = Arena.ofAuto().allocate(4L * rows * cols, 64);
        for (long i = 0; i < (long) rows * cols; i++) seg.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, (float) r.nextGaussian() * 0.02f);
        return b.matrix(new Tensor(name, DType.F32, new long[] {rows, cols}, seg));
    }
}
