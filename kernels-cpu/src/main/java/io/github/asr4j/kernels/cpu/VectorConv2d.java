package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorBackend.F;
import static io.github.asr4j.kernels.cpu.VectorBackend.L;
import static io.github.asr4j.kernels.cpu.VectorGemm.DEPTH;
import static io.github.asr4j.kernels.cpu.VectorGemm.MR;
import static io.github.asr4j.kernels.cpu.VectorGemm.NR;
import static io.github.asr4j.kernels.cpu.VectorGemm.PANEL_AT;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Conv2d as {@code y[o, p] = bias[o] + Σ_k W[o, k] · patch(p, k)}: the kernel's rows are the
 * micro-kernel's broadcast side and the patches its vector side, so the product comes out
 * channel-major (the layout conv2d returns) with no transpose, and the patches are gathered
 * straight into {@link VectorGemm}'s panel layout instead of into an im2col matrix first.
 *
 * <p>Each task owns {@link VectorGemm#NR} output positions × a block of output channels. For each
 * {@link VectorGemm#DEPTH} slice of the patch it gathers the slice's panel (vector gathers through
 * per-tap index tables, zero where a tap falls in the padding) and runs {@link VectorGemm#stripKernel}
 * over the block's channels, six at a time (their weight rows packed in its strip layout once per kernel). Every
 * output sums its taps in the same order as the im2col product, {@code k = (c·size + i)·size + j}, slices ascending, the bias added after the
 * first slice: the results are bit-identical to it (where it too runs through the micro-kernel: more
 * than {@link VectorBackend#FEW_ROWS} positions), at any thread count.
 */
final class VectorConv2d {
    /** Fewest tasks a convolution is split into (load balance for a few threads). */
    private static final int MIN_TASKS = 8;

    /**
     * Per-thread gathered panels, at {@link VectorGemm#PANEL_AT} in a humongous array ({@link VectorGemm#panelFloats}):
     * every panel line 64-byte aligned, so each of the kernel's 512-bit panel loads reads one cache line, not two
     * (the products' panels and attention's already were). On the Intel VM the kernel alone ran 235–239 GFLOP/s
     * one thread aligned against 193–212 at a heap array's 16-byte offset (docs/notes/2026-12-07d-qenc3.md).
     */
    private final ThreadLocal<float[]> panels = new ThreadLocal<>();
    private final ThreadLocal<float[]> tiles = new ThreadLocal<>();
    private final ThreadLocal<TapTable> tapTables = new ThreadLocal<>();

    /**
     * The kernel {@code w [out, patch]} in {@link VectorGemm#stripKernel}'s layout, built once per kernel instead of
     * per task and slice (each conv2 task copied all 8 MB of the 0.6B kernel): strip {@code g} (rows {@code 6g …})
     * and depth slice {@code q} at {@code (g·slices + q)·MR·DEPTH}, its rows {@link VectorGemm#DEPTH} apart, a short
     * last strip repeating its last row, as {@link VectorGemm#copyStrip} lays them out.
     */
    static float[] packStrips(float[] w, int out, int patch) {
        int slices = CpuBackend.blocks(patch, DEPTH);
        int stripCount = CpuBackend.blocks(out, MR);
        float[] strips = new float[Math.multiplyExact(stripCount * slices, MR * DEPTH)];
        for (int g = 0; g < stripCount; g++) {
            int rows = Math.min(MR, out - g * MR);
            for (int q = 0; q < slices; q++) {
                int c0 = q * DEPTH;
                VectorGemm.copyStrip(w, g * MR * patch + c0, patch, rows, Math.min(DEPTH, patch - c0), strips,
                        (g * slices + q) * MR * DEPTH);
            }
        }
        return strips;
    }

    /**
     * @param x {@code [in, height, width]} channel-major
     * @param strips the kernel {@code [out, in·size·size]} (PyTorch's order) as {@link #packStrips} lays it out
     * @param y {@code [out, outH, outW]} channel-major
     */
    void run(WorkerPool pool, float[] x, int in, int height, int width, float[] strips, int out, int size,
             float[] bias, int stride, int padding, float[] y, int outH, int outW) {
        int patch = in * size * size;
        int slices = CpuBackend.blocks(patch, DEPTH);
        int positions = outH * outW;
        int colBlocks = CpuBackend.blocks(positions, NR);
        int rowBlocks = Math.min(CpuBackend.blocks(out, MR), CpuBackend.blocks(MIN_TASKS, colBlocks));
        int rowBlock = CpuBackend.blocks(CpuBackend.blocks(out, rowBlocks), MR) * MR;
        int tapCount = size * size;
        // The first slice adds the bias, each output's row of NR copies (the kernel's addend layout), later slices
        // the sums so far in y: chosen by arithmetic, no branch on the slice (a fresh JVM's C2 compiled the side its
        // first calls had not taken as a trap), and y is not filled with the bias first (conv1 wrote its 6 MB twice).
        float[] wideBias = new float[out * NR];
        if (bias != null) {
            for (int r = 0; r < out; r++) {
                java.util.Arrays.fill(wideBias, r * NR, (r + 1) * NR, bias[r]);
            }
        }
        float[][] addends = {wideBias, y};
        pool.parallelFor(colBlocks * CpuBackend.blocks(out, rowBlock), task -> {
            int p0 = (task % colBlocks) * NR;
            int cols = Math.min(NR, positions - p0);
            int o0 = (task / colBlocks) * rowBlock;
            int o1 = Math.min(out, o0 + rowBlock);
            float[] panel = CpuBackend.scratch(panels, VectorGemm.panelFloats(1));
            float[] tile = CpuBackend.scratch(tiles, MR * NR);
            TapTable table = scratchTable(tapCount * NR);
            int[] index = table.index();
            boolean[] valid = table.valid();
            tapTable(p0, cols, height, width, size, stride, padding, outW, index, valid);
            for (int c0 = 0; c0 < patch; c0 += DEPTH) {
                int depth = Math.min(DEPTH, patch - c0);
                gather(x, height * width, tapCount, c0, depth, index, valid, panel, PANEL_AT);
                int later = Math.min(c0, 1); // 0 in the first slice, 1 after
                float[] add = addends[later];
                int addStride = (1 - later) * NR + later * positions;
                for (int o = o0; o < o1; o += MR) {
                    int rows = Math.min(MR, o1 - o);
                    int s = (o / MR * slices + c0 / DEPTH) * MR * DEPTH;
                    int at = o * positions + p0;
                    int addAt = (1 - later) * o * NR + later * at;
                    if (rows == MR && cols == NR) {
                        VectorGemm.stripKernel(strips, s, panel, PANEL_AT, depth, y, at, positions, add, addAt, addStride);
                    } else {
                        VectorGemm.stripKernel(strips, s, panel, PANEL_AT, depth, tile, 0, NR, VectorGemm.ZEROS, 0, 0);
                        for (int r = 0; r < rows; r++) {
                            int yo = at + r * positions;
                            int a = addAt + r * addStride;
                            for (int j = 0; j < cols; j++) {
                                y[yo + j] = tile[r * NR + j] + add[a + j];
                            }
                        }
                    }
                }
            }
        });
    }

    private static void tapTable(int p0, int cols, int height, int width, int size, int stride, int padding, int outW,
                                 int[] index, boolean[] valid) {
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                int t = (i * size + j) * NR;
                for (int n = 0; n < NR; n++) {
                    int p = p0 + n;
                    int row = (p / outW) * stride + i - padding;
                    int col = (p % outW) * stride + j - padding;
                    // One test on the sign: a first call already takes both sides (see CpuBackend.conv2dIm2col).
                    boolean in = ((cols - 1 - n) | row | (height - 1 - row) | col | (width - 1 - col)) >= 0;
                    index[t + n] = in ? row * width + col : 0;
                    valid[t + n] = in;
                }
            }
        }
    }

    /** {@code panel[at + kk·NR + n] = patch(p0 + n, c0 + kk)} for the slice, zero where the tap is outside. */
    private static void gather(float[] x, int plane, int tapCount, int c0, int depth, int[] index, boolean[] valid,
                               float[] panel, int at) {
        int c = c0 / tapCount;
        int t = c0 % tapCount;
        for (int kk = 0; kk < depth; kk++) {
            int base = c * plane;
            int tn = t * NR;
            int dst = at + kk * NR;
            for (int v = 0; v < NR; v += L) {
                VectorMask<Float> m = VectorMask.fromArray(F, valid, tn + v);
                FloatVector.fromArray(F, x, base, index, tn + v, m).intoArray(panel, dst + v);
            }
            if (++t == tapCount) {
                t = 0;
                c++;
            }
        }
    }

    /** Per tap and lane of a task's positions: the input offset within a channel, and whether it is inside. */
    private record TapTable(int[] index, boolean[] valid) {}

    private TapTable scratchTable(int size) {
        TapTable t = tapTables.get();
        if (t == null || t.index.length < size) {
            t = new TapTable(new int[size], new boolean[size]);
            tapTables.set(t);
        }
        return t;
    }
}
