package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorBackend.F;
import static io.github.asr4j.kernels.cpu.VectorBackend.L;
import static io.github.asr4j.kernels.cpu.VectorGemm.DEPTH;
import static io.github.asr4j.kernels.cpu.VectorGemm.MR;
import static io.github.asr4j.kernels.cpu.VectorGemm.NR;

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
 * over the block's channels, six at a time (their weight rows copied into its strip layout). Every
 * output sums its taps in the same order as the im2col product, {@code k = (c·size + i)·size + j}, slices ascending, the bias added after the
 * first slice: the results are bit-identical to it (where it too runs through the micro-kernel: more
 * than {@link VectorBackend#FEW_ROWS} positions), at any thread count.
 */
final class VectorConv2d {
    /** Fewest tasks a convolution is split into (load balance for a few threads). */
    private static final int MIN_TASKS = 8;

    private final ThreadLocal<float[]> panels = new ThreadLocal<>();
    private final ThreadLocal<float[]> tiles = new ThreadLocal<>();
    private final ThreadLocal<float[]> strips = new ThreadLocal<>();
    private final ThreadLocal<TapTable> tapTables = new ThreadLocal<>();

    /**
     * @param x {@code [in, height, width]} channel-major
     * @param w {@code [out, in·size·size]} row-major, PyTorch's order
     * @param y {@code [out, outH, outW]} channel-major
     */
    void run(WorkerPool pool, float[] x, int in, int height, int width, float[] w, int out, int size, float[] bias,
             int stride, int padding, float[] y, int outH, int outW) {
        int patch = in * size * size;
        int positions = outH * outW;
        int colBlocks = CpuBackend.blocks(positions, NR);
        int rowBlocks = Math.min(CpuBackend.blocks(out, MR), CpuBackend.blocks(MIN_TASKS, colBlocks));
        int rowBlock = CpuBackend.blocks(CpuBackend.blocks(out, rowBlocks), MR) * MR;
        int tapCount = size * size;
        float[] start = bias == null ? new float[out] : bias;
        pool.parallelFor(colBlocks * CpuBackend.blocks(out, rowBlock), task -> {
            int p0 = (task % colBlocks) * NR;
            int cols = Math.min(NR, positions - p0);
            int o0 = (task / colBlocks) * rowBlock;
            int o1 = Math.min(out, o0 + rowBlock);
            float[] panel = CpuBackend.scratch(panels, DEPTH * NR);
            float[] tile = CpuBackend.scratch(tiles, MR * NR);
            float[] strip = CpuBackend.scratch(strips, MR * DEPTH);
            TapTable table = scratchTable(tapCount * NR);
            int[] index = table.index();
            boolean[] valid = table.valid();
            tapTable(p0, cols, height, width, size, stride, padding, outW, index, valid);
            // The outputs start as the bias (or zeros) and every slice adds to them: no branch on the slice or
            // the bias (a fresh JVM's C2 compiled the side its first calls had not taken as a trap).
            for (int r = o0; r < o1; r++) {
                java.util.Arrays.fill(y, r * positions + p0, r * positions + p0 + cols, start[r]);
            }
            for (int c0 = 0; c0 < patch; c0 += DEPTH) {
                int depth = Math.min(DEPTH, patch - c0);
                gather(x, height * width, tapCount, c0, depth, index, valid, panel);
                for (int o = o0; o < o1; o += MR) {
                    int rows = Math.min(MR, o1 - o);
                    // The strip's weight rows in the strip kernel's layout (a short strip's duplicates not stored).
                    VectorGemm.copyStrip(w, o * patch + c0, patch, rows, depth, strip, 0);
                    if (rows == MR && cols == NR) {
                        int at = o * positions + p0;
                        VectorGemm.stripKernel(strip, 0, panel, 0, depth, y, at, positions, y, at, positions);
                    } else {
                        VectorGemm.stripKernel(strip, 0, panel, 0, depth, tile, 0, NR, VectorGemm.ZEROS, 0, 0);
                        for (int r = 0; r < rows; r++) {
                            int yo = (o + r) * positions + p0;
                            for (int j = 0; j < cols; j++) {
                                y[yo + j] = tile[r * NR + j] + y[yo + j];
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

    /** {@code panel[kk][n] = patch(p0 + n, c0 + kk)} for the slice, zero where the tap is outside. */
    private static void gather(float[] x, int plane, int tapCount, int c0, int depth, int[] index, boolean[] valid,
                               float[] panel) {
        int c = c0 / tapCount;
        int t = c0 % tapCount;
        for (int kk = 0; kk < depth; kk++) {
            int base = c * plane;
            int tn = t * NR;
            int dst = kk * NR;
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
