package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorWiden.F;
import static io.github.asr4j.kernels.cpu.VectorWiden.I;
import static io.github.asr4j.kernels.cpu.VectorWiden.S;

import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/**
 * Scratch harness (not a test): the Qwen3-ASR decoder step's BF16 matrix-vector products alone (every layer's
 * q/k/v, o, gate/up, down and the vocabulary projection, split into tasks as {@link VectorBackend} splits them),
 * with several ways of streaming a task's weight rows, against a plain read of the same bytes in the same
 * task split and a read of the same bytes as one contiguous run per thread (the ceilings tool's way), all in one
 * JVM, alternated round by round. Prints ms per step and GB/s per variant.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp kernels-cpu/target/test-classes:kernels-cpu/target/classes:LOADER \
 *     io.github.asr4j.kernels.cpu.BF16StepProbe MODEL.safetensors [threads=2] [rounds=5] [steps=10]</pre>
 */
public final class BF16StepProbe {
    private static final int L = F.length();
    private static volatile float sink;
    /** BF16Weights.Simd over each matrix (variant dotRows: the library's kernel as it stands). */
    private static final java.util.Map<MemorySegment, BF16Weights.Simd> LIB = new java.util.IdentityHashMap<>();
    /** Tasks per thread of a region (VectorBackend's GEMV_TASKS_PER_THREAD is 4); -Dtpts=4,2 alternates several. */
    private static int TPT = 4;
    private static final jdk.incubator.vector.VectorSpecies<Short> SP = ShortVector.SPECIES_PREFERRED;
    private static final ShortVector IDX_LO;
    private static final ShortVector IDX_HI;
    private static final ShortVector ZERO = ShortVector.zero(SP);

    static {
        short[] lo = new short[SP.length()];
        short[] hi = new short[SP.length()];
        for (int j = 0; j < SP.length() / 2; j++) {
            lo[2 * j] = (short) SP.length(); // a lane of the zero vector
            hi[2 * j] = (short) SP.length();
            lo[2 * j + 1] = (short) j;
            hi[2 * j + 1] = (short) (j + SP.length() / 2);
        }
        IDX_LO = ShortVector.fromArray(SP, lo, 0);
        IDX_HI = ShortVector.fromArray(SP, hi, 0);
    }

    /** One parallel region: matrices whose rows share one task list (as linears / linearSwiglu do). */
    record Region(MemorySegment[] w, int rows, int cols, boolean swiglu) {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        String only = args.length > 4 ? args[4] : "";
        try (SafeTensors st = SafeTensors.open(file); WorkerPool pool = new WorkerPool(threads)) {
            List<Region> regions = new ArrayList<>();
            String p = "thinker.model.layers.";
            for (int l = 0; st.find(p + l + ".mlp.down_proj.weight").isPresent(); l++) {
                String a = p + l + ".self_attn.";
                regions.add(region(st, false, a + "q_proj.weight", a + "k_proj.weight", a + "v_proj.weight"));
                regions.add(region(st, false, a + "o_proj.weight"));
                String m = p + l + ".mlp.";
                regions.add(region(st, true, m + "gate_proj.weight", m + "up_proj.weight"));
                regions.add(region(st, false, m + "down_proj.weight"));
            }
            regions.add(region(st, false, "thinker.lm_head.weight"));
            long bytes = 0;
            for (Region r : regions) {
                bytes += 2L * r.rows() * r.cols() * (r.swiglu() ? 2 : 1);
            }
            MemorySegment whole;
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
                whole = ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, ch.size(), java.lang.foreign.Arena.global());
            }
            float[] x = new float[3072];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(i * 0.37);
            }
            float[] y = new float[151936];
            float[] y2 = new float[151936];
            String[] names = {"adjacent", "halves", "quarters", "one", "read-split", "read-contig", "read-file", "eighths", "thirds", "quarters-perm", "dotRows", "halves-perm", "eighths-perm", "quarters-counted"};
            System.out.printf("%d regions, %.1f MB per step, %d threads, %d lanes%n", regions.size(), bytes / 1e6, threads, L);
            for (int round = 0; round < rounds; round++) {
                for (String tpt : System.getProperty("tpts", "4").split(",")) {
                TPT = Integer.parseInt(tpt);
                for (int v = 0; v < names.length; v++) {
                    if (!only.isEmpty() && !only.contains(names[v])) {
                        continue;
                    }
                    long[] t = new long[steps];
                    for (int s = 0; s < steps; s++) {
                        long t0 = System.nanoTime();
                        if (v == 6) {
                            long chunk = whole.byteSize() / threads / 256 * 256;
                            pool.parallelFor(threads, th -> sink += read(whole, th * chunk, (th + 1) * chunk));
                        } else if (v == 5) {
                            contiguous(pool, regions, threads);
                        } else {
                            for (Region r : regions) {
                                run(pool, r, v, x, y, y2);
                            }
                        }
                        t[s] = System.nanoTime() - t0;
                    }
                    Arrays.sort(t);
                    double med = t[steps / 2] / 1e6;
                    double b = v == 6 ? whole.byteSize() : bytes;
                    System.out.printf("round %d tpt %d %-12s median %7.2f ms  min %7.2f ms  %6.1f GB/s (min %6.1f)%n", round,
                            TPT, names[v], med, t[0] / 1e6, b / (med * 1e6), b / (double) t[0]);
                }
                }
            }
            // same bits: every variant against dotRows as it stands
            checkSameBits(regions, x);
        }
    }

    private static Region region(SafeTensors st, boolean swiglu, String... names) {
        MemorySegment[] w = new MemorySegment[names.length];
        int rows = 0;
        int cols = 0;
        for (int i = 0; i < names.length; i++) {
            Tensor t = st.tensor(names[i]);
            w[i] = t.data();
            LIB.put(w[i], new BF16Weights.Simd(names[i], w[i], t.dim(0), t.dim(1)));
            rows += swiglu ? (i == 0 ? t.dim(0) : 0) : t.dim(0);
            cols = t.dim(1);
        }
        return new Region(w, rows, cols, swiglu);
    }

    private static void run(WorkerPool pool, Region r, int variant, float[] x, float[] y, float[] y2) {
        int tasks = pool.threads() * TPT;
        int per = Math.max(16, (r.rows() + tasks - 1) / tasks);
        int count = (r.rows() + per - 1) / per;
        int[] firsts = new int[r.w().length + 1];
        int[] rowsOf = new int[r.w().length];
        if (r.swiglu()) {
            // each task: a run of gate rows, then the same run of up rows
            pool.parallelFor(count, b -> {
                int start = b * per;
                int end = Math.min(r.rows(), start + per);
                rows(r.w()[0], r.cols(), start, end - start, variant, x, y);
                rows(r.w()[1], r.cols(), start, end - start, variant, x, y2);
            });
            return;
        }
        int total = 0;
        for (int i = 0; i < r.w().length; i++) {
            rowsOf[i] = (int) (r.w()[i].byteSize() / 2 / r.cols());
            total += rowsOf[i];
        }
        int perAll = Math.max(16, (total + tasks - 1) / tasks);
        for (int i = 0; i < r.w().length; i++) {
            firsts[i + 1] = firsts[i] + (rowsOf[i] + perAll - 1) / perAll;
        }
        pool.parallelFor(firsts[r.w().length], t -> {
            int i = 0;
            while (t >= firsts[i + 1]) {
                i++;
            }
            int start = (t - firsts[i]) * perAll;
            int end = Math.min(rowsOf[i], start + perAll);
            rows(r.w()[i], r.cols(), start, end - start, variant, x, y);
        });
    }

    private static void rows(MemorySegment seg, int cols, int row, int count, int variant, float[] x, float[] y) {
        switch (variant) {
            case 0 -> {
                int i = 0;
                for (; i + 2 <= count; i += 2) {
                    dot2(x, seg, (long) (row + i) * cols, (long) (row + i + 1) * cols, cols, y, row + i, row + i + 1);
                }
                if (i < count) {
                    y[row + i] = dot1(x, seg, (long) (row + i) * cols, cols);
                }
            }
            case 1 -> {
                int half = count / 2;
                for (int j = 0; j < half; j++) {
                    dot2(x, seg, (long) (row + j) * cols, (long) (row + half + j) * cols, cols, y, row + j, row + half + j);
                }
                if (2 * half < count) {
                    y[row + count - 1] = dot1(x, seg, (long) (row + count - 1) * cols, cols);
                }
            }
            case 2 -> {
                int q = count / 4;
                for (int j = 0; j < q; j++) {
                    dot4(x, seg, row + j, q, cols, y);
                }
                for (int j = 4 * q; j < count; j++) {
                    y[row + j] = dot1(x, seg, (long) (row + j) * cols, cols);
                }
            }
            case 3 -> {
                for (int j = 0; j < count; j++) {
                    y[row + j] = dot1(x, seg, (long) (row + j) * cols, cols);
                }
            }
            case 7 -> {
                int q = count / 8;
                for (int j = 0; j < q; j++) {
                    dot8(x, seg, row + j, q, cols, y);
                }
                for (int j = 8 * q; j < count; j++) {
                    y[row + j] = dot1(x, seg, (long) (row + j) * cols, cols);
                }
            }
            case 8 -> {
                int q = count / 3;
                for (int j = 0; j < q; j++) {
                    dot3(x, seg, row + j, q, cols, y);
                }
                for (int j = 3 * q; j < count; j++) {
                    y[row + j] = dot1(x, seg, (long) (row + j) * cols, cols);
                }
            }
            case 9 -> {
                int q = count / 4;
                for (int j = 0; j < q; j++) {
                    dot4p(x, seg, row + j, q, cols, y);
                }
                for (int j = 4 * q; j < count; j++) {
                    y[row + j] = dot1(x, seg, (long) (row + j) * cols, cols);
                }
            }
            case 11, 12 -> {
                int n = variant == 11 ? 2 : 8;
                int q = count / n;
                for (int j = 0; j < q; j++) {
                    if (n == 2) {
                        dot2p(x, seg, row + j, q, cols, y);
                    } else {
                        dot8p(x, seg, row + j, q, cols, y);
                    }
                }
                for (int j = n * q; j < count; j++) {
                    y[row + j] = dot1(x, seg, (long) (row + j) * cols, cols);
                }
            }
            case 13 -> {
                int q = count / 4;
                for (int j = 0; j < q; j++) {
                    dot4pc(x, seg, row + j, q, cols, y);
                }
                for (int j = 4 * q; j < count; j++) {
                    y[row + j] = dot1(x, seg, (long) (row + j) * cols, cols);
                }
            }
            case 10 -> LIB.get(seg).dotRows(x, 0, row, count, y, row);
            case 4 -> sink += read(seg, 2L * row * cols, 2L * (row + count) * cols);
            default -> throw new IllegalArgumentException();
        }
    }

    /** Each thread reads one contiguous share of every region's bytes (no task split). */
    private static void contiguous(WorkerPool pool, List<Region> regions, int threads) {
        for (Region r : regions) {
            for (MemorySegment seg : r.w()) {
                long unit = 4L * F.vectorByteSize() * threads;
                long size = seg.byteSize() / unit * unit;
                long chunk = size / threads;
                pool.parallelFor(threads, t -> sink += read(seg, t * chunk, (t + 1) * chunk));
            }
        }
    }

    static float read(MemorySegment m, long from, long to) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        long vb = F.vectorByteSize();
        long i = from;
        for (; i + 4 * vb <= to; i += 4 * vb) {
            s0 = s0.add(FloatVector.fromMemorySegment(F, m, i, ByteOrder.LITTLE_ENDIAN));
            s1 = s1.add(FloatVector.fromMemorySegment(F, m, i + vb, ByteOrder.LITTLE_ENDIAN));
            s2 = s2.add(FloatVector.fromMemorySegment(F, m, i + 2 * vb, ByteOrder.LITTLE_ENDIAN));
            s3 = s3.add(FloatVector.fromMemorySegment(F, m, i + 3 * vb, ByteOrder.LITTLE_ENDIAN));
        }
        return s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
    }

    static float dot1(float[] x, MemorySegment seg, long element, int len) {
        long base = element * 2;
        FloatVector c = FloatVector.zero(F);
        int k = 0;
        for (int bound = F.loopBound(len); k < bound; k += L) {
            FloatVector w = ((IntVector) ShortVector.fromMemorySegment(S, seg, base + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            c = FloatVector.fromArray(F, x, k).fma(w, c);
        }
        for (int w = L / 2; w >= 1; w /= 2) {
            c = c.add(c.rearrange(VectorOps.FLOAT_FOLDS[w]));
        }
        return c.lane(0);
    }

    static void dot2(float[] x, MemorySegment seg, long e0, long e1, int len, float[] y, int y0, int y1) {
        long base0 = e0 * 2;
        long base1 = e1 * 2;
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        for (int k = 0, bound = F.loopBound(len); k < bound; k += L) {
            FloatVector xv = FloatVector.fromArray(F, x, k);
            c0 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base0 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
            c1 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, base1 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
        }
        for (int w = L / 2; w >= 1; w /= 2) {
            VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
            c0 = c0.add(c0.rearrange(fold));
            c1 = c1.add(c1.rearrange(fold));
        }
        y[y0] = c0.lane(0);
        y[y1] = c1.lane(0);
    }

    /** Rows r, r+q, r+2q, r+3q. */
    static void dot4(float[] x, MemorySegment seg, int r, int q, int len, float[] y) {
        long b0 = 2L * r * len;
        long b1 = 2L * (r + q) * len;
        long b2 = 2L * (r + 2 * q) * len;
        long b3 = 2L * (r + 3 * q) * len;
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F);
        for (int k = 0, bound = F.loopBound(len); k < bound; k += L) {
            FloatVector xv = FloatVector.fromArray(F, x, k);
            c0 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, b0 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
            c1 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, b1 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
            c2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, b2 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c2);
            c3 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, b3 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c3);
        }
        for (int w = L / 2; w >= 1; w /= 2) {
            VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
            c0 = c0.add(c0.rearrange(fold));
            c1 = c1.add(c1.rearrange(fold));
            c2 = c2.add(c2.rearrange(fold));
            c3 = c3.add(c3.rearrange(fold));
        }
        y[r] = c0.lane(0);
        y[r + q] = c1.lane(0);
        y[r + 2 * q] = c2.lane(0);
        y[r + 3 * q] = c3.lane(0);
    }

    /** Rows r + i·q, i < 8. */
    static void dot8(float[] x, MemorySegment seg, int r, int q, int len, float[] y) {
        long b0 = 2L * (r + 0 * q) * len;
        long b1 = 2L * (r + 1 * q) * len;
        long b2 = 2L * (r + 2 * q) * len;
        long b3 = 2L * (r + 3 * q) * len;
        long b4 = 2L * (r + 4 * q) * len;
        long b5 = 2L * (r + 5 * q) * len;
        long b6 = 2L * (r + 6 * q) * len;
        long b7 = 2L * (r + 7 * q) * len;
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F);
        FloatVector c4 = FloatVector.zero(F);
        FloatVector c5 = FloatVector.zero(F);
        FloatVector c6 = FloatVector.zero(F);
        FloatVector c7 = FloatVector.zero(F);
        for (int k = 0, bound = F.loopBound(len); k < bound; k += L) {
            FloatVector xv = FloatVector.fromArray(F, x, k);
            c0 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, b0 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
            c1 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, b1 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
            c2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, b2 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c2);
            c3 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, b3 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c3);
            c4 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, b4 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c4);
            c5 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, b5 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c5);
            c6 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, b6 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c6);
            c7 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, b7 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c7);
        }
        for (int w = L / 2; w >= 1; w /= 2) {
            VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
            c0 = c0.add(c0.rearrange(fold));
            c1 = c1.add(c1.rearrange(fold));
            c2 = c2.add(c2.rearrange(fold));
            c3 = c3.add(c3.rearrange(fold));
            c4 = c4.add(c4.rearrange(fold));
            c5 = c5.add(c5.rearrange(fold));
            c6 = c6.add(c6.rearrange(fold));
            c7 = c7.add(c7.rearrange(fold));
        }
        y[r + 0 * q] = c0.lane(0);
        y[r + 1 * q] = c1.lane(0);
        y[r + 2 * q] = c2.lane(0);
        y[r + 3 * q] = c3.lane(0);
        y[r + 4 * q] = c4.lane(0);
        y[r + 5 * q] = c5.lane(0);
        y[r + 6 * q] = c6.lane(0);
        y[r + 7 * q] = c7.lane(0);
    }

    /** Rows r + i·q, i < 3. */
    static void dot3(float[] x, MemorySegment seg, int r, int q, int len, float[] y) {
        long b0 = 2L * (r + 0 * q) * len;
        long b1 = 2L * (r + 1 * q) * len;
        long b2 = 2L * (r + 2 * q) * len;
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        for (int k = 0, bound = F.loopBound(len); k < bound; k += L) {
            FloatVector xv = FloatVector.fromArray(F, x, k);
            c0 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, b0 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c0);
            c1 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, b1 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c1);
            c2 = xv.fma(((IntVector) ShortVector.fromMemorySegment(S, seg, b2 + 2L * k, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), c2);
        }
        for (int w = L / 2; w >= 1; w /= 2) {
            VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
            c0 = c0.add(c0.rearrange(fold));
            c1 = c1.add(c1.rearrange(fold));
            c2 = c2.add(c2.rearrange(fold));
        }
        y[r + 0 * q] = c0.lane(0);
        y[r + 1 * q] = c1.lane(0);
        y[r + 2 * q] = c2.lane(0);
    }

    /** Rows r + i·q, i < 4, widened by one two-vector permute per 16 weights (len a multiple of 2L). */
    static void dot4p(float[] x, MemorySegment seg, int r, int q, int len, float[] y) {
        long b0 = 2L * (r + 0 * q) * len;
        long b1 = 2L * (r + 1 * q) * len;
        long b2 = 2L * (r + 2 * q) * len;
        long b3 = 2L * (r + 3 * q) * len;
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F);
        for (int k = 0; k + 2 * L <= len; k += 2 * L) {
            FloatVector xa = FloatVector.fromArray(F, x, k);
            FloatVector xb = FloatVector.fromArray(F, x, k + L);
            ShortVector v0 = ShortVector.fromMemorySegment(SP, seg, b0 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c0 = xa.fma(IDX_LO.selectFrom(v0, ZERO).reinterpretAsFloats(), c0);
            c0 = xb.fma(IDX_HI.selectFrom(v0, ZERO).reinterpretAsFloats(), c0);
            ShortVector v1 = ShortVector.fromMemorySegment(SP, seg, b1 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c1 = xa.fma(IDX_LO.selectFrom(v1, ZERO).reinterpretAsFloats(), c1);
            c1 = xb.fma(IDX_HI.selectFrom(v1, ZERO).reinterpretAsFloats(), c1);
            ShortVector v2 = ShortVector.fromMemorySegment(SP, seg, b2 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c2 = xa.fma(IDX_LO.selectFrom(v2, ZERO).reinterpretAsFloats(), c2);
            c2 = xb.fma(IDX_HI.selectFrom(v2, ZERO).reinterpretAsFloats(), c2);
            ShortVector v3 = ShortVector.fromMemorySegment(SP, seg, b3 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c3 = xa.fma(IDX_LO.selectFrom(v3, ZERO).reinterpretAsFloats(), c3);
            c3 = xb.fma(IDX_HI.selectFrom(v3, ZERO).reinterpretAsFloats(), c3);
        }
        for (int w = L / 2; w >= 1; w /= 2) {
            VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
            c0 = c0.add(c0.rearrange(fold));
            c1 = c1.add(c1.rearrange(fold));
            c2 = c2.add(c2.rearrange(fold));
            c3 = c3.add(c3.rearrange(fold));
        }
        y[r + 0 * q] = c0.lane(0);
        y[r + 1 * q] = c1.lane(0);
        y[r + 2 * q] = c2.lane(0);
        y[r + 3 * q] = c3.lane(0);
    }

    /** Rows r + i·q, i < 4, widened by one two-vector permute per 16 weights (len a multiple of 2L); a counted loop (C2 unrolls it, no range checks). */
    static void dot4pc(float[] x, MemorySegment seg, int r, int q, int len, float[] y) {
        long b0 = 2L * (r + 0 * q) * len;
        long b1 = 2L * (r + 1 * q) * len;
        long b2 = 2L * (r + 2 * q) * len;
        long b3 = 2L * (r + 3 * q) * len;
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F);
        for (int k = 0, bound = len & -(2 * L); k < bound; k += 2 * L) {
            FloatVector xa = FloatVector.fromArray(F, x, k);
            FloatVector xb = FloatVector.fromArray(F, x, k + L);
            ShortVector v0 = ShortVector.fromMemorySegment(SP, seg, b0 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c0 = xa.fma(IDX_LO.selectFrom(v0, ZERO).reinterpretAsFloats(), c0);
            c0 = xb.fma(IDX_HI.selectFrom(v0, ZERO).reinterpretAsFloats(), c0);
            ShortVector v1 = ShortVector.fromMemorySegment(SP, seg, b1 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c1 = xa.fma(IDX_LO.selectFrom(v1, ZERO).reinterpretAsFloats(), c1);
            c1 = xb.fma(IDX_HI.selectFrom(v1, ZERO).reinterpretAsFloats(), c1);
            ShortVector v2 = ShortVector.fromMemorySegment(SP, seg, b2 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c2 = xa.fma(IDX_LO.selectFrom(v2, ZERO).reinterpretAsFloats(), c2);
            c2 = xb.fma(IDX_HI.selectFrom(v2, ZERO).reinterpretAsFloats(), c2);
            ShortVector v3 = ShortVector.fromMemorySegment(SP, seg, b3 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c3 = xa.fma(IDX_LO.selectFrom(v3, ZERO).reinterpretAsFloats(), c3);
            c3 = xb.fma(IDX_HI.selectFrom(v3, ZERO).reinterpretAsFloats(), c3);
        }
        for (int w = L / 2; w >= 1; w /= 2) {
            VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
            c0 = c0.add(c0.rearrange(fold));
            c1 = c1.add(c1.rearrange(fold));
            c2 = c2.add(c2.rearrange(fold));
            c3 = c3.add(c3.rearrange(fold));
        }
        y[r + 0 * q] = c0.lane(0);
        y[r + 1 * q] = c1.lane(0);
        y[r + 2 * q] = c2.lane(0);
        y[r + 3 * q] = c3.lane(0);
    }

    /** Rows r + i·q, i < 2, widened by permutes (len a multiple of 2L). */
    static void dot2p(float[] x, MemorySegment seg, int r, int q, int len, float[] y) {
        long b0 = 2L * (r + 0 * q) * len;
        long b1 = 2L * (r + 1 * q) * len;
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        for (int k = 0; k + 2 * L <= len; k += 2 * L) {
            FloatVector xa = FloatVector.fromArray(F, x, k);
            FloatVector xb = FloatVector.fromArray(F, x, k + L);
            ShortVector v0 = ShortVector.fromMemorySegment(SP, seg, b0 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c0 = xa.fma(IDX_LO.selectFrom(v0, ZERO).reinterpretAsFloats(), c0);
            c0 = xb.fma(IDX_HI.selectFrom(v0, ZERO).reinterpretAsFloats(), c0);
            ShortVector v1 = ShortVector.fromMemorySegment(SP, seg, b1 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c1 = xa.fma(IDX_LO.selectFrom(v1, ZERO).reinterpretAsFloats(), c1);
            c1 = xb.fma(IDX_HI.selectFrom(v1, ZERO).reinterpretAsFloats(), c1);
        }
        for (int w = L / 2; w >= 1; w /= 2) {
            VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
            c0 = c0.add(c0.rearrange(fold));
            c1 = c1.add(c1.rearrange(fold));
        }
        y[r + 0 * q] = c0.lane(0);
        y[r + 1 * q] = c1.lane(0);
    }

    /** Rows r + i·q, i < 8, widened by permutes (len a multiple of 2L). */
    static void dot8p(float[] x, MemorySegment seg, int r, int q, int len, float[] y) {
        long b0 = 2L * (r + 0 * q) * len;
        long b1 = 2L * (r + 1 * q) * len;
        long b2 = 2L * (r + 2 * q) * len;
        long b3 = 2L * (r + 3 * q) * len;
        long b4 = 2L * (r + 4 * q) * len;
        long b5 = 2L * (r + 5 * q) * len;
        long b6 = 2L * (r + 6 * q) * len;
        long b7 = 2L * (r + 7 * q) * len;
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F);
        FloatVector c4 = FloatVector.zero(F);
        FloatVector c5 = FloatVector.zero(F);
        FloatVector c6 = FloatVector.zero(F);
        FloatVector c7 = FloatVector.zero(F);
        for (int k = 0; k + 2 * L <= len; k += 2 * L) {
            FloatVector xa = FloatVector.fromArray(F, x, k);
            FloatVector xb = FloatVector.fromArray(F, x, k + L);
            ShortVector v0 = ShortVector.fromMemorySegment(SP, seg, b0 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c0 = xa.fma(IDX_LO.selectFrom(v0, ZERO).reinterpretAsFloats(), c0);
            c0 = xb.fma(IDX_HI.selectFrom(v0, ZERO).reinterpretAsFloats(), c0);
            ShortVector v1 = ShortVector.fromMemorySegment(SP, seg, b1 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c1 = xa.fma(IDX_LO.selectFrom(v1, ZERO).reinterpretAsFloats(), c1);
            c1 = xb.fma(IDX_HI.selectFrom(v1, ZERO).reinterpretAsFloats(), c1);
            ShortVector v2 = ShortVector.fromMemorySegment(SP, seg, b2 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c2 = xa.fma(IDX_LO.selectFrom(v2, ZERO).reinterpretAsFloats(), c2);
            c2 = xb.fma(IDX_HI.selectFrom(v2, ZERO).reinterpretAsFloats(), c2);
            ShortVector v3 = ShortVector.fromMemorySegment(SP, seg, b3 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c3 = xa.fma(IDX_LO.selectFrom(v3, ZERO).reinterpretAsFloats(), c3);
            c3 = xb.fma(IDX_HI.selectFrom(v3, ZERO).reinterpretAsFloats(), c3);
            ShortVector v4 = ShortVector.fromMemorySegment(SP, seg, b4 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c4 = xa.fma(IDX_LO.selectFrom(v4, ZERO).reinterpretAsFloats(), c4);
            c4 = xb.fma(IDX_HI.selectFrom(v4, ZERO).reinterpretAsFloats(), c4);
            ShortVector v5 = ShortVector.fromMemorySegment(SP, seg, b5 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c5 = xa.fma(IDX_LO.selectFrom(v5, ZERO).reinterpretAsFloats(), c5);
            c5 = xb.fma(IDX_HI.selectFrom(v5, ZERO).reinterpretAsFloats(), c5);
            ShortVector v6 = ShortVector.fromMemorySegment(SP, seg, b6 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c6 = xa.fma(IDX_LO.selectFrom(v6, ZERO).reinterpretAsFloats(), c6);
            c6 = xb.fma(IDX_HI.selectFrom(v6, ZERO).reinterpretAsFloats(), c6);
            ShortVector v7 = ShortVector.fromMemorySegment(SP, seg, b7 + 2L * k, ByteOrder.LITTLE_ENDIAN);
            c7 = xa.fma(IDX_LO.selectFrom(v7, ZERO).reinterpretAsFloats(), c7);
            c7 = xb.fma(IDX_HI.selectFrom(v7, ZERO).reinterpretAsFloats(), c7);
        }
        for (int w = L / 2; w >= 1; w /= 2) {
            VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
            c0 = c0.add(c0.rearrange(fold));
            c1 = c1.add(c1.rearrange(fold));
            c2 = c2.add(c2.rearrange(fold));
            c3 = c3.add(c3.rearrange(fold));
            c4 = c4.add(c4.rearrange(fold));
            c5 = c5.add(c5.rearrange(fold));
            c6 = c6.add(c6.rearrange(fold));
            c7 = c7.add(c7.rearrange(fold));
        }
        y[r + 0 * q] = c0.lane(0);
        y[r + 1 * q] = c1.lane(0);
        y[r + 2 * q] = c2.lane(0);
        y[r + 3 * q] = c3.lane(0);
        y[r + 4 * q] = c4.lane(0);
        y[r + 5 * q] = c5.lane(0);
        y[r + 6 * q] = c6.lane(0);
        y[r + 7 * q] = c7.lane(0);
    }

    /** The variants' outputs against {@link BF16Weights.Simd#dotRows} as it stands, bit for bit. */
    private static void checkSameBits(List<Region> regions, float[] x) {
        Region r = regions.get(regions.size() - 1);
        MemorySegment seg = r.w()[0];
        int rows = 4099;
        BF16Weights.Simd w = new BF16Weights.Simd("probe", seg, rows, r.cols());
        float[] ref = new float[rows];
        w.dotRows(x, 0, 0, rows, ref, 0);
        for (int v : new int[] {0, 1, 2, 3, 7, 8, 9, 11, 12, 13}) {
            float[] got = new float[rows];
            rows(seg, r.cols(), 0, rows, v, x, got);
            int diff = 0;
            for (int i = 0; i < rows; i++) {
                diff += Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(ref[i]) ? 1 : 0;
            }
            System.out.printf("variant %d: %d of %d rows differ from dotRows%n", v, diff, rows);
        }
    }
}
