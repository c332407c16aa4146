import io.github.asr4j.kernels.*;
import java.util.*;

/**
 * beams8 probe: cross attention alone, card shape (1500 keys x 768, 12 heads, F16 keys in tiles and F16 values), nq
 * queries (1 = greedy, 5 = beams) a call, cycled over `sets` caches (24 sets = 110 MB: from memory, as in a step that
 * streams 208 MB of weights between layers), 2 threads. Prints microseconds a call (median of rounds, min, max) and
 * a hash of the outputs of the last call of every set.
 * Args: nq sets rounds [threads]
 */
public class XattProbe {
    public static void main(String[] args) {
        int nq = Integer.parseInt(args[0]);
        int sets = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int frames = 1500, width = 768, heads = 12;
        try (Backend b = Backends.cpu(threads)) {
            Random r = new Random(7);
            float[] host = new float[frames * width];
            Buffer[] k = new Buffer[sets], v = new Buffer[sets];
            for (int c = 0; c < sets; c++) {
                for (int e = 0; e < host.length; e++) host[e] = (float) r.nextGaussian() * 0.5f;
                Buffer hk = b.upload(host, frames, width);
                for (int e = 0; e < host.length; e++) host[e] = (float) r.nextGaussian() * 0.5f;
                Buffer hv = b.upload(host, frames, width);
                k[c] = b.allocateKeys(frames, width, BufferType.F16);
                b.copyRows(hk, 0, k[c], 0, frames);
                v[c] = b.allocate(frames, width, BufferType.F16);
                b.copyRows(hv, 0, v[c], 0, frames);
            }
            float[] qh = new float[nq * width];
            for (int i = 0; i < qh.length; i++) qh[i] = (float) r.nextGaussian();
            Buffer q = b.upload(qh, nq, width);
            Buffer[] out = new Buffer[sets];
            for (int c = 0; c < sets; c++) out[c] = b.allocate(nq, width, BufferType.F32);
            double[] us = new double[rounds];
            int reps = Math.max(4, 2400 / sets);
            var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long alloc0 = 0;
            for (int rd = -3; rd < rounds; rd++) {
                long t0 = System.nanoTime();
                for (int rep = 0; rep < reps; rep++) {
                    for (int c = 0; c < sets; c++) {
                        b.attentionEach(q, k[c], v[c], frames, heads, heads, out[c]);   // the beams' path (one window, several rows)
                    }
                }
                long t1 = System.nanoTime();
                if (rd >= 0) us[rd] = (t1 - t0) / 1e3 / (reps * sets);
                if (rd == rounds - 2) alloc0 = mx.getCurrentThreadAllocatedBytes();
            }
            long hash = 0;
            float[] o = new float[nq * width];
            for (int c = 0; c < sets; c++) {
                b.download(out[c], 0, nq, o);
                for (float f : o) hash = hash * 31 + Float.floatToRawIntBits(f);
            }
            double kb = (mx.getCurrentThreadAllocatedBytes() - alloc0) / 1024.0 / (reps * sets);
            Arrays.sort(us);
            System.out.printf(Locale.ROOT, "nq=%d sets=%d threads=%d  us/call median %.1f (min %.1f max %.1f)  hash %x  heap/call %.1f KB (last round, calling thread)%n", nq, sets,
                    threads, us[rounds / 2], us[0], us[rounds - 1], hash, kb);
        }
    }
}
