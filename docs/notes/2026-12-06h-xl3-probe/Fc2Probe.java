import io.github.asr4j.kernels.*;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.*;

/**
 * xl3 side probe: a five-row product over a [768, 3072] F16 matrix (the card's fc2 with 5 beams: the 5-row parts
 * kernels, which pre-read each run with RowParts.touch), 48 matrices cycled (from memory). Stored F16 or INT8
 * (quantized at bind). Prints µs per product (median of rounds) and a hash of the last output.
 */
public class Fc2Probe {
    public static void main(String[] args) {
        WeightFormat format = WeightFormat.valueOf(args[0]);
        int sets = Integer.parseInt(args[1]), rounds = Integer.parseInt(args[2]);
        int out = 768, in = 3072, n = 5;
        try (Backend b = Backends.cpu(2, format)) {
            Random r = new Random(11);
            short[] wh = new short[out * in];
            for (int i = 0; i < wh.length; i++) wh[i] = Float.floatToFloat16((float) r.nextGaussian() * 0.02f);
            Backend.Matrix[] w = new Backend.Matrix[sets];
            for (int c = 0; c < sets; c++) {
                MemorySegment seg = Arena.ofAuto().allocate(2L * wh.length, 64);
                MemorySegment.copy(wh, 0, seg, ValueLayout.JAVA_SHORT_UNALIGNED, 0, wh.length);
                w[c] = b.matrix(new Tensor("fc2." + c, DType.F16, new long[] {out, in}, seg));
            }
            float[] xh = new float[n * in];
            for (int i = 0; i < xh.length; i++) xh[i] = (float) r.nextGaussian();
            Buffer x = b.upload(xh, n, in), y = b.allocate(n, out, BufferType.F32);
            double[] us = new double[rounds];
            int reps = Math.max(4, 400 / sets);
            for (int rd = -3; rd < rounds; rd++) {
                long t0 = System.nanoTime();
                for (int rep = 0; rep < reps; rep++) {
                    for (int c = 0; c < sets; c++) b.linear(x, w[c], null, y);
                }
                long t1 = System.nanoTime();
                if (rd >= 0) us[rd] = (t1 - t0) / 1e3 / (reps * sets);
            }
            float[] o = new float[n * out];
            b.download(y, 0, n, o);
            long hash = 0;
            for (float f : o) hash = hash * 31 + Float.floatToRawIntBits(f);
            Arrays.sort(us);
            System.out.printf(Locale.ROOT, "%s sets=%d  us/product median %.1f (min %.1f max %.1f)  hash %x%n", format, sets,
                    us[rounds / 2], us[0], us[rounds - 1], hash);
        }
    }
}
