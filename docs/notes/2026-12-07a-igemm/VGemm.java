package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorGemm.*;

/** VectorGemm.run with its tiling as parameters and optional per-thread timers. */
final class VGemm {
    final int panelsPerTask, manyRows, tasksPerThread, rowSplit;
    final boolean timed;
    static final long[] busy = new long[64], packT = new long[64], copyT = new long[64];
    private final ThreadLocal<float[]> panels = new ThreadLocal<>(), blocks = new ThreadLocal<>(), tiles = new ThreadLocal<>(), strips = new ThreadLocal<>();
    private final ThreadLocal<Integer> tid = new ThreadLocal<>();
    private final java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();

    VGemm(int panelsPerTask, int manyRows, int tasksPerThread, int rowSplit, boolean timed) {
        this.panelsPerTask = panelsPerTask; this.manyRows = manyRows; this.tasksPerThread = tasksPerThread; this.rowSplit = rowSplit; this.timed = timed;
    }

    void run(WorkerPool pool, float[] x, int xOffset, int xRowStride, int n, WeightMatrix w, float[] bias, float[] y) {
        int out = w.rows();
        int in = w.cols();
        int micro = CpuBackend.blocks(out, NR);
        int minTasks = tasksPerThread * pool.threads();
        int perTask = n >= manyRows ? panelsPerTask : 1;
        int colTasks = Math.min(micro, Math.max(minTasks, CpuBackend.blocks(micro, perTask)));
        int maxPanels = CpuBackend.blocks(micro, colTasks);
        int minRowBlocks = Math.max(rowSplit, CpuBackend.blocks(minTasks, colTasks));
        int rowBlock = Math.min(ROW_BLOCK, CpuBackend.blocks(CpuBackend.blocks(n, minRowBlocks), MR) * MR);
        int rowBlocks = CpuBackend.blocks(n, rowBlock);
        float[][] addends = {bias == null ? ZEROS : bias, y};
        int addPerOutput = bias == null ? 0 : 1;
        pool.parallelFor(colTasks * rowBlocks, task -> {
            long t0 = timed ? System.nanoTime() : 0;
            int ct = task % colTasks;
            int o0 = ct * micro / colTasks * NR;
            int o1 = Math.min(out, (ct + 1) * micro / colTasks * NR);
            int i0 = (task / colTasks) * rowBlock;
            int i1 = Math.min(n, i0 + rowBlock);
            float[] panel = CpuBackend.scratch(panels, maxPanels * NR * DEPTH);
            float[] block = CpuBackend.scratch(blocks, maxPanels * NR * DEPTH);
            float[] tile = CpuBackend.scratch(tiles, MR * NR);
            float[] strip = CpuBackend.scratch(strips, MR * DEPTH);
            int taskMicro = CpuBackend.blocks(o1 - o0, NR);
            long pk = 0, cp = 0;
            for (int c0 = 0; c0 < in; c0 += DEPTH) {
                int depth = Math.min(DEPTH, in - c0);
                long a = timed ? System.nanoTime() : 0;
                pack(w, o0, o1, c0, depth, panel, block);
                if (timed) pk += System.nanoTime() - a;
                int later = Math.min(c0, 1);
                float[] add = addends[later];
                for (int i = i0; i < i1; i += MR) {
                    int valid = Math.min(MR, i1 - i);
                    long b = timed ? System.nanoTime() : 0;
                    copyStrip(x, xOffset + c0 + i * xRowStride, xRowStride, valid, depth, strip, 0);
                    if (timed) cp += System.nanoTime() - b;
                    for (int mp = 0; mp < taskMicro; mp++) {
                        int o = o0 + mp * NR;
                        int cols = Math.min(NR, o1 - o);
                        int biasOffset = (1 - later) * o * addPerOutput;
                        int p = mp * depth * NR;
                        if (valid == MR && cols == NR) {
                            int yo = i * out + o;
                            stripKernel(strip, 0, panel, p, depth, y, yo, out, add, biasOffset + later * yo, later * out);
                        } else {
                            stripKernel(strip, 0, panel, p, depth, tile, 0, NR, ZEROS, 0, 0);
                            for (int r = 0; r < valid; r++) {
                                int yo = (i + r) * out + o;
                                int aa = biasOffset + later * yo;
                                for (int c = 0; c < cols; c++) {
                                    y[yo + c] = tile[r * NR + c] + add[aa + c];
                                }
                            }
                        }
                    }
                }
            }
            if (timed) {
                Integer id = tid.get();
                if (id == null) { id = ids.getAndIncrement(); tid.set(id); }
                busy[id] += System.nanoTime() - t0; packT[id] += pk; copyT[id] += cp;
            }
        });
    }

    private static void pack(WeightMatrix w, int o0, int o1, int c0, int depth, float[] panel, float[] block) {
        int rows = o1 - o0;
        for (int r = 0; r < rows; r++) {
            w.widen(o0 + r, c0, depth, block, r * depth);
        }
        for (int r0 = 0; r0 < rows; r0 += NR) {
            int micro = Math.min(NR, rows - r0);
            for (int k0 = 0; k0 < depth; k0 += PACK_K) {
                int chunk = Math.min(PACK_K, depth - k0);
                for (int r = 0; r < micro; r++) {
                    int src = (r0 + r) * depth + k0;
                    int dst = r0 * depth + k0 * NR + r;
                    for (int k = 0; k < chunk; k++) {
                        panel[dst + k * NR] = block[src + k];
                    }
                }
            }
        }
    }
}
