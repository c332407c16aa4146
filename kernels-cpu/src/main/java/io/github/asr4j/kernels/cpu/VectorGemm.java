package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorBackend.F;
import static io.github.asr4j.kernels.cpu.VectorBackend.L;

import jdk.incubator.vector.FloatVector;

/**
 * The matrix product {@code y[n, out] = x[n, in] · Wᵀ + bias} for many input rows, as outer
 * products over packed weight panels.
 *
 * <p>Each task owns a block of up to {@link #ROW_BLOCK} input rows × up to {@link #PANELS} micro-panels of
 * {@link #NR} outputs. For each {@link #DEPTH} slice of the shared dimension it widens its weights once into a
 * per-thread panel laid out {@code [micro-panel][k][NR]} (the transpose of W's rows); then, for each strip of
 * {@link #MR} input rows, runs the micro-kernel on the strip's slice in the kernel's layout (rows {@link #DEPTH}
 * apart: copied by the task into a per-thread buffer when it has several micro-panels to share the copy, from one
 * copy per call made before the tasks below {@link #MANY_ROWS} rows) against each micro-panel: {@link #MR} input rows × {@link #NR} outputs held in 24 vector
 * registers, each step one broadcast per input row and {@code NR / L} panel loads, with no horizontal sums.
 * Every output sums its slice in ascending k and the slices in ascending order, a function of the shapes
 * alone, so results do not depend on the thread count.
 */
final class VectorGemm {
    /** Input rows per micro-tile. */
    static final int MR = 6;
    /** Outputs per micro-tile: four vectors. */
    static final int NR = 4 * L;
    /** Depth of one packed panel (DEPTH × NR floats, 128 KiB, stays in L2; an input strip's 6 × DEPTH in L1). */
    static final int DEPTH = 512;
    /**
     * Most micro-panels per task. A task copies each input strip once and runs it against all its
     * micro-panels from L1, so the copy (an L3 read the kernel waits for) is shared; four panels are
     * 512 KiB of the 2 MB L2.
     */
    static final int PANELS = 4;
    /**
     * Fewest input rows for which a task takes several micro-panels. Qwen3-ASR's encoder products (143–416
     * rows, 896 outputs) measured 2–9 % slower with 2 or 4 panels per task than with one (GencAB, 2 threads,
     * same JVM alternated); Whisper's 1500-row products 8–15 % faster.
     */
    static final int MANY_ROWS = 512;
    /**
     * Input rows per task (whole micro-tiles): all of an encoder window, so each weight is packed
     * once per call (packing transposes, which costs more than it looks).
     */
    static final int ROW_BLOCK = 256 * MR;
    /** k values a pack transposes at a time (one micro-panel's NR × PACK_K floats, 16 KiB, in L1). */
    static final int PACK_K = 64;

    /**
     * Where the packed panels start in their per-thread array, which is made a G1 humongous object (see
     * {@link AlignedRows}): there every panel line is 64-byte aligned, so each of the kernel's 512-bit panel loads
     * reads one cache line, not two. On an Intel Xeon VM with full-width AVX-512 (2026-12-07a) the kernel
     * alone ran 160-167 GFLOP/s aligned against 126-139 at a heap array's usual 16-byte offset, one thread
     * (peak 163).
     * The same values are summed in the same order: alignment changes no bits.
     */
    static final int PANEL_AT = AlignedRows.OFFSET;

    /**
     * Fewest tasks per thread a product is split into when it has enough rows (load balance).
     * A split by rows packs each weight panel once per row block, which for a Qwen3-ASR encoder pass
     * (143–416 rows, 896 outputs) cost 20–35 % of the product (GemmProbe, 2 threads, alternated), so
     * outputs are split first.
     */
    static final int TASKS_PER_THREAD = 2;

    /**
     * The kernel's addend when there is nothing to add: it adds {@code 0} rather than branching on a
     * missing bias, so its first C2 compile covers every caller whatever profile it was compiled with.
     */
    static final float[] ZEROS = new float[NR];

    /**
     * Whether {@link #pack} transposes by 16 × 16 blocks of permutes ({@link #transpose16}; 512-bit vectors) rather than
     * one float at a time: on the Intel VM the scalar transpose cost ~0.3 ns a weight, 14 % of a 416-row product's
     * kernel time (docs/notes/2026-12-07d-qenc3.md). The panel holds the same values either way.
     */
    static final boolean TRANSPOSE16 = L == 16;
    private static final FloatVector LO8 = swapIndex(8, false);
    private static final FloatVector HI8 = swapIndex(8, true);
    private static final FloatVector LO4 = swapIndex(4, false);
    private static final FloatVector HI4 = swapIndex(4, true);
    private static final FloatVector LO2 = swapIndex(2, false);
    private static final FloatVector HI2 = swapIndex(2, true);
    private static final FloatVector LO1 = swapIndex(1, false);
    private static final FloatVector HI1 = swapIndex(1, true);

    /**
     * Lane indices into two rows {@code i, i + b} for one stage of {@link #transpose16}: the low output keeps row i's
     * lanes with bit b clear and takes row i + b's lanes l − b into those with it set; the high output takes row i's
     * lanes l + b into those with bit b clear and keeps row i + b's lanes with it set. Null without 16 lanes.
     */
    private static FloatVector swapIndex(int b, boolean high) {
        if (!TRANSPOSE16) {
            return null;
        }
        float[] index = new float[L];
        for (int l = 0; l < L; l++) {
            boolean set = (l & b) != 0;
            index[l] = high ? (set ? L + l : l + b) : (set ? L + l - b : l);
        }
        return FloatVector.fromArray(F, index, 0);
    }

    private final ThreadLocal<float[]> panels = new ThreadLocal<>();
    private final ThreadLocal<float[]> blocks = new ThreadLocal<>();
    private final ThreadLocal<float[]> tiles = new ThreadLocal<>();
    private final ThreadLocal<float[]> strips = new ThreadLocal<>();
    /** The caller's input in strip layout ({@link #copyStrip}), read by every task of its call (fewer than {@link #MANY_ROWS} rows). */
    private final ThreadLocal<float[]> inputStrips = new ThreadLocal<>();

    /** Tasks per thread copying the input into strips (load balance; each task copies whole strips). */
    static final int STRIP_TASKS = 2;

    void run(WorkerPool pool, float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y) {
        int out = w.rows();
        int in = w.cols();
        int micro = CpuBackend.blocks(out, NR);
        // Column tasks of near-equal micro-panel counts (at most PANELS); rows are split only when there are
        // fewer column tasks than the threads want. Which task computes an output never changes its sum.
        int minTasks = TASKS_PER_THREAD * pool.threads();
        int perTask = n >= MANY_ROWS ? PANELS : 1;
        int colTasks = Math.min(micro, Math.max(minTasks, CpuBackend.blocks(micro, perTask)));
        int maxPanels = CpuBackend.blocks(micro, colTasks);
        int minRowBlocks = CpuBackend.blocks(minTasks, colTasks);
        int rowBlock = Math.min(ROW_BLOCK, CpuBackend.blocks(CpuBackend.blocks(n, minRowBlocks), MR) * MR);
        int rowBlocks = CpuBackend.blocks(n, rowBlock);
        // What each micro-tile adds: the bias (or zeros) in the first depth slice, the sums so far in y after it.
        // Chosen by arithmetic (Math.min is a C2 intrinsic, no profiled branch), not by branches in the task: a
        // fresh JVM compiles the task with C2 on the profile of its first products (the conv stem's, all with a
        // bias, the first in a single slice), and every side they had not taken yet was compiled as a trap that
        // threw the task's code away when a later product took it.
        float[][] addends = {bias == null ? ZEROS : bias, y};
        int addPerOutput = bias == null ? 0 : 1;
        if (perTask == 1) {
            // Fewer than MANY_ROWS rows: one micro-panel per task, so a task's strip copies would serve one
            // micro-panel each (every column task copying the whole input: the map put it at 10-16 % of a
            // 158-row product, docs/notes/2026-12-07f-gemm4.md). The input is copied into the strip layout once per
            // call instead, shared by every task; its scratch is bounded by MANY_ROWS rows.
            int stripCount = CpuBackend.blocks(n, MR);
            int slices = CpuBackend.blocks(in, DEPTH);
            float[] xs = CpuBackend.scratch(inputStrips, Math.multiplyExact(stripCount * slices, MR * DEPTH));
            int copyTasks = Math.min(stripCount, STRIP_TASKS * pool.threads());
            pool.parallelFor(copyTasks, task -> {
                for (int g = task * stripCount / copyTasks; g < (task + 1) * stripCount / copyTasks; g++) {
                    int valid = Math.min(MR, n - g * MR);
                    for (int q = 0; q < slices; q++) {
                        int c0 = q * DEPTH;
                        copyStrip(x, xOffset + c0 + g * MR * xRowStride, xRowStride, valid, Math.min(DEPTH, in - c0), xs,
                                (q * stripCount + g) * MR * DEPTH);
                    }
                }
            });
            pool.parallelFor(colTasks * rowBlocks, task -> {
                int ct = task % colTasks;
                int o0 = ct * micro / colTasks * NR;
                int o1 = Math.min(out, (ct + 1) * micro / colTasks * NR);
                int i0 = (task / colTasks) * rowBlock;
                int i1 = Math.min(n, i0 + rowBlock);
                float[] panel = CpuBackend.scratch(panels, panelFloats(maxPanels));
                float[] block = CpuBackend.scratch(blocks, panelFloats(maxPanels));
                float[] tile = CpuBackend.scratch(tiles, MR * NR);
                for (int c0 = 0; c0 < in; c0 += DEPTH) {
                    int depth = Math.min(DEPTH, in - c0);
                    pack(w, o0, o1, c0, depth, panel, block);
                    for (int i = i0; i < i1; i += MR) {
                        // rowBlock is whole strips, so i / MR is the strip's index
                        int s = (c0 / DEPTH * stripCount + i / MR) * MR * DEPTH;
                        strip(xs, s, panel, depth, i, Math.min(MR, i1 - i), o0, o1, c0, out, addends, addPerOutput, tile, y);
                    }
                }
            });
            return;
        }
        pool.parallelFor(colTasks * rowBlocks, task -> {
            int ct = task % colTasks;
            int o0 = ct * micro / colTasks * NR;
            int o1 = Math.min(out, (ct + 1) * micro / colTasks * NR);
            int i0 = (task / colTasks) * rowBlock;
            int i1 = Math.min(n, i0 + rowBlock);
            float[] panel = CpuBackend.scratch(panels, panelFloats(maxPanels));
            float[] block = CpuBackend.scratch(blocks, panelFloats(maxPanels));
            float[] tile = CpuBackend.scratch(tiles, MR * NR);
            float[] strip = CpuBackend.scratch(strips, MR * DEPTH);
            for (int c0 = 0; c0 < in; c0 += DEPTH) {
                int depth = Math.min(DEPTH, in - c0);
                pack(w, o0, o1, c0, depth, panel, block);
                for (int i = i0; i < i1; i += MR) {
                    int valid = Math.min(MR, i1 - i);
                    // A short strip repeats its last row; the duplicate results are not stored.
                    copyStrip(x, xOffset + c0 + i * xRowStride, xRowStride, valid, depth, strip, 0);
                    strip(strip, 0, panel, depth, i, valid, o0, o1, c0, out, addends, addPerOutput, tile, y);
                }
            }
        });
    }

    /**
     * One strip of {@link #MR} input rows (first row {@code i}, {@code valid} of them real) at {@code xs[s]} in the kernel's
     * layout against the task's micro-panels of outputs {@code o0 .. o1} for the depth slice at {@code c0}: whole
     * micro-tiles straight into y, a cut one through {@code tile}.
     */
    private static void strip(float[] xs, int s, float[] panel, int depth, int i, int valid, int o0, int o1, int c0, int out,
                              float[][] addends, int addPerOutput, float[] tile, float[] y) {
        int later = Math.min(c0, 1); // 0 in the first slice, 1 after
        float[] add = addends[later];
        int taskMicro = CpuBackend.blocks(o1 - o0, NR);
        for (int mp = 0; mp < taskMicro; mp++) {
            int o = o0 + mp * NR;
            int cols = Math.min(NR, o1 - o);
            int biasOffset = (1 - later) * o * addPerOutput;
            int p = PANEL_AT + mp * depth * NR;
            if (valid == MR && cols == NR) {
                int yo = i * out + o;
                stripKernel(xs, s, panel, p, depth, y, yo, out, add, biasOffset + later * yo, later * out);
            } else {
                stripKernel(xs, s, panel, p, depth, tile, 0, NR, ZEROS, 0, 0);
                // sum + addend, as the kernel adds (the tile's sums already had +0 added: never -0).
                for (int r = 0; r < valid; r++) {
                    int yo = (i + r) * out + o;
                    int a = biasOffset + later * yo;
                    for (int c = 0; c < cols; c++) {
                        y[yo + c] = tile[r * NR + c] + add[a + c];
                    }
                }
            }
        }
    }

    /** Floats of a task's panel array: {@link #PANEL_AT} and the panels, made humongous ({@link AlignedRows#alignedLength}). */
    static int panelFloats(int maxPanels) {
        return AlignedRows.alignedLength(PANEL_AT + maxPanels * NR * DEPTH);
    }

    /**
     * Widens {@code W[o0 .. o1, c0 .. c0+depth)} into {@code panel[PANEL_AT + mp·depth·NR + k·NR + j] = W[o0 + mp·NR + j, c0 + k]}: the rows
     * widened whole into {@code block} (row-major, {@code depth} apart, from {@link #PANEL_AT}: 64-byte aligned rows
     * where depth is a multiple of 16), then transposed: by {@link #transpose16} with 16-lane vectors, else {@link #PACK_K} k at a
     * time, so the chunk's panel lines (NR·PACK_K floats, 16 KiB) stay in L1 while each is filled by NR rows.
     * Widening a row straight into its panel column stored each float to another line of the whole 128 KiB
     * panel (L1 missed at every store): ~2 ns a weight, as much as a 158-row product's kernel
     * (Qwen3-ASR's prefill; docs/notes/2026-12-06c-qpre.md).
     * A last micro-panel's lanes past o1 keep whatever they held (zeros or other weights, all finite): their
     * outputs are computed in lanes of their own and never stored. (Zeroing them was a branch or a loop that
     * only some products take, which a fresh JVM's C2 compiled as a trap.)
     */
    static void pack(WeightMatrix w, int o0, int o1, int c0, int depth, float[] panel, float[] block) {
        int rows = o1 - o0;
        for (int r = 0; r < rows; r++) {
            w.widen(o0 + r, c0, depth, block, PANEL_AT + r * depth);
        }
        if (TRANSPOSE16) {
            // 16 × 16 blocks by permutes; every row of a micro-panel, the lanes past o1 included (their block rows
            // hold other weights or zeros, finite: their outputs are never stored), then the k left over (depth mod 16).
            int kv = depth - depth % L;
            for (int r0 = 0; r0 < rows; r0 += NR) {
                int at = PANEL_AT + r0 * depth; // the micro-panel's start in panel and its rows' start in block
                for (int k0 = 0; k0 < kv; k0 += L) {
                    for (int g = 0; g < NR; g += L) {
                        transpose16(block, at + g * depth + k0, depth, panel, at + k0 * NR + g, NR);
                    }
                }
                for (int r = 0; r < NR; r++) {
                    for (int k = kv; k < depth; k++) {
                        panel[at + k * NR + r] = block[at + r * depth + k];
                    }
                }
            }
            return;
        }
        for (int r0 = 0; r0 < rows; r0 += NR) {
            int micro = Math.min(NR, rows - r0);
            for (int k0 = 0; k0 < depth; k0 += PACK_K) {
                int chunk = Math.min(PACK_K, depth - k0);
                for (int r = 0; r < micro; r++) {
                    int src = PANEL_AT + (r0 + r) * depth + k0;
                    int dst = PANEL_AT + r0 * depth + k0 * NR + r;
                    for (int k = 0; k < chunk; k++) {
                        panel[dst + k * NR] = block[src + k];
                    }
                }
            }
        }
    }

    /**
     * {@code dst[d + j·dstStride + r] = src[s + r·srcStride + j]} for a 16 × 16 block: sixteen row loads, four
     * stages of two-vector permutes (stage b swaps the off-diagonal b × b blocks of each 2b × 2b block: rows i and
     * i + b exchange the lanes with bit b set in row i for those with it clear in row i + b; AVX-512
     * {@code vpermt2ps}), sixteen column stores. Only for 16-lane vectors ({@link #TRANSPOSE16}).
     */
    static void transpose16(float[] src, int s, int srcStride, float[] dst, int d, int dstStride) {
        FloatVector a0 = FloatVector.fromArray(F, src, s);
        FloatVector a1 = FloatVector.fromArray(F, src, s + 1 * srcStride);
        FloatVector a2 = FloatVector.fromArray(F, src, s + 2 * srcStride);
        FloatVector a3 = FloatVector.fromArray(F, src, s + 3 * srcStride);
        FloatVector a4 = FloatVector.fromArray(F, src, s + 4 * srcStride);
        FloatVector a5 = FloatVector.fromArray(F, src, s + 5 * srcStride);
        FloatVector a6 = FloatVector.fromArray(F, src, s + 6 * srcStride);
        FloatVector a7 = FloatVector.fromArray(F, src, s + 7 * srcStride);
        FloatVector a8 = FloatVector.fromArray(F, src, s + 8 * srcStride);
        FloatVector a9 = FloatVector.fromArray(F, src, s + 9 * srcStride);
        FloatVector a10 = FloatVector.fromArray(F, src, s + 10 * srcStride);
        FloatVector a11 = FloatVector.fromArray(F, src, s + 11 * srcStride);
        FloatVector a12 = FloatVector.fromArray(F, src, s + 12 * srcStride);
        FloatVector a13 = FloatVector.fromArray(F, src, s + 13 * srcStride);
        FloatVector a14 = FloatVector.fromArray(F, src, s + 14 * srcStride);
        FloatVector a15 = FloatVector.fromArray(F, src, s + 15 * srcStride);
        FloatVector b0 = LO8.selectFrom(a0, a8);
        FloatVector b8 = HI8.selectFrom(a0, a8);
        FloatVector b1 = LO8.selectFrom(a1, a9);
        FloatVector b9 = HI8.selectFrom(a1, a9);
        FloatVector b2 = LO8.selectFrom(a2, a10);
        FloatVector b10 = HI8.selectFrom(a2, a10);
        FloatVector b3 = LO8.selectFrom(a3, a11);
        FloatVector b11 = HI8.selectFrom(a3, a11);
        FloatVector b4 = LO8.selectFrom(a4, a12);
        FloatVector b12 = HI8.selectFrom(a4, a12);
        FloatVector b5 = LO8.selectFrom(a5, a13);
        FloatVector b13 = HI8.selectFrom(a5, a13);
        FloatVector b6 = LO8.selectFrom(a6, a14);
        FloatVector b14 = HI8.selectFrom(a6, a14);
        FloatVector b7 = LO8.selectFrom(a7, a15);
        FloatVector b15 = HI8.selectFrom(a7, a15);
        FloatVector c0 = LO4.selectFrom(b0, b4);
        FloatVector c4 = HI4.selectFrom(b0, b4);
        FloatVector c1 = LO4.selectFrom(b1, b5);
        FloatVector c5 = HI4.selectFrom(b1, b5);
        FloatVector c2 = LO4.selectFrom(b2, b6);
        FloatVector c6 = HI4.selectFrom(b2, b6);
        FloatVector c3 = LO4.selectFrom(b3, b7);
        FloatVector c7 = HI4.selectFrom(b3, b7);
        FloatVector c8 = LO4.selectFrom(b8, b12);
        FloatVector c12 = HI4.selectFrom(b8, b12);
        FloatVector c9 = LO4.selectFrom(b9, b13);
        FloatVector c13 = HI4.selectFrom(b9, b13);
        FloatVector c10 = LO4.selectFrom(b10, b14);
        FloatVector c14 = HI4.selectFrom(b10, b14);
        FloatVector c11 = LO4.selectFrom(b11, b15);
        FloatVector c15 = HI4.selectFrom(b11, b15);
        FloatVector d0 = LO2.selectFrom(c0, c2);
        FloatVector d2 = HI2.selectFrom(c0, c2);
        FloatVector d1 = LO2.selectFrom(c1, c3);
        FloatVector d3 = HI2.selectFrom(c1, c3);
        FloatVector d4 = LO2.selectFrom(c4, c6);
        FloatVector d6 = HI2.selectFrom(c4, c6);
        FloatVector d5 = LO2.selectFrom(c5, c7);
        FloatVector d7 = HI2.selectFrom(c5, c7);
        FloatVector d8 = LO2.selectFrom(c8, c10);
        FloatVector d10 = HI2.selectFrom(c8, c10);
        FloatVector d9 = LO2.selectFrom(c9, c11);
        FloatVector d11 = HI2.selectFrom(c9, c11);
        FloatVector d12 = LO2.selectFrom(c12, c14);
        FloatVector d14 = HI2.selectFrom(c12, c14);
        FloatVector d13 = LO2.selectFrom(c13, c15);
        FloatVector d15 = HI2.selectFrom(c13, c15);
        FloatVector e0 = LO1.selectFrom(d0, d1);
        FloatVector e1 = HI1.selectFrom(d0, d1);
        FloatVector e2 = LO1.selectFrom(d2, d3);
        FloatVector e3 = HI1.selectFrom(d2, d3);
        FloatVector e4 = LO1.selectFrom(d4, d5);
        FloatVector e5 = HI1.selectFrom(d4, d5);
        FloatVector e6 = LO1.selectFrom(d6, d7);
        FloatVector e7 = HI1.selectFrom(d6, d7);
        FloatVector e8 = LO1.selectFrom(d8, d9);
        FloatVector e9 = HI1.selectFrom(d8, d9);
        FloatVector e10 = LO1.selectFrom(d10, d11);
        FloatVector e11 = HI1.selectFrom(d10, d11);
        FloatVector e12 = LO1.selectFrom(d12, d13);
        FloatVector e13 = HI1.selectFrom(d12, d13);
        FloatVector e14 = LO1.selectFrom(d14, d15);
        FloatVector e15 = HI1.selectFrom(d14, d15);
        e0.intoArray(dst, d);
        e1.intoArray(dst, d + 1 * dstStride);
        e2.intoArray(dst, d + 2 * dstStride);
        e3.intoArray(dst, d + 3 * dstStride);
        e4.intoArray(dst, d + 4 * dstStride);
        e5.intoArray(dst, d + 5 * dstStride);
        e6.intoArray(dst, d + 6 * dstStride);
        e7.intoArray(dst, d + 7 * dstStride);
        e8.intoArray(dst, d + 8 * dstStride);
        e9.intoArray(dst, d + 9 * dstStride);
        e10.intoArray(dst, d + 10 * dstStride);
        e11.intoArray(dst, d + 11 * dstStride);
        e12.intoArray(dst, d + 12 * dstStride);
        e13.intoArray(dst, d + 13 * dstStride);
        e14.intoArray(dst, d + 14 * dstStride);
        e15.intoArray(dst, d + 15 * dstStride);
    }

    /**
     * Copies {@code rows} (1 to {@link #MR}) rows of {@code length} floats, {@code rowStride} apart from
     * {@code src[first]}, into {@link #stripKernel}'s layout at {@code strip[at]} (rows {@link #DEPTH} apart), so
     * the kernel addresses all six from one index. A short strip repeats its last row: the kernel computes MR
     * rows, and the caller does not store the duplicates.
     */
    static void copyStrip(float[] src, int first, int rowStride, int rows, int length, float[] strip, int at) {
        for (int r = 0; r < MR; r++) {
            System.arraycopy(src, first + Math.min(r, rows - 1) * rowStride, strip, at + r * DEPTH, length);
        }
    }

    /**
     * {@code c[r, j] = Σ_k strip[s + r·DEPTH + k] · panel[p + k·NR + j] + add[addOff + r·addStride + j]} for the
     * {@link #MR} rows of a strip and NR outputs, stored to {@code c[cOff + r·cStride + j]}: each sum from zero in
     * ascending k, then the addend added. The addend is the bias (row stride 0), the values already in {@code c}
     * (accumulating a later depth slice) or {@link #ZEROS}. Callers copy their six input rows into the strip's
     * layout (rows {@link #DEPTH} apart) first: with every stride a constant, C2 addresses the six rows and the
     * panel from the one loop index, 40 instructions per k; the former kernel, which read the rows in place
     * through six row offsets and the panel through a variable stride, ran ~70 (spilled offsets, a multiply and
     * two range checks in the loop) and 10–15 % slower. It is the only micro-kernel (products, attention,
     * convolution), so a fresh JVM compiles one.
     *
     * <p>No branch on what is added, on purpose: a fresh JVM compiles this method with C2 on the profile of
     * its first callers (the voice detector's small convolutions, or a stem's single depth slice), and a
     * branch none of them took was compiled as a trap that discarded the compiled kernel when the encoder
     * first took it (a second C2 compile of this large method on the first transcription's critical path).
     * Adding zeros costs NR·MR loads and adds per call, under 1 % of a 512-deep slice.
     *
     * <p>Not unrolled: two k per iteration made the former kernel too big for C1's register allocator ("out of
     * virtual registers"; under load it then ran for minutes at tier 2 with every vector boxed on the heap);
     * here it compiled, ran +10 % in a probe, but 5–60 % slower in the products, C2 having interleaved the two
     * steps' panel loads and spilled accumulators to the stack.
     */
    static void stripKernel(float[] strip, int s, float[] panel, int p, int depth,
                            float[] c, int cOff, int cStride, float[] add, int addOff, int addStride) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c01 = FloatVector.zero(F);
        FloatVector c02 = FloatVector.zero(F);
        FloatVector c03 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F);
        FloatVector c11 = FloatVector.zero(F);
        FloatVector c12 = FloatVector.zero(F);
        FloatVector c13 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F);
        FloatVector c21 = FloatVector.zero(F);
        FloatVector c22 = FloatVector.zero(F);
        FloatVector c23 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F);
        FloatVector c31 = FloatVector.zero(F);
        FloatVector c32 = FloatVector.zero(F);
        FloatVector c33 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F);
        FloatVector c41 = FloatVector.zero(F);
        FloatVector c42 = FloatVector.zero(F);
        FloatVector c43 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F);
        FloatVector c51 = FloatVector.zero(F);
        FloatVector c52 = FloatVector.zero(F);
        FloatVector c53 = FloatVector.zero(F);
        for (int k = 0; k < depth; k++) {
            int pk = p + k * NR;
            FloatVector b0 = FloatVector.fromArray(F, panel, pk);
            FloatVector b1 = FloatVector.fromArray(F, panel, pk + L);
            FloatVector b2 = FloatVector.fromArray(F, panel, pk + 2 * L);
            FloatVector b3 = FloatVector.fromArray(F, panel, pk + 3 * L);
            FloatVector a = FloatVector.broadcast(F, strip[s + k]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
            c03 = a.fma(b3, c03);
            a = FloatVector.broadcast(F, strip[s + k + 1 * DEPTH]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            c13 = a.fma(b3, c13);
            a = FloatVector.broadcast(F, strip[s + k + 2 * DEPTH]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            c23 = a.fma(b3, c23);
            a = FloatVector.broadcast(F, strip[s + k + 3 * DEPTH]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            c32 = a.fma(b2, c32);
            c33 = a.fma(b3, c33);
            a = FloatVector.broadcast(F, strip[s + k + 4 * DEPTH]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            c42 = a.fma(b2, c42);
            c43 = a.fma(b3, c43);
            a = FloatVector.broadcast(F, strip[s + k + 5 * DEPTH]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            c52 = a.fma(b2, c52);
            c53 = a.fma(b3, c53);
        }
        // Added and stored here, not in a helper: vectors passed to a call that is not inlined are boxed.
        int a0 = addOff;
        int a1 = addOff + addStride;
        int a2 = addOff + 2 * addStride;
        int a3 = addOff + 3 * addStride;
        int a4 = addOff + 4 * addStride;
        int a5 = addOff + 5 * addStride;
        c00 = c00.add(FloatVector.fromArray(F, add, a0));
        c01 = c01.add(FloatVector.fromArray(F, add, a0 + L));
        c02 = c02.add(FloatVector.fromArray(F, add, a0 + 2 * L));
        c03 = c03.add(FloatVector.fromArray(F, add, a0 + 3 * L));
        c10 = c10.add(FloatVector.fromArray(F, add, a1));
        c11 = c11.add(FloatVector.fromArray(F, add, a1 + L));
        c12 = c12.add(FloatVector.fromArray(F, add, a1 + 2 * L));
        c13 = c13.add(FloatVector.fromArray(F, add, a1 + 3 * L));
        c20 = c20.add(FloatVector.fromArray(F, add, a2));
        c21 = c21.add(FloatVector.fromArray(F, add, a2 + L));
        c22 = c22.add(FloatVector.fromArray(F, add, a2 + 2 * L));
        c23 = c23.add(FloatVector.fromArray(F, add, a2 + 3 * L));
        c30 = c30.add(FloatVector.fromArray(F, add, a3));
        c31 = c31.add(FloatVector.fromArray(F, add, a3 + L));
        c32 = c32.add(FloatVector.fromArray(F, add, a3 + 2 * L));
        c33 = c33.add(FloatVector.fromArray(F, add, a3 + 3 * L));
        c40 = c40.add(FloatVector.fromArray(F, add, a4));
        c41 = c41.add(FloatVector.fromArray(F, add, a4 + L));
        c42 = c42.add(FloatVector.fromArray(F, add, a4 + 2 * L));
        c43 = c43.add(FloatVector.fromArray(F, add, a4 + 3 * L));
        c50 = c50.add(FloatVector.fromArray(F, add, a5));
        c51 = c51.add(FloatVector.fromArray(F, add, a5 + L));
        c52 = c52.add(FloatVector.fromArray(F, add, a5 + 2 * L));
        c53 = c53.add(FloatVector.fromArray(F, add, a5 + 3 * L));
        int q0 = cOff;
        int q1 = cOff + cStride;
        int q2 = cOff + 2 * cStride;
        int q3 = cOff + 3 * cStride;
        int q4 = cOff + 4 * cStride;
        int q5 = cOff + 5 * cStride;
        c00.intoArray(c, q0);
        c01.intoArray(c, q0 + L);
        c02.intoArray(c, q0 + 2 * L);
        c03.intoArray(c, q0 + 3 * L);
        c10.intoArray(c, q1);
        c11.intoArray(c, q1 + L);
        c12.intoArray(c, q1 + 2 * L);
        c13.intoArray(c, q1 + 3 * L);
        c20.intoArray(c, q2);
        c21.intoArray(c, q2 + L);
        c22.intoArray(c, q2 + 2 * L);
        c23.intoArray(c, q2 + 3 * L);
        c30.intoArray(c, q3);
        c31.intoArray(c, q3 + L);
        c32.intoArray(c, q3 + 2 * L);
        c33.intoArray(c, q3 + 3 * L);
        c40.intoArray(c, q4);
        c41.intoArray(c, q4 + L);
        c42.intoArray(c, q4 + 2 * L);
        c43.intoArray(c, q4 + 3 * L);
        c50.intoArray(c, q5);
        c51.intoArray(c, q5 + L);
        c52.intoArray(c, q5 + 2 * L);
        c53.intoArray(c, q5 + 3 * L);
    }
}
