package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorBackend.F;
import static io.github.asr4j.kernels.cpu.VectorBackend.L;

import jdk.incubator.vector.FloatVector;

/**
 * Multi-head attention for many queries (the encoder, decoder prompts) with SIMD tiles. Few
 * queries (decoder steps) take {@link CpuBackend}'s dot-product path instead.
 */
final class VectorAttention {
    /** Queries per tiled attention task. */
    private static final int QUERY_BLOCK = 4 * VectorGemm.MR;
    /** Keys per block of the weights × V product: 256 rows of V (64 KiB at headDim 64) stay near L1. */
    private static final int VALUE_BLOCK = 256;

    private final ThreadLocal<float[]> attentionTiles = new ThreadLocal<>();
    private final ThreadLocal<float[]> transposedKeys = new ThreadLocal<>();
    private final ThreadLocal<float[]> packedValues = new ThreadLocal<>();
    private final ThreadLocal<float[]> inverseSums = new ThreadLocal<>();
    private final ThreadLocal<float[]> queryStrips = new ThreadLocal<>();

    /**
     * Where the transposed keys {@code kt} and the packed values {@code vp} start in their arrays:
     * {@link AlignedRows#OFFSET} in arrays made G1 humongous objects (see {@link #streamed}), where every
     * panel line is 64-byte aligned and each of {@link VectorGemm#stripKernel}'s 512-bit panel loads reads one
     * cache line, not two (as {@link VectorGemm#PANEL_AT} for the products); 0 in plain arrays. Every panel
     * offset the tasks use is a multiple of 16 floats past it. Same values, same order: no bits change.
     */
    private final int at;

    VectorAttention() {
        this(true);
    }

    /** {@code aligned} false: the panels at 0 in plain arrays (tests compare the two layouts bit for bit). */
    VectorAttention(boolean aligned) {
        this.at = aligned ? AlignedRows.OFFSET : 0;
    }

    /**
     * The calling thread's array for {@code floats} floats from {@link #at}: made humongous when aligned
     * ({@link AlignedRows#alignedLength}), so that its data starts 16 bytes past a region start.
     */
    private float[] streamed(ThreadLocal<float[]> holder, int floats) {
        int size = Math.addExact(at, floats);
        return CpuBackend.scratch(holder, at > 0 ? AlignedRows.alignedLength(size) : size);
    }

    /** Whether the tiled path applies: at least 4 queries and a head width of whole micro-panels, at most a strip's. */
    static boolean supports(int nq, int headDim) {
        return nq >= 4 && headDim % VectorGemm.NR == 0 && headDim <= VectorGemm.DEPTH;
    }

    /**
     * Attention as {@link io.github.asr4j.kernels.Backend#attention}, for checked arguments.
     * First every head's K slice is transposed once (per tile of 4L keys a {@code [d][key]} panel,
     * zero-padded) and its V slice copied into panels of NR values per key; then each task takes a head
     * and a block of queries (see {@link #tiledBlock}). Keys past a query's causal limit get probability 0 and so add nothing.
     */
    void run(WorkerPool pool, float[] q, int nq, float[] k, float[] v, int nkv, int heads, int kvHeads, int headDim,
             boolean causal, int pastLength, float[] out) {
        run(pool, q, 0, nq, k, v, 0, nkv, heads, kvHeads, headDim, causal, pastLength, out);
    }

    /**
     * As {@link #run(WorkerPool, float[], int, float[], float[], int, int, int, int, boolean, int, float[])} for the
     * query rows {@code qRow0 ..} of q (and of out) against the key and value rows {@code kRow0 ..} of k and v:
     * one window of a windowed mask is the full attention of its queries over its keys.
     */
    void run(WorkerPool pool, float[] q, int qRow0, int nq, float[] k, float[] v, int kRow0, int nkv, int heads, int kvHeads,
             int headDim, boolean causal, int pastLength, float[] out) {
        int width = heads * headDim;
        int kvWidth = kvHeads * headDim;
        int group = heads / kvHeads;
        int keys = causal ? pastLength + nq : nkv;
        int tile = 4 * L;
        // Keys padded to whole tiles; each tile of keys is a contiguous [headDim][tile] panel, read
        // by the micro-kernel like a packed weight panel.
        int kp = CpuBackend.blocks(keys, tile) * tile;
        // Buffers of the calling thread, reused across calls (the workers only read and fill them).
        float[] kt = streamed(transposedKeys, Math.multiplyExact(kvHeads, Math.multiplyExact(headDim, kp)));
        // V's head slices made contiguous, for the same reason (rows of the full V are a power-of-two-ish stride apart),
        // NR values per key in each panel.
        float[] vp = streamed(packedValues, Math.multiplyExact(kvHeads, Math.multiplyExact(headDim, keys)));
        int keyTiles = CpuBackend.blocks(keys, tile);
        pool.parallelFor(kvHeads * keyTiles, t -> {
            int h = t / keyTiles;
            int j0 = (t % keyTiles) * tile;
            int j1 = Math.min(keys, j0 + tile);
            int base = at + h * headDim * kp;
            int col = h * headDim;
            for (int d = 0; d < headDim; d++) {
                int dst = base + j0 * headDim + d * tile - j0;
                for (int j = j0; j < j1; j++) {
                    kt[dst + j] = k[(kRow0 + j) * kvWidth + col + d];
                }
                // The last tile's keys past the end score 0 (their probabilities are zeroed later).
                java.util.Arrays.fill(kt, dst + j1, dst + j0 + tile, 0f);
            }
            // V's head slice as [headDim / NR][key][NR] panels (row stride NR, as the strip kernel reads them).
            int vBase = at + h * headDim * keys;
            for (int j = j0; j < j1; j++) {
                for (int c = 0; c < headDim; c += tile) {
                    System.arraycopy(v, (kRow0 + j) * kvWidth + col + c, vp, vBase + c * keys + j * tile, tile);
                }
            }
        });
        float scale = (float) (1 / Math.sqrt(headDim));
        int queryBlocks = CpuBackend.blocks(nq, QUERY_BLOCK);
        // Query i sees keys [0, keyBase + keyStep·(i+1)): all nkv, or its causal limit. Arithmetic rather than a
        // branch on causal in the tasks: a fresh JVM compiles them with C2 on the encoder's (never causal)
        // profile, and a branch never taken was compiled as a trap that discarded them at the first prompt.
        int keyBase = causal ? pastLength : nkv;
        int keyStep = causal ? 1 : 0;
        pool.parallelFor(heads * queryBlocks, task -> {
            int h = task / queryBlocks;
            int q0 = (task % queryBlocks) * QUERY_BLOCK;
            int q1 = Math.min(nq, q0 + QUERY_BLOCK);
            int blockKeys = keyBase + keyStep * q1;
            int kvh = h / group;
            tiledBlock(q, q0, q1, kt, at + kvh * headDim * kp, kp, vp, at + kvh * headDim * keys, keys, blockKeys,
                    qRow0 * width + h * headDim, headDim, width, keyBase, keyStep, scale, out);
        });
    }

    /**
     * Queries {@code [q0, q1)} of one head. Scores: for each block of {@link VectorGemm#NR} keys
     * (its slice of the transposed K read once into L1), every 6-query strip (copied once) runs
     * {@link VectorGemm#stripKernel} into the block's score rows (at most {@link #QUERY_BLOCK} × keys
     * floats, per thread). The rows are exponentiated in place; then, for each block of
     * {@link #VALUE_BLOCK} keys (its rows of V in L1), every strip accumulates weights × V into a
     * per-thread output tile (V's panels hold {@code vpKeys} keys each), and each output row is finally divided
     * by its row's sum. Every
     * output's sums run in an order fixed by the shapes.
     */
    private void tiledBlock(float[] q, int q0, int q1, float[] kt, int ktOff, int kp, float[] vp, int vpOff, int vpKeys,
                            int keys, int col, int headDim, int width, int keyBase, int keyStep, float scale, float[] out) {
        int nr = VectorGemm.NR;
        int mr = VectorGemm.MR;
        int sp = CpuBackend.blocks(keys, nr) * nr;     // score row stride: whole micro-panels
        int strips = CpuBackend.blocks(q1 - q0, mr);
        // The score rows and the output tile in one per-thread array, from at (both whole cache lines of floats).
        int scores = strips * mr * sp;
        float[] s = streamed(attentionTiles, scores + strips * mr * headDim);
        float[] acc = s;
        int s0 = at;
        int acc0 = at + scores;
        float[] inv = CpuBackend.scratch(inverseSums, q1 - q0);
        // Each strip's queries copied once into VectorGemm.stripKernel's layout (rows DEPTH apart), several strips
        // side by side in one buffer's rows: the kernel then addresses them from one index.
        int slots = VectorGemm.DEPTH / headDim;
        float[] qs = CpuBackend.scratch(queryStrips, CpuBackend.blocks(strips, slots) * mr * VectorGemm.DEPTH);
        for (int strip = 0; strip < strips; strip++) {
            int i = q0 + strip * mr;
            int qAt = (strip / slots) * mr * VectorGemm.DEPTH + (strip % slots) * headDim;
            // A short strip repeats its last query; those score rows are spare rows of s.
            VectorGemm.copyStrip(q, i * width + col, width, Math.min(mr, q1 - i), headDim, qs, qAt);
        }
        for (int j = 0; j < sp; j += nr) {
            for (int strip = 0; strip < strips; strip++) {
                int qAt = (strip / slots) * mr * VectorGemm.DEPTH + (strip % slots) * headDim;
                VectorGemm.stripKernel(qs, qAt, kt, ktOff + j * headDim, headDim, s, s0 + strip * mr * sp + j, sp,
                        VectorGemm.ZEROS, 0, 0);
            }
        }
        for (int i = q0; i < q1; i++) {
            int lim = keyBase + keyStep * (i + 1);
            int row = s0 + (i - q0) * sp;
            float max = VectorOps.max(s, row, lim);
            inv[i - q0] = 1 / VectorOps.expScaledInPlace(s, row, lim, max, scale);
            java.util.Arrays.fill(s, row + lim, row + keys, 0f);
        }
        for (int k0 = 0; k0 < keys; k0 += VALUE_BLOCK) {
            int depth = Math.min(VALUE_BLOCK, keys - k0);
            for (int strip = 0; strip < strips; strip++) {
                int valid = Math.min(mr, q1 - q0 - strip * mr);
                int base = s0 + strip * mr * sp + k0;
                // The strip's weights copied into the strip kernel's layout (a short strip repeats its last row).
                VectorGemm.copyStrip(s, base, sp, valid, depth, qs, 0);
                for (int c = 0; c < headDim; c += nr) {
                    int t = acc0 + strip * mr * headDim + c;
                    VectorGemm.stripKernel(qs, 0, vp, vpOff + c * vpKeys + k0 * nr, depth,
                            acc, t, headDim, k0 > 0 ? acc : VectorGemm.ZEROS, k0 > 0 ? t : 0, k0 > 0 ? headDim : 0);
                }
            }
        }
        for (int i = q0; i < q1; i++) {
            int o = i * width + col;
            System.arraycopy(acc, acc0 + (i - q0) * headDim, out, o, headDim);
            VectorOps.scale(out, o, headDim, inv[i - q0]);
        }
    }
}
