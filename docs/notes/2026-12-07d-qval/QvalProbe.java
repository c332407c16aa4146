import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;

/**
 * Qwen3-ASR's decode-step cache work alone (16 heads, 8 kv heads, head dim 128, F32 caches, 28 layers), through
 * the public Backend API (qattn's QAttnProbe extended).
 * usage: QvalProbe <attn|append> <nkv> <threads> <steps> [rounds] [evictMB]
 *   keys from allocateKeys; values from allocateValues(rows, cols, type, headDim) where the Backend has it, else allocate.
 *   attn: one query, causal over nkv keys, 28 calls a step; append: per layer copyRows of one K row and one V row at
 *   position nkv + step (as QwenTextDecoder.forward), 28 pairs a step.
 *   evictMB: a swiglu over evictMB of inputs on the backend's threads between two layers' timed calls.
 * Prints ms per step and, for attn, GB/s over the K+V bytes read and a hash of the last outputs (seed 7).
 */
public final class QvalProbe {
    /** A prompt's keys (n rows of 1024) copied into 28 layers' F32 key tiles, round by round: ms per round (first = cold). */
    static void prompt(int n, int threads, int rounds) {
        try (Backend b = Backends.vector(threads)) {
            float[] x = new float[n * 1024];
            Random r = new Random(7);
            for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
            Buffer rows = b.upload(x, n, 1024);
            StringBuilder out = new StringBuilder();
            long hash = 0;
            for (int round = 0; round < rounds; round++) {
                Buffer[] k = new Buffer[28];
                for (int l = 0; l < 28; l++) k[l] = b.allocateKeys(1024, 1024, BufferType.F32);
                long t0 = System.nanoTime();
                for (int l = 0; l < 28; l++) b.copyRows(rows, 0, k[l], 0, n);
                out.append(String.format(" %.2f", (System.nanoTime() - t0) / 1e6));
                float[] back = new float[n * 1024];
                b.download(k[27], 0, n, back);
                hash = Arrays.hashCode(back) * 31L + (Arrays.equals(back, x) ? 1 : 0);
            }
            System.out.printf("RESULT prompt %d rows x 28 layers, ms per round:%s (hash %x, rows back equal: %s)%n", n, out, hash, (hash & 1) == 1);
        }
    }

    public static void main(String[] args) throws Exception {
        boolean attn = args[0].equals("attn");
        if (args[0].equals("prompt")) {
            prompt(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int nkv = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 7;
        int evict = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        int layers = 28, heads = 16, kvHeads = 8, hd = 128, width = heads * hd, kvWidth = kvHeads * hd;
        int capacity = Math.max(256, Integer.highestOneBit(nkv + steps * rounds) * 2);
        Random r = new Random(7);
        Method values = null;
        try {
            values = Backend.class.getMethod("allocateValues", int.class, int.class, BufferType.class, int.class);
        } catch (NoSuchMethodException e) {
            // main: values in rows
        }
        try (Backend b = Backends.vector(threads)) {
            Buffer[] k = new Buffer[layers], v = new Buffer[layers];
            int evictRows = Math.max(1, evict * 64);
            Buffer gate = b.allocate(evictRows, 2048, BufferType.F32), up = b.allocate(evictRows, 2048, BufferType.F32);
            Buffer act = b.allocate(evictRows, 2048, BufferType.F32);
            float[] x = new float[kvWidth];
            Buffer[] kRow = new Buffer[layers], vRow = new Buffer[layers];
            for (int l = 0; l < layers; l++) {
                k[l] = b.allocateKeys(capacity, kvWidth, BufferType.F32);
                v[l] = values != null ? (Buffer) values.invoke(b, capacity, kvWidth, BufferType.F32, hd)
                        : b.allocate(capacity, kvWidth, BufferType.F32);
                for (int j = 0; j < nkv; j++) {       // appended row by row, as a decoder does
                    for (int i = 0; i < kvWidth; i++) x[i] = (float) r.nextGaussian();
                    b.copyRows(b.upload(x, 1, kvWidth), 0, k[l], j, 1);
                    for (int i = 0; i < kvWidth; i++) x[i] = (float) r.nextGaussian();
                    b.copyRows(b.upload(x, 1, kvWidth), 0, v[l], j, 1);
                }
                for (int i = 0; i < kvWidth; i++) x[i] = (float) r.nextGaussian();
                kRow[l] = b.upload(x, 1, kvWidth);
                vRow[l] = b.upload(x, 1, kvWidth);
            }
            float[] qs = new float[width];
            for (int i = 0; i < width; i++) qs[i] = (float) (r.nextGaussian() * 0.3);
            Buffer q = b.upload(qs, 1, width);
            Buffer out = b.allocate(1, width, BufferType.F32);
            AttentionMask mask = AttentionMask.causal(nkv - 1);
            float[] o = new float[width];
            long hash = 0;
            double bytes = 2.0 * nkv * kvWidth * 4 * layers;
            double[] ms = new double[rounds];
            int pos = nkv;
            for (int round = 0; round < rounds; round++) {
                long spent = 0;
                for (int s = 0; s < steps; s++) {
                    for (int l = 0; l < layers; l++) {
                        if (evict > 0) {
                            b.swiglu(gate, up, act);
                        }
                        long t0 = System.nanoTime();
                        if (attn) {
                            b.attention(q, k[l], v[l], nkv, heads, kvHeads, mask, out);
                        } else {
                            b.copyRows(kRow[l], 0, k[l], pos, 1);
                            b.copyRows(vRow[l], 0, v[l], pos, 1);
                        }
                        spent += System.nanoTime() - t0;
                    }
                    if (!attn) pos++;
                }
                ms[round] = spent / 1e6 / steps;
                if (attn) {
                    b.download(out, 0, 1, o);
                    hash = Arrays.hashCode(o);
                } else {
                    b.download(k[layers - 1], 0, pos, new float[pos * kvWidth]);
                }
                System.out.printf("round %d: %.4f ms/step%s%n", round, ms[round], attn ? String.format("  %.1f GB/s", bytes / ms[round] / 1e6) : "");
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double med = sorted[rounds / 2];
            if (attn) {
                System.out.printf("RESULT attn nkv=%d threads=%d evict=%dMB values=%s: median %.3f ms/step (28 calls) %.1f GB/s hash=%08x%n",
                        nkv, threads, evict, values != null ? "allocateValues" : "rows", med, bytes / med / 1e6, hash);
            } else {
                System.out.printf("RESULT append threads=%d evict=%dMB values=%s: median %.2f us/step (28 K+V appends) %.2f us/layer%n",
                        threads, evict, values != null ? "allocateValues" : "rows", med * 1e3, med * 1e3 / 28);
            }
        }
    }
}
