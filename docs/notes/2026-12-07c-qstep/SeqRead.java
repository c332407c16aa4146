import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.*;
import java.util.*;
import jdk.incubator.vector.*;
public class SeqRead {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    static float sum(MemorySegment m, long from, long to) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        for (long i = from; i < to; i += 256) {
            s0 = s0.add(FloatVector.fromMemorySegment(F, m, i, ByteOrder.LITTLE_ENDIAN));
            s1 = s1.add(FloatVector.fromMemorySegment(F, m, i + 64, ByteOrder.LITTLE_ENDIAN));
            s2 = s2.add(FloatVector.fromMemorySegment(F, m, i + 128, ByteOrder.LITTLE_ENDIAN));
            s3 = s3.add(FloatVector.fromMemorySegment(F, m, i + 192, ByteOrder.LITTLE_ENDIAN));
        }
        return s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
    }
    public static void main(String[] a) throws Exception {
        FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.READ);
        long bytes = ch.size() / 512 * 512;
        MemorySegment m = ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes, Arena.ofShared());
        int threads = Integer.parseInt(a[1]);
        boolean chunked = a.length > 3 && a[3].equals("chunked"); String kern = a.length > 4 ? a[4] : null; long off = Long.parseLong(a[2]); // sum called per 1 MB chunk: compiled normally, not OSR
        double[] res = new double[threads];
        for (int pass = 0; pass < 12; pass++) {
            long chunk = bytes / threads;
            Thread[] ts = new Thread[threads];
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int id = t;
                ts[t] = Thread.ofPlatform().start(() -> {
                    if (kern != null) {
                        long lm = 372827936L; int rows = (int) ((bytes - lm) / 2048 / 64 * 64); int half = rows / threads;
                        float[] x = new float[1024]; java.util.Arrays.fill(x, 0.01f); float[] y = new float[rows];
                        int tpt = Integer.parseInt(a[5]); int per = half / tpt;
                        for (int q = 0; q < tpt; q++) QStepProbe.rows(kern, x, m, lm, id * half + q * per, per, y);
                    } else if (chunked) {
                        float s = 0;
                        for (long o = id * chunk; o < (id + 1) * chunk; o += 1 << 20) s += sum(m, o, Math.min((id + 1) * chunk, o + (1 << 20)));
                        res[id] += s;
                    } else res[id] += sum(m, off + id * chunk, off + (id + 1) * chunk - 256);
                });
            }
            for (Thread t : ts) t.join();
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "pass %d %.1f GB/s%n", pass, (kern != null ? (bytes - 372827936L) : bytes) / (double) (t1 - t0));
        }
        System.out.println(res[0]);
    }
}
