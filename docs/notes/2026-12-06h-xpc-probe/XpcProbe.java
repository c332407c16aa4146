import io.github.asr4j.kernels.*;
import java.util.*;

/**
 * xpc probe: the one-query cross attention A alone over a [1500,768] F16 K (tiles) / V (rows), cycled over `sets`
 * caches (96: from memory), on Backends.cpu(threads). The arm is the JVM's -Dasr4j.xpc.overlap (false: today's
 * parallelFor; true: toucher/computer). Prints microseconds per A (median of rounds, min, max) and an output hash.
 * usage: XpcProbe SETS ROUNDS [THREADS]
 */
public class XpcProbe {
    public static void main(String[] args) {
        int sets = Integer.parseInt(args[0]), rounds = Integer.parseInt(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int frames = 1500, width = 768, heads = 12;
        try (Backend b = Backends.cpu(threads)) {
            Random r = new Random(7);
            Buffer[] hosts = new Buffer[4];
            float[] host = new float[frames * width];
            for (int i = 0; i < hosts.length; i++) {
                for (int e = 0; e < host.length; e++) host[e] = (float) r.nextGaussian() * 0.5f;
                hosts[i] = b.upload(host, frames, width);
            }
            Buffer[] k = new Buffer[sets], v = new Buffer[sets];
            for (int c = 0; c < sets; c++) {
                k[c] = b.allocateKeys(frames, width, BufferType.F16); b.copyRows(hosts[c % 4], 0, k[c], 0, frames);
                v[c] = b.allocate(frames, width, BufferType.F16); b.copyRows(hosts[(c + 1) % 4], 0, v[c], 0, frames);
            }
            float[] xh = new float[width];
            for (int i = 0; i < width; i++) xh[i] = (float) r.nextGaussian();
            Buffer q = b.upload(xh, 1, width), out = b.allocate(1, width, BufferType.F32);
            double[] us = new double[rounds];
            long[] stats = null;
            int reps = Math.max(4, 400 / sets);
            long hash = 0;
            float[] o = new float[width];
            for (int rd = -3; rd < rounds; rd++) {
                if (rd == 0) Arrays.fill(io.github.asr4j.kernels.cpu.CpuBackend.XPC_STATS, 0);
                long t0 = System.nanoTime();
                for (int rep = 0; rep < reps; rep++) {
                    for (int c = 0; c < sets; c++) {
                        b.attention(q, k[c], v[c], frames, heads, heads, AttentionMask.full(), out);
                    }
                }
                long t1 = System.nanoTime();
                if (rd == rounds - 1) stats = io.github.asr4j.kernels.cpu.CpuBackend.XPC_STATS.clone();
                if (rd >= 0) us[rd] = (t1 - t0) / 1e3 / (reps * sets);
                for (int c = 0; c < Math.min(4, sets); c++) {   // the first 4 distinct caches' outputs into the hash (bits check)
                    b.attention(q, k[c], v[c], frames, heads, heads, AttentionMask.full(), out);
                    b.download(out, 0, 1, o);
                    for (float f : o) hash = hash * 31 + Float.floatToRawIntBits(f);
                }
            }
            long[] st = stats;
            if (st[6] > 0) System.out.printf(Locale.ROOT, "stats per call: touch %.1f us, toucher computes %.2f chunks in %.1f us; computer %.2f chunks in %.1f us of which waiting %.1f%n",
                    st[0] / 1e3 / st[6], (double) st[1] / st[6], st[2] / 1e3 / st[6], (double) st[3] / st[6], st[5] / 1e3 / st[6], st[4] / 1e3 / st[6]);
            Arrays.sort(us);
            System.out.printf(Locale.ROOT, "arm=%s threads=%d sets=%d  us/iter median %.1f (min %.1f max %.1f)  hash %x%n",
                    Boolean.getBoolean("asr4j.xpc.overlap") ? "overlap" : "base", threads, sets, us[rounds / 2], us[0],
                    us[rounds - 1], hash);
        }
    }
}
