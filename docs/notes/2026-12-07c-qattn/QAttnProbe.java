import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import java.util.Arrays;
import java.util.Random;

/**
 * Qwen3-ASR's one-query decode attention alone (16 query heads, 8 KV heads, head dim 128, F32 caches),
 * through the public Backend API: 28 layers' caches (as a step reads them), one attention per layer.
 * usage: QAttnProbe <nkv> <threads> <rows|keys> <steps> [rounds] [evictMB]
 *   evictMB: between two layers' attentions, a swiglu reading this many MB (and writing half as many) on the
 *   backend's threads (as a step's weights stream through the caches between them), outside the timed calls;
 *   0: none (the caches may stay in L3, and the pool's workers may park between calls).
 *   rows: keys from allocate (row-major); keys: from allocateKeys (the backend's key layout).
 * Prints per round the ms per step (28 calls), GB/s over the K+V bytes read, GFLOP/s (4·nkv·heads·hd per call),
 * and a hash of the last outputs (the same inputs every run: seed 7).
 */
public final class QAttnProbe {
    static long sink;
    public static void main(String[] args) {
        int nkv = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        boolean keys = args[2].equals("keys");
        int steps = Integer.parseInt(args[3]);
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 7;
        int evict = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        int layers = 28, heads = 16, kvHeads = 8, hd = 128, width = heads * hd, kvWidth = kvHeads * hd;
        int capacity = Math.max(256, Integer.highestOneBit(nkv) * 2);
        Random r = new Random(7);
        try (Backend b = Backends.vector(threads)) {
            Buffer[] k = new Buffer[layers], v = new Buffer[layers];
            // the eviction: a swiglu over two evictMB/2 inputs, on the backend's threads (so its workers stay awake, as
            // between a real step's ops)
            int evictRows = Math.max(1, evict * 64);
            Buffer gate = b.allocate(evictRows, 2048, BufferType.F32), up = b.allocate(evictRows, 2048, BufferType.F32);
            Buffer act = b.allocate(evictRows, 2048, BufferType.F32);
            Buffer row = b.allocate(1, kvWidth, BufferType.F32);
            float[] x = new float[kvWidth];
            for (int l = 0; l < layers; l++) {
                k[l] = keys ? b.allocateKeys(capacity, kvWidth, BufferType.F32) : b.allocate(capacity, kvWidth, BufferType.F32);
                v[l] = b.allocate(capacity, kvWidth, BufferType.F32);
                for (int j = 0; j < nkv; j++) {       // appended row by row, as a decoder does
                    for (int i = 0; i < kvWidth; i++) x[i] = (float) r.nextGaussian();
                    Buffer u = b.upload(x, 1, kvWidth);
                    b.copyRows(u, 0, k[l], j, 1);
                    for (int i = 0; i < kvWidth; i++) x[i] = (float) r.nextGaussian();
                    b.copyRows(b.upload(x, 1, kvWidth), 0, v[l], j, 1);
                }
            }
            float[] qs = new float[width];
            for (int i = 0; i < width; i++) qs[i] = (float) (r.nextGaussian() * 0.3);
            Buffer q = b.upload(qs, 1, width);
            Buffer out = b.allocate(1, width, BufferType.F32);
            AttentionMask mask = AttentionMask.causal(nkv - 1);
            float[] o = new float[width];
            long hash = 0;
            double bytes = 2.0 * nkv * kvWidth * 4 * layers, flop = 4.0 * nkv * heads * hd * layers;
            double[] ms = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                long spent = 0;
                for (int s = 0; s < steps; s++) {
                    for (int l = 0; l < layers; l++) {
                        if (evict > 0) {
                            b.swiglu(gate, up, act);
                        }
                        long t0 = System.nanoTime();
                        b.attention(q, k[l], v[l], nkv, heads, kvHeads, mask, out);
                        spent += System.nanoTime() - t0;
                    }
                }
                ms[round] = spent / 1e6 / steps;
                b.download(out, 0, 1, o);
                hash = Arrays.hashCode(o);
                System.out.printf("round %d: %.3f ms/step  %.1f GB/s  %.1f GFLOP/s%n", round, ms[round], bytes / ms[round] / 1e6,
                        flop / ms[round] / 1e6);
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double med = sorted[rounds / 2];
            System.out.printf("RESULT nkv=%d threads=%d %s evict=%dMB: median %.3f ms/step (28 calls) %.1f GB/s %.1f GFLOP/s hash=%08x%n",
                    nkv, threads, args[2], evict, med, bytes / med / 1e6, flop / med / 1e6, hash);
        }
    }
}
