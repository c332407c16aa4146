import io.github.asr4j.kernels.*;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.*;

/**
 * ifold probe (from istep's RowLenProbe): the one-row F16 product ({@code Backend.linear}, one input row) by shape
 * and working set. Weights gaussian * 0.02 as halves (seed 7), one input row gaussian. Each case: as many copies of
 * the matrix as make the working set (each its own Backend.Matrix, so its own F16Normals copy), cycled; passes of at
 * least ~100 MB read (small sets repeated), 4 untimed then 11 timed; prints the median and best GB/s, ns per
 * matrix row, and a hash of every output bit of the last pass (same bits across builds).
 * Args: threads, then cases ROWSxCOLSxSETMB (e.g. 3072x768x5 = one 4.7 MB matrix, 3072x768x400 = 85 copies).
 */
public class FoldProbe {
    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        try (Backend b = Backends.cpu(threads, WeightFormat.STORED)) {
            for (int ai = 1; ai < args.length; ai++) {
                String[] p = args[ai].split("x");
                int rows = Integer.parseInt(p[0]), cols = Integer.parseInt(p[1]), mb = Integer.parseInt(p[2]);
                long halves = (long) rows * cols;
                int sets = (int) Math.max(1, mb * 1_000_000L / (2L * halves));
                Random r = new Random(7);
                short[] wh = new short[(int) halves];
                for (int i = 0; i < wh.length; i++) wh[i] = Float.floatToFloat16((float) r.nextGaussian() * 0.02f);
                Arena arena = Arena.ofShared();
                Backend.Matrix[] m = new Backend.Matrix[sets];
                for (int c = 0; c < sets; c++) {
                    MemorySegment s = arena.allocate(2L * halves, 64);
                    MemorySegment.copy(wh, 0, s, ValueLayout.JAVA_SHORT_UNALIGNED, 0, wh.length);
                    m[c] = b.matrix(new Tensor("m." + c, DType.F16, new long[] {rows, cols}, s));
                }
                float[] xv = new float[cols];
                for (int i = 0; i < cols; i++) xv[i] = (float) r.nextGaussian();
                Buffer x = b.upload(xv, 1, cols);
                Buffer y = b.allocate(1, rows, BufferType.F32);
                double setBytes = 2.0 * halves * sets;
                int reps = (int) Math.max(1, Math.ceil(100e6 / setBytes));
                double bytes = setBytes * reps;
                double[] g = new double[11];
                for (int rd = -4; rd < g.length; rd++) {
                    long t0 = System.nanoTime();
                    for (int k = 0; k < reps; k++) for (int c = 0; c < sets; c++) b.linear(x, m[c], null, y);
                    long t1 = System.nanoTime();
                    if (rd >= 0) g[rd] = bytes / (t1 - t0);
                }
                float[] out = new float[rows];
                b.download(y, 0, 1, out);
                long h = 1;
                for (float f : out) h = h * 1_000_003L + Float.floatToRawIntBits(f);
                Arrays.sort(g);
                double med = g[g.length / 2];
                System.out.printf(Locale.ROOT, "t%d %5dx%-4d set %5.0f MB: median %6.2f GB/s (best %6.2f)  %6.2f ns/row  hash %016x%n",
                        threads, rows, cols, setBytes / 1e6, med, g[g.length - 1], 2.0 * cols / med, h);
                arena.close();
            }
        }
    }
}
