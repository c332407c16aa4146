package io.github.asr4j.kernels.cpu;

import java.util.Arrays;
import java.util.Random;

/** VectorAttention.run alone: bits and timing of main's copy (Old) against the worktree's class, and a phase split. */
public final class AttnProbe {
    record Shape(String name, int nq, int nkv, int heads, int kvHeads, int hd, boolean causal, int past) {
        double gflop() {
            double keys = 0;
            for (int i = 0; i < nq; i++) keys += causal ? past + i + 1 : nkv;
            return 4.0 * keys * hd * heads / 1e9;
        }
    }

    static Shape shape(String n) {
        return switch (n) {
            case "card" -> new Shape(n, 1500, 1500, 12, 12, 64, false, 0);
            case "qwin" -> new Shape(n, 104, 104, 14, 14, 64, false, 0);
            case "pre" -> new Shape(n, 150, 150, 16, 8, 128, true, 0);
            default -> throw new IllegalArgumentException(n);
        };
    }

    static float[] rnd(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = r.nextFloat() * 2 - 1;
        return a;
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "bits" -> bits();
            case "ab" -> ab(shape(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "split" -> split(shape(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void bits() {
        Random r = new Random(5);
        int[][] shapes = { // nq, nkv, heads, kvHeads, hd, causal, past
            {4, 4, 2, 2, 64, 0, 0}, {5, 9, 3, 1, 64, 0, 0}, {7, 7, 4, 2, 128, 1, 0}, {13, 40, 2, 2, 64, 1, 27},
            {24, 24, 6, 6, 64, 0, 0}, {25, 300, 4, 2, 128, 1, 275}, {104, 104, 14, 14, 64, 0, 0},
            {150, 150, 16, 8, 128, 1, 0}, {150, 170, 16, 8, 128, 1, 20}, {257, 700, 3, 3, 64, 0, 0},
            {300, 300, 5, 5, 128, 0, 0}, {1500, 1500, 12, 12, 64, 0, 0}, {999, 1500, 6, 2, 64, 1, 501},
            {4, 1500, 12, 12, 64, 0, 0}, {1500, 1500, 4, 1, 128, 1, 0}, {61, 61, 2, 2, 64, 0, 0},
        };
        int checked = 0, differ = 0;
        for (int threads = 1; threads <= 3; threads += 1) {
            try (WorkerPool pool = new WorkerPool(threads)) {
                VectorAttentionOld old = new VectorAttentionOld();
                VectorAttention neu = new VectorAttention();
                VectorAttention plain = new VectorAttention(false);
                for (int[] s : shapes) {
                    int nq = s[0], nkv = s[1], heads = s[2], kvh = s[3], hd = s[4], past = s[6];
                    boolean causal = s[5] == 1;
                    float[] q = rnd(r, nq * heads * hd), k = rnd(r, nkv * kvh * hd), v = rnd(r, nkv * kvh * hd);
                    float[] a = new float[q.length], b = new float[q.length], c = new float[q.length];
                    old.run(pool, q, nq, k, v, nkv, heads, kvh, hd, causal, past, a);
                    neu.run(pool, q, nq, k, v, nkv, heads, kvh, hd, causal, past, b);
                    plain.run(pool, q, nq, k, v, nkv, heads, kvh, hd, causal, past, c);
                    checked++;
                    if (!Arrays.equals(a, b) || !Arrays.equals(a, c)) {
                        differ++;
                        System.out.println("DIFFER " + Arrays.toString(s) + " threads " + threads);
                    }
                    // windowed form: rows of a larger array (Qwen's windows)
                    if (!causal && nq == nkv) {
                        int rows = 3 * nq;
                        float[] q3 = rnd(r, rows * heads * hd), k3 = rnd(r, rows * kvh * hd), v3 = rnd(r, rows * kvh * hd);
                        float[] a3 = new float[q3.length], b3 = new float[q3.length];
                        for (int w = 0; w < 3; w++) {
                            old.run(pool, q3, w * nq, nq, k3, v3, w * nq, nq, heads, kvh, hd, false, 0, a3);
                            neu.run(pool, q3, w * nq, nq, k3, v3, w * nq, nq, heads, kvh, hd, false, 0, b3);
                        }
                        checked++;
                        if (!Arrays.equals(a3, b3)) {
                            differ++;
                            System.out.println("DIFFER windowed " + Arrays.toString(s) + " threads " + threads);
                        }
                    }
                }
            }
        }
        System.out.println("bits: " + checked + " comparisons, " + differ + " differ; MIN_FLOATS " + AlignedRows.MIN_FLOATS);
    }

    interface Att { void run(WorkerPool p, float[] q, float[] k, float[] v, float[] out); }

    static Att variant(String name, Shape sh) {
        return switch (name) {
            case "main" -> { var x = new VectorAttentionOld(); yield (p, q, k, v, o) -> x.run(p, q, sh.nq, k, v, sh.nkv, sh.heads, sh.kvHeads, sh.hd, sh.causal, sh.past, o); }
            case "step1" -> { var x = new VectorAttentionK(); yield (p, q, k, v, o) -> x.run(p, q, sh.nq, k, v, sh.nkv, sh.heads, sh.kvHeads, sh.hd, sh.causal, sh.past, o); }
            case "step2" -> { var x = new VectorAttentionT(); yield (p, q, k, v, o) -> x.run(p, q, sh.nq, k, v, sh.nkv, sh.heads, sh.kvHeads, sh.hd, sh.causal, sh.past, o); }
            case "branch" -> { var x = new VectorAttention(); yield (p, q, k, v, o) -> x.run(p, q, sh.nq, k, v, sh.nkv, sh.heads, sh.kvHeads, sh.hd, sh.causal, sh.past, o); }
            default -> throw new IllegalArgumentException(name);
        };
    }

    static void ab(Shape sh, int threads, int rounds, int calls) {
        Random r = new Random(7);
        float[] q = rnd(r, sh.nq * sh.heads * sh.hd), k = rnd(r, sh.nkv * sh.kvHeads * sh.hd), v = rnd(r, sh.nkv * sh.kvHeads * sh.hd);
        String baseName = System.getProperty("base", "main"), newName = System.getProperty("new", "branch");
        Att a = variant(baseName, sh), b = variant(newName, sh);
        float[] ref = new float[q.length], out = new float[q.length];
        double gf = sh.gflop();
        int lower = 0;
        double[] ma = new double[rounds], mb = new double[rounds];
        try (WorkerPool pool = new WorkerPool(threads)) {
            a.run(pool, q, k, v, ref);
            for (int w = 0; w < 20; w++) { a.run(pool, q, k, v, out); b.run(pool, q, k, v, out); }
            boolean same = true;
            for (int round = 0; round < rounds; round++) {
                double[] ta = new double[calls], tb = new double[calls];
                for (int c = 0; c < calls; c++) {
                    boolean aFirst = ((round + c) & 1) == 0;
                    for (int x = 0; x < 2; x++) {
                        boolean isA = (x == 0) == aFirst;
                        long t0 = System.nanoTime();
                        (isA ? a : b).run(pool, q, k, v, out);
                        double ms = (System.nanoTime() - t0) / 1e6;
                        if (isA) ta[c] = ms; else { tb[c] = ms; same &= Arrays.equals(ref, out); }
                    }
                }
                Arrays.sort(ta); Arrays.sort(tb);
                ma[round] = ta[calls / 2]; mb[round] = tb[calls / 2];
                if (mb[round] < ma[round]) lower++;
                System.out.printf(baseName + " vs " + newName + " %s t%d round %d: old %.3f ms (%.0f GFLOP/s)  new %.3f ms (%.0f GFLOP/s)  new-old %+.1f%%%n",
                        sh.name, threads, round, ma[round], gf / ma[round] * 1e3, mb[round], gf / mb[round] * 1e3,
                        100 * (mb[round] / ma[round] - 1));
            }
            double[] sa = ma.clone(), sb = mb.clone(), d = new double[rounds];
            for (int i = 0; i < rounds; i++) d[i] = mb[i] - ma[i];
            Arrays.sort(sa); Arrays.sort(sb); Arrays.sort(d);
            System.out.printf("SUMMARY " + baseName + " vs " + newName + " %s t%d: old median %.3f ms (%.0f GFLOP/s), new %.3f ms (%.0f GFLOP/s), paired diff median %+.3f ms (%+.1f%%), new lower in %d of %d rounds; bits same: %s%n",
                    sh.name, threads, sa[rounds / 2], gf / sa[rounds / 2] * 1e3, sb[rounds / 2], gf / sb[rounds / 2] * 1e3,
                    d[rounds / 2], 100 * d[rounds / 2] / sa[rounds / 2], lower, rounds, same);
        }
    }

    static void split(Shape sh, int threads, int calls) {
        Random r = new Random(7);
        float[] q = rnd(r, sh.nq * sh.heads * sh.hd), k = rnd(r, sh.nkv * sh.kvHeads * sh.hd), v = rnd(r, sh.nkv * sh.kvHeads * sh.hd);
        float[] out = new float[q.length];
        VectorAttentionSplit s = new VectorAttentionSplit();
        try (WorkerPool pool = new WorkerPool(threads)) {
            for (int w = 0; w < 30; w++) s.run(pool, q, sh.nq, k, v, sh.nkv, sh.heads, sh.kvHeads, sh.hd, sh.causal, sh.past, out);
            for (var t : VectorAttentionSplit.T) t.reset();
            long t0 = System.nanoTime();
            for (int c = 0; c < calls; c++) s.run(pool, q, sh.nq, k, v, sh.nkv, sh.heads, sh.kvHeads, sh.hd, sh.causal, sh.past, out);
            double wall = (System.nanoTime() - t0) / 1e6 / calls;
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 8; i++) b.append(String.format(" %s %.3f", VectorAttentionSplit.NAMES[i], VectorAttentionSplit.T[i].sum() / 1e6 / calls));
            System.out.printf("SPLIT %s t%d: wall %.3f ms/call (%.0f GFLOP/s);%s (ms/call; inner phases summed over threads)%n",
                    sh.name, threads, wall, sh.gflop() / wall * 1e3, b);
        }
    }
}
