package io.github.asr4j.kernels.cpu;

import static io.github.asr4j.kernels.cpu.VectorWiden.B;
import static io.github.asr4j.kernels.cpu.VectorWiden.F;

import io.github.asr4j.loader.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * 8-bit block-quantized weights in native memory: signed bytes, rows padded to whole blocks of
 * {@link #BLOCK} (zeros), and one float scale per block ({@code w ≈ scale · q},
 * {@code scale = max|w| / 127}). Rows are stored in pairs ({@link #GROUP}), block by block: block b
 * of rows 2g and 2g+1 are 64 consecutive bytes, so a pass over both rows at once (the decoder
 * step's matrix-vector product, {@link Simd#dotRows}) reads memory in order; the scales are laid
 * out the same way (a block's scale index is its first byte's offset / {@link #BLOCK}). An odd
 * last row is paired with a zero row.
 */
class Int8Weights extends WeightMatrix {
    /** Inputs per quantization block (one float scale each). */
    static final int BLOCK = 32;
    /**
     * Rows stored together block by block. Two: reading two row-major rows side by side (768
     * bytes apart) measured half the speed of one at a time from memory, the same two rows
     * interleaved 1.4x its speed (one thread, 51864 x 768, load ~4); four rows per pass measured
     * slower than one in either layout.
     */
    static final int GROUP = 2;
    /** Bytes from one block of a row to its next. */
    static final int BLOCK_STEP = GROUP * BLOCK;
    /** log2 of {@link #BLOCK}. */
    private static final int BLOCK_SHIFT = Integer.numberOfTrailingZeros(BLOCK);

    /** One float per block of {@link #BLOCK} elements of data. */
    final MemorySegment scales;

    /**
     * Quantized bytes and their block scales, {@code stride} bytes (whole blocks) per row, rows in
     * pairs ({@link #blockStart}; {@code WeightMatrix.element} does not address them).
     */
    record Quantized(MemorySegment bytes, MemorySegment scales, int stride) {}

    Int8Weights(String name, Quantized q, int rows, int cols) {
        super(name, q.bytes(), rows, cols, q.stride());
        this.scales = q.scales();
    }

    /** Byte offset (in {@code data}) of the first element of block {@code block} of {@code row}. */
    final long blockStart(int row, int block) {
        return blockStart(row, block, rowStride / BLOCK);
    }

    private static long blockStart(int row, int block, int blocksPerRow) {
        return ((long) (row / GROUP) * blocksPerRow + block) * BLOCK_STEP + (long) (row % GROUP) * BLOCK;
    }

    /**
     * The index in {@code scales} of the block whose first byte is at {@code blockStart} (≥ 0): a
     * shift, where {@code / BLOCK} on a long compiles to five instructions (it must round negatives).
     */
    static long scaleIndex(long blockStart) {
        return blockStart >>> BLOCK_SHIFT;
    }

    /** Byte offset of {@code W[row, col]} in {@code data}. */
    final long offset(int row, int col) {
        return blockStart(row, col / BLOCK) + col % BLOCK;
    }

    @Override
    public DType dtype() {
        return DType.I8;
    }

    @Override
    public long bytes() {
        return data.byteSize() + scales.byteSize();
    }

    /**
     * Quantizes a bound F32, F16 or BF16 matrix in new native memory: per block
     * {@code scale = max|w| / 127}, {@code q = round(w / scale)} (so {@code |w - scale·q| ≤ scale / 2}).
     *
     * @throws IllegalArgumentException when a row holds a non-finite value
     */
    static Quantized quantize(WeightMatrix stored) {
        int rows = stored.rows();
        int cols = stored.cols();
        int stride = Math.multiplyExact((cols + BLOCK - 1) / BLOCK, BLOCK);
        int blocks = stride / BLOCK;
        long paddedRows = (rows + GROUP - 1L) / GROUP * GROUP;
        Arena arena = Arena.ofAuto();
        MemorySegment q = arena.allocate(Math.multiplyExact(paddedRows, stride), 64);
        MemorySegment s = arena.allocate(4L * paddedRows * blocks, 64);
        float[] row = new float[stride];
        byte[] qrow = new byte[stride];
        float[] srow = new float[stride / BLOCK];
        // A pair of rows in their stored order, copied out once both are quantized (one copy per block measured slower).
        byte[] qpair = new byte[GROUP * stride];
        float[] spair = new float[GROUP * blocks];
        for (int r = 0; r < rows; r++) {
            stored.widen(r, 0, cols, row, 0);
            for (int b = 0; b < srow.length; b++) {
                float max = maxAbs(row, b * BLOCK, (b + 1) * BLOCK);
                if (!Float.isFinite(max)) {
                    throw new IllegalArgumentException("tensor " + stored.name() + ": row " + r + " holds a non-finite value,"
                            + " which int8 cannot represent");
                }
                float scale = max / 127;
                srow[b] = scale;
                float inv = scale == 0 ? 0 : 1 / scale;
                for (int i = b * BLOCK; i < (b + 1) * BLOCK; i++) {
                    qrow[i] = quantized(row[i], inv);
                }
            }
            int lane = r % GROUP;
            for (int b = 0; b < blocks; b++) {
                System.arraycopy(qrow, b * BLOCK, qpair, (b * GROUP + lane) * BLOCK, BLOCK);
                spair[b * GROUP + lane] = srow[b];
            }
            if (lane == GROUP - 1 || r == rows - 1) {
                for (int b = 0; b < blocks; b++) {   // an odd last row's partner: zeros
                    for (int l = lane + 1; l < GROUP; l++) {
                        java.util.Arrays.fill(qpair, (b * GROUP + l) * BLOCK, (b * GROUP + l + 1) * BLOCK, (byte) 0);
                        spair[b * GROUP + l] = 0;
                    }
                }
                long start = blockStart(r - lane, 0, blocks);
                MemorySegment.copy(qpair, 0, q, ValueLayout.JAVA_BYTE, start, qpair.length);
                MemorySegment.copy(spair, 0, s, F32_LE, start / BLOCK * 4, spair.length);
            }
        }
        return new Quantized(q, s, stride);
    }

    /** The largest magnitude of {@code x[from .. to)} (NaN if one is NaN): a block's scale is this / 127. */
    static float maxAbs(float[] x, int from, int to) {
        float max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(x[i]));
        }
        return max;
    }

    /** {@code x} in a block whose scale is {@code 1 / inv} (inv 0 for an all-zero block): rounded, clamped to ±127. */
    static byte quantized(float x, float inv) {
        return (byte) Math.max(-127, Math.min(127, Math.round(x * inv)));
    }

    /** {@code dst[i] = q[o] · scale[o / 32]}, o the offset of {@code W[row, col + i]}. */
    @Override
    void widen(int row, int col, int len, float[] dst, int dstOffset) {
        for (int i = 0; i < len; i++) {
            long o = offset(row, col + i);
            dst[dstOffset + i] = data.get(ValueLayout.JAVA_BYTE, o) * scales.getAtIndex(F32_LE, o / BLOCK);
        }
    }

    /**
     * The Vector API kernels (loaded only by the vector backend). They need bytes with as many
     * lanes as floats ({@link VectorWiden#INT8_SIMD}); narrower machines widen a row at a time.
     * Block k/32 of a row starts {@code k · GROUP} bytes after its first block.
     */
    static final class Simd extends Int8Weights {
        private static final int L = F.length();
        private static final ThreadLocal<float[]> ROWS = new ThreadLocal<>();

        Simd(String name, Quantized q, int rows, int cols) {
            super(name, q, rows, cols);
        }

        @Override
        void widen(int row, int col, int len, float[] dst, int dstOffset) {
            if (!VectorWiden.INT8_SIMD || BLOCK % L != 0) {
                super.widen(row, col, len, dst, dstOffset);
                return;
            }
            // Single elements up to a block boundary, then whole blocks of vectors, then single elements.
            int i = 0;
            for (; i < len && (col + i) % BLOCK != 0; i++) {
                dst[dstOffset + i] = widened(row, col + i);
            }
            for (; i + BLOCK <= len; i += BLOCK) {
                long start = blockStart(row, (col + i) / BLOCK);
                float scale = scales.getAtIndex(F32_LE, start / BLOCK);
                for (int j = 0; j < BLOCK; j += L) {
                    bytes(data, start + j).mul(scale).intoArray(dst, dstOffset + i + j);
                }
            }
            for (; i < len; i++) {
                dst[dstOffset + i] = widened(row, col + i);
            }
        }

        private float widened(int row, int col) {
            long o = offset(row, col);
            return data.get(ValueLayout.JAVA_BYTE, o) * scales.getAtIndex(F32_LE, o / BLOCK);
        }

        @Override
        float dot(float[] x, int xOff, int row) {
            if (VectorWiden.INT8_SIMD) {
                return dotInt8(x, xOff, data, scales, blockStart(row, 0), cols);
            }
            float[] widened = CpuBackend.scratch(ROWS, cols);
            super.widen(row, 0, cols, widened, 0);
            return VectorOps.dot(x, xOff, widened, 0, cols);
        }

        /**
         * The run's whole stored pairs ({@link #GROUP}) in four quarters read side by side, pair {@code j} of each per
         * pass ({@link #dot8Int8}, rows of whole block pairs, 16 float lanes: {@link #EIGHT_ROWS}): four sequential
         * streams, which keep more of a core's reads in flight (BF16's eighths: docs/notes/2026-12-07c-qstep.md;
         * docs/notes/2026-12-07e-i8step.md); the 0-7 pairs the quarters leave in two halves side by side ({@link
         * #dot4Int8}): two streams; an odd last pair and a row outside a whole pair by {@link #dot4Int8} too, over their one pair ({@link #pairSums}). Rows of other
         * lengths: pairs by {@link #dot2Int8}, a row outside a pair by {@link #dot}.
         */
        @Override
        void dotRows(float[] x, int xOff, int row, int count, float[] y, int yOff) {
            if (!VectorWiden.INT8_SIMD) {
                super.dotRows(x, xOff, row, count, y, yOff);
                return;
            }
            boolean paired = pairedBlocks(cols);
            int i = 0;
            if (row % GROUP != 0 && count > 0) {
                y[yOff] = paired ? pairSums(x, xOff, row)[row % GROUP] : dot(x, xOff, row);
                i = 1;
            }
            int quarter = EIGHT_ROWS && paired ? (count - i) / (4 * GROUP) * GROUP : 0; // rows in each quarter
            for (int j = 0; j < quarter; j += GROUP) {
                int r = row + i + j;
                int o = yOff + i + j;
                dot8Int8(x, xOff, data, scales, blockStart(r, 0), blockStart(r + quarter, 0),
                        blockStart(r + 2 * quarter, 0), blockStart(r + 3 * quarter, 0), cols,
                        y, o, o + quarter, o + 2 * quarter, o + 3 * quarter);
            }
            i += 4 * quarter;
            int half = paired ? (count - i) / (2 * GROUP) * GROUP : 0; // rows in each half: whole pairs
            for (int j = 0; j < half; j += GROUP) {
                dot4Int8(x, xOff, data, scales, blockStart(row + i + j, 0), blockStart(row + i + half + j, 0), cols,
                        y, yOff + i + j, yOff + i + half + j);
            }
            i += 2 * half;
            for (; i + GROUP <= count; i += GROUP) {
                if (paired) {
                    System.arraycopy(pairSums(x, xOff, row + i), 0, y, yOff + i, GROUP);
                } else {
                    dot2Int8(x, xOff, data, scales, blockStart(row + i, 0), cols, y, yOff + i);
                }
            }
            if (i < count) {
                y[yOff + i] = paired ? pairSums(x, xOff, row + i)[0] : dot(x, xOff, row + i);
            }
        }

        /**
         * The sums of x with the stored pair holding {@code row} (an odd last row's partner: zeros), by {@link
         * #dot4Int8} over that pair twice, each bit-identical to {@link #dotInt8}. A run's odd ends come once per
         * product (the 51,865-row logits' last row, once per decoder step): {@link #dotInt8} and {@link #dot2Int8}
         * called that rarely ran in the interpreter for the first ~200 steps, then in C1's tier-3 code (vectors
         * boxed) for thousands more; {@link #dot4Int8} is compiled by C2 after a few steps.
         */
        private float[] pairSums(float[] x, int xOff, int row) {
            float[] sums = new float[2 * GROUP];
            long base = blockStart(row - row % GROUP, 0);
            dot4Int8(x, xOff, data, scales, base, base, cols, sums, 0, GROUP);
            return sums;
        }

        /** Five rows when five remain (beam search's default width), so the fifth shares the widened weights. */
        @Override
        int rowsPerDots(int remaining) {
            return VectorWiden.INT8_SIMD && remaining == DOT_ROWS + 1 ? remaining : super.rowsPerDots(remaining);
        }

        @Override
        void dots(float[] x, int xOff, int xStride, int n, int row, float[] sums) {
            if (VectorWiden.INT8_SIMD && n == DOT_ROWS) {
                dots4Int8(x, xOff, xStride, data, scales, blockStart(row, 0), cols, sums);
            } else if (VectorWiden.INT8_SIMD && n == DOT_ROWS + 1) {
                dots5Int8(x, xOff, xStride, data, scales, blockStart(row, 0), cols, sums);
            } else {
                super.dots(x, xOff, xStride, n, row, sums);
            }
        }

        /**
         * Whether the pair kernels run here: a block of 32 bytes is two weight vectors (16 float lanes), which they
         * decode once for all input rows.
         */
        static final boolean PAIR_KERNELS = VectorWiden.INT8_SIMD && BLOCK == 2 * L;

        /**
         * Four input rows (sixteen batched files, four at a time) and five (beams) against two weight rows at once
         * ({@link #dots4PairInt8}, {@link #dots5PairInt8}), rows of whole block pairs. Long rows too, ahead of the
         * parts ({@link #runs}; the backend asks for pairs first): five rows of 3,072 inputs (fc2) measured 241-268
         * us by pairs against 344-439 by parts (2 threads, weights from memory; 1 thread from L2: 347-387 against
         * 505-521).
         */
        @Override
        boolean pairs(int n) {
            return PAIR_KERNELS && pairedBlocks(cols) && (n == DOT_ROWS || n == DOT_ROWS + 1);
        }

        @Override
        void dotsPair(float[] x, int xOff, int xStride, int n, int rowA, int rowB, float[] sums) {
            if (n == DOT_ROWS + 1 && pairs(n)) {
                dots5PairInt8(x, xOff, xStride, data, scales, blockStart(rowA, 0), blockStart(rowB, 0), cols, sums);
            } else if (n == DOT_ROWS && pairs(n)) {
                dots4PairInt8(x, xOff, xStride, data, scales, blockStart(rowA, 0), blockStart(rowB, 0), cols, sums);
            } else {
                super.dotsPair(x, xOff, xStride, n, rowA, rowB, sums);
            }
        }

        /** Five input rows and rows long enough to be cut into parts ({@link Int8Parts}). */
        @Override
        boolean runs(int n) {
            return VectorWiden.INT8_SIMD && BLOCK % L == 0 && n == DOT_ROWS + 1 && RowParts.cuts(cols);
        }

        private static final ThreadLocal<float[]> RUN_ACCUMULATORS = new ThreadLocal<>();

        /**
         * The run's rows (their stored pairs) and scales read once in order, then its rows pass over one part
         * of the input rows after another ({@link Int8Parts}).
         */
        @Override
        void dotsRun(float[] x, int xOff, int xStride, int n, int row, int count, float[] sums) {
            int per = Int8Parts.ACC_FLOATS;
            float[] acc = CpuBackend.scratch(RUN_ACCUMULATORS, count * per);
            java.util.Arrays.fill(acc, 0, count * per, 0f);
            long first = blockStart(row - row % GROUP, 0);
            long bytes = blockStart(row + count - 1 - (row + count - 1) % GROUP, 0) + (long) GROUP * rowStride - first;
            RowParts.touch(data, first, bytes);
            RowParts.touch(scales, 4 * scaleIndex(first), 4 * scaleIndex(bytes));
            int whole = cols / BLOCK * BLOCK;
            for (int from = 0, to; from < cols; from = to) {
                to = RowParts.partEnd(from, cols);
                for (int j = 0; j < count; j++) {
                    Int8Parts.dots5Part(x, xOff, xStride, data, scales, blockStart(row + j, 0), from, to, whole,
                            acc, j * per);
                }
            }
            for (int j = 0; j < count; j++) {
                Int8Parts.end5(x, xOff, xStride, data, scales, blockStart(row + j, 0), cols, whole, acc, j * per,
                        sums, n * j);
            }
        }

        /**
         * The dot product of x with the int8 row whose first block starts at byte {@code base}: per
         * block of 32 inputs, {@code Σ x·q} in float lanes, then scaled by the block's scale into the
         * accumulator. A last partial block is summed element by element (padding bytes past
         * {@code len} are never read).
         *
         * <p>A block's first product is a multiply where the few-row kernels FMA it onto +0 (one
         * instruction less per block here): the two differ only in the sign of a zero, which no
         * result can show, since the block's sum enters an accumulator that starts at +0 and is
         * never −0 ({@code c + (±0) = c}, {@code +0 + (−0) = +0}). Every sum keeps its bits.
         */
        private static float dotInt8(float[] x, int xOff, MemorySegment q, MemorySegment scales, long base, int len) {
            int block = BLOCK;
            // Two accumulators (even and odd blocks), so consecutive blocks do not wait on each other.
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = FloatVector.zero(F);
            int whole = block % L == 0 ? len / block * block : 0;
            int k = 0;
            long s = scaleIndex(base); // the scale of the block at byte b is scales[b / BLOCK]
            for (long b0 = base; k + 2 * block <= whole; k += 2 * block, b0 += 2 * BLOCK_STEP, s += 2 * GROUP) {
                long b1 = b0 + BLOCK_STEP;
                FloatVector t0 = FloatVector.fromArray(F, x, xOff + k).mul(bytes(q, b0));
                FloatVector t1 = FloatVector.fromArray(F, x, xOff + k + block).mul(bytes(q, b1));
                for (int j = L; j < block; j += L) {
                    t0 = FloatVector.fromArray(F, x, xOff + k + j).fma(bytes(q, b0 + j), t0);
                    t1 = FloatVector.fromArray(F, x, xOff + k + block + j).fma(bytes(q, b1 + j), t1);
                }
                c0 = t0.fma(scaleAt(scales, s), c0);
                c1 = t1.fma(scaleAt(scales, s + GROUP), c1);
            }
            for (; k < whole; k += block) {
                long b0 = base + (long) k * GROUP;
                FloatVector t0 = FloatVector.fromArray(F, x, xOff + k).mul(bytes(q, b0));
                for (int j = L; j < block; j += L) {
                    t0 = FloatVector.fromArray(F, x, xOff + k + j).fma(bytes(q, b0 + j), t0);
                }
                c0 = t0.fma(scale(scales, b0), c0);
            }
            float sum = VectorOps.sumLanes(c0.add(c1));
            for (int k0 = whole; k0 < len; k0 += block) {
                long b0 = base + (long) k0 * GROUP;
                float t = 0;
                for (int e = k0; e < Math.min(len, k0 + block); e++) {
                    t = Math.fma(x[xOff + e], q.get(ValueLayout.JAVA_BYTE, b0 + e - k0), t);
                }
                sum = Math.fma(t, scales.getAtIndex(F32_LE, scaleIndex(b0)), sum);
            }
            return sum;
        }

        /**
         * {@link #dotInt8} of x with the two rows of a pair (block b of the first at
         * {@code base + 64 b}, of the second 32 bytes after it) in one pass, each input vector loaded
         * once for both: every sum accumulated exactly as {@link #dotInt8} accumulates it (per block
         * in float lanes, scaled into even and odd block accumulators, the same lane fold and partial
         * last block), so each is bit-identical to it.
         */
        static void dot2Int8(float[] x, int xOff, MemorySegment q, MemorySegment scales, long base, int len,
                             float[] y, int yOff) {
            int block = BLOCK;
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector b0 = FloatVector.zero(F);
            FloatVector b1 = FloatVector.zero(F);
            int whole = block % L == 0 ? len / block * block : 0;
            int k = 0;
            long s = scaleIndex(base);
            // Four blocks in memory order per pass: the first row's even block, the second's, then
            // the odd ones; their scales are s .. s + 3. The offsets and the scale index advance by
            // addition (no division per scale): with the first products by a multiply, 140 -> 107
            // instructions per pass and 15-20 % faster from L2 (docs/notes/2026-12-04d-i8w.md).
            for (long qa0 = base; k + 2 * block <= whole; k += 2 * block, qa0 += 2 * BLOCK_STEP, s += 2 * GROUP) {
                long qb0 = qa0 + block;
                long qa1 = qa0 + BLOCK_STEP;
                long qb1 = qa1 + block;
                FloatVector xe = FloatVector.fromArray(F, x, xOff + k);
                FloatVector xo = FloatVector.fromArray(F, x, xOff + k + block);
                FloatVector ta0 = xe.mul(bytes(q, qa0));
                FloatVector tb0 = xe.mul(bytes(q, qb0));
                FloatVector ta1 = xo.mul(bytes(q, qa1));
                FloatVector tb1 = xo.mul(bytes(q, qb1));
                for (int j = L; j < block; j += L) {
                    xe = FloatVector.fromArray(F, x, xOff + k + j);
                    xo = FloatVector.fromArray(F, x, xOff + k + block + j);
                    ta0 = xe.fma(bytes(q, qa0 + j), ta0);
                    tb0 = xe.fma(bytes(q, qb0 + j), tb0);
                    ta1 = xo.fma(bytes(q, qa1 + j), ta1);
                    tb1 = xo.fma(bytes(q, qb1 + j), tb1);
                }
                a0 = ta0.fma(scaleAt(scales, s), a0);
                b0 = tb0.fma(scaleAt(scales, s + 1), b0);
                a1 = ta1.fma(scaleAt(scales, s + 2), a1);
                b1 = tb1.fma(scaleAt(scales, s + 3), b1);
            }
            for (; k < whole; k += block) { // a last unpaired block goes to the even accumulator, as in dotInt8
                long qa0 = base + (long) k * GROUP;
                long qb0 = qa0 + block;
                FloatVector xe = FloatVector.fromArray(F, x, xOff + k);
                FloatVector ta0 = xe.mul(bytes(q, qa0));
                FloatVector tb0 = xe.mul(bytes(q, qb0));
                for (int j = L; j < block; j += L) {
                    xe = FloatVector.fromArray(F, x, xOff + k + j);
                    ta0 = xe.fma(bytes(q, qa0 + j), ta0);
                    tb0 = xe.fma(bytes(q, qb0 + j), tb0);
                }
                a0 = ta0.fma(scale(scales, qa0), a0);
                b0 = tb0.fma(scale(scales, qb0), b0);
            }
            // VectorOps.sumLanes' folds written out (calls with vector arguments box).
            FloatVector va = a0.add(a1);
            FloatVector vb = b0.add(b1);
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                va = va.add(va.rearrange(fold));
                vb = vb.add(vb.rearrange(fold));
            }
            float sa = va.lane(0);
            float sb = vb.lane(0);
            for (int k0 = whole; k0 < len; k0 += block) {
                long qa0 = base + (long) k0 * GROUP;
                long qb0 = qa0 + block;
                float ta = 0;
                float tb = 0;
                for (int e = k0; e < Math.min(len, k0 + block); e++) {
                    ta = Math.fma(x[xOff + e], q.get(ValueLayout.JAVA_BYTE, qa0 + e - k0), ta);
                    tb = Math.fma(x[xOff + e], q.get(ValueLayout.JAVA_BYTE, qb0 + e - k0), tb);
                }
                sa = Math.fma(ta, scales.getAtIndex(F32_LE, scaleIndex(qa0)), sa);
                sb = Math.fma(tb, scales.getAtIndex(F32_LE, scaleIndex(qb0)), sb);
            }
            y[yOff] = sa;
            y[yOff + 1] = sb;
        }

        /**
         * Whether {@link #dotRows} reads a run's whole pairs four streams at a time ({@link #dot8Int8}, which takes a
         * block as two vectors: 16 float lanes); otherwise two at a time ({@link #dot4Int8}). Either way every sum has
         * the bits of {@link #dotInt8}.
         */
        static final boolean EIGHT_ROWS = BLOCK == 2 * L;

        /** Whether a row of {@code cols} is whole pairs of blocks of whole vectors: what {@link #dot4Int8} takes. */
        static boolean pairedBlocks(int cols) {
            return cols % (2 * BLOCK) == 0 && BLOCK % L == 0;
        }

        /**
         * {@link #dot2Int8} of x with two pairs at once (bases {@code baseA} and {@code baseB}, sums into
         * {@code y[ya], y[ya + 1]} and {@code y[yb], y[yb + 1]}) for rows of whole block pairs only ({@link
         * #pairedBlocks}): each input vector loaded once for the four rows, and every sum accumulated exactly as
         * {@link #dot2Int8} (and so {@link #dotInt8}) accumulates it, so each is bit-identical to it. The weight
         * loads and scales are written out (a vector-returning helper left out of line boxes every vector: {@link
         * #dots4Int8}). No tails: with dot2Int8's odd block and scalar tail written out too, C1 ran out of virtual
         * registers compiling it at tier 3, and a kernel C1 cannot profile can stay in C1's tier-2 code for the JVM's
         * life ({@code KernelsCompileInC1Test}).
         */
        static void dot4Int8(float[] x, int xOff, MemorySegment q, MemorySegment scales, long baseA, long baseB,
                             int len, float[] y, int ya, int yb) {
            int block = BLOCK;
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector b0 = FloatVector.zero(F);
            FloatVector b1 = FloatVector.zero(F);
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = FloatVector.zero(F);
            FloatVector d0 = FloatVector.zero(F);
            FloatVector d1 = FloatVector.zero(F);
            int k = 0;
            long s = scaleIndex(baseA);
            long u = scaleIndex(baseB);
            // Per pass, each pair's four blocks in memory order (as dot2Int8): pair A's, then pair B's.
            for (long pa = baseA, pb = baseB; k < len;
                    k += 2 * block, pa += 2 * BLOCK_STEP, pb += 2 * BLOCK_STEP, s += 2 * GROUP, u += 2 * GROUP) {
                FloatVector xe = FloatVector.fromArray(F, x, xOff + k);
                FloatVector xo = FloatVector.fromArray(F, x, xOff + k + block);
                FloatVector ta0 = xe.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pa, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0));
                FloatVector tb0 = xe.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pa + block, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0));
                FloatVector ta1 = xo.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pa + BLOCK_STEP, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0));
                FloatVector tb1 = xo.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pa + BLOCK_STEP + block,
                        ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, F, 0));
                FloatVector tc0 = xe.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pb, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0));
                FloatVector td0 = xe.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pb + block, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0));
                FloatVector tc1 = xo.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pb + BLOCK_STEP, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0));
                FloatVector td1 = xo.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pb + BLOCK_STEP + block,
                        ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, F, 0));
                for (int j = L; j < block; j += L) {
                    xe = FloatVector.fromArray(F, x, xOff + k + j);
                    xo = FloatVector.fromArray(F, x, xOff + k + block + j);
                    ta0 = xe.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pa + j, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2F, F, 0), ta0);
                    tb0 = xe.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pa + block + j, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2F, F, 0), tb0);
                    ta1 = xo.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pa + BLOCK_STEP + j, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2F, F, 0), ta1);
                    tb1 = xo.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pa + BLOCK_STEP + block + j,
                            ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, F, 0), tb1);
                    tc0 = xe.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pb + j, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2F, F, 0), tc0);
                    td0 = xe.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pb + block + j, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2F, F, 0), td0);
                    tc1 = xo.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pb + BLOCK_STEP + j, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2F, F, 0), tc1);
                    td1 = xo.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pb + BLOCK_STEP + block + j,
                            ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, F, 0), td1);
                }
                a0 = ta0.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, s)), a0);
                b0 = tb0.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, s + 1)), b0);
                a1 = ta1.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, s + 2)), a1);
                b1 = tb1.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, s + 3)), b1);
                c0 = tc0.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, u)), c0);
                d0 = td0.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, u + 1)), d0);
                c1 = tc1.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, u + 2)), c1);
                d1 = td1.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, u + 3)), d1);
            }
            // VectorOps.sumLanes' folds written out (calls with vector arguments box).
            FloatVector va = a0.add(a1);
            FloatVector vb = b0.add(b1);
            FloatVector vc = c0.add(c1);
            FloatVector vd = d0.add(d1);
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                va = va.add(va.rearrange(fold));
                vb = vb.add(vb.rearrange(fold));
                vc = vc.add(vc.rearrange(fold));
                vd = vd.add(vd.rearrange(fold));
            }
            y[ya] = va.lane(0);
            y[ya + 1] = vb.lane(0);
            y[yb] = vc.lane(0);
            y[yb + 1] = vd.lane(0);
        }

        /**
         * {@link #dot4Int8} over four pairs at once (eight rows; bases {@code baseA .. baseD}, the sums of pair A into
         * {@code y[ya]}, {@code y[ya + 1]}, and so on) for rows of whole block pairs of two vectors a block ({@link
         * #EIGHT_ROWS}): four sequential streams, each input vector loaded once for the eight rows, and every sum
         * accumulated exactly as {@link #dot4Int8} (and so {@link #dotInt8}) accumulates it, so each is bit-identical
         * to it. One block a pass: each row's block sum is scaled into the accumulator of the block's parity, and the
         * two accumulators swap names after every block (so {@code r0} is always the one this block feeds; the rows
         * hold whole block pairs, so they end as they began, and {@code r0 + r1} is the even sum plus the odd one, as
         * in {@link #dot4Int8}). A pass of two blocks was written out too: C1 could not compile it ("out of virtual
         * registers", {@code KernelsCompileInC1Test}).
         * The sixteen byte loads are written out, not called through {@link #bytes}: with the calls, C2 left some of
         * them out of line ({@code NodeCountInliningCutoff}) and boxed their vectors, 136 MB of heap and 4.3 → 22 ms a
         * card INT8 greedy step (docs/notes/2026-12-07f-closing.md).
         */
        static void dot8Int8(float[] x, int xOff, MemorySegment q, MemorySegment scales, long baseA, long baseB,
                             long baseC, long baseD, int len, float[] y, int ya, int yb, int yc, int yd) {
            int block = BLOCK;
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector b0 = FloatVector.zero(F);
            FloatVector b1 = FloatVector.zero(F);
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = FloatVector.zero(F);
            FloatVector d0 = FloatVector.zero(F);
            FloatVector d1 = FloatVector.zero(F);
            FloatVector e0 = FloatVector.zero(F);
            FloatVector e1 = FloatVector.zero(F);
            FloatVector f0 = FloatVector.zero(F);
            FloatVector f1 = FloatVector.zero(F);
            FloatVector g0 = FloatVector.zero(F);
            FloatVector g1 = FloatVector.zero(F);
            FloatVector h0 = FloatVector.zero(F);
            FloatVector h1 = FloatVector.zero(F);
            int k = 0;
            long s = scaleIndex(baseA);
            long u = scaleIndex(baseB);
            long v = scaleIndex(baseC);
            long w = scaleIndex(baseD);
            for (long pa = baseA, pb = baseB, pc = baseC, pd = baseD; k < len; k += block, pa += BLOCK_STEP,
                    pb += BLOCK_STEP, pc += BLOCK_STEP, pd += BLOCK_STEP, s += GROUP, u += GROUP, v += GROUP, w += GROUP) {
                FloatVector x0 = FloatVector.fromArray(F, x, xOff + k);
                FloatVector x1 = FloatVector.fromArray(F, x, xOff + k + L);
                FloatVector ta = x0.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pa, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0));
                ta = x1.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pa + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0), ta);
                ta = ta.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, s)), a0);
                a0 = a1;
                a1 = ta;
                FloatVector tb = x0.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pa + block, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0));
                tb = x1.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pa + block + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0), tb);
                tb = tb.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, s + 1)), b0);
                b0 = b1;
                b1 = tb;
                FloatVector tc = x0.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pb, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0));
                tc = x1.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pb + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0), tc);
                tc = tc.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, u)), c0);
                c0 = c1;
                c1 = tc;
                FloatVector td = x0.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pb + block, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0));
                td = x1.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pb + block + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0), td);
                td = td.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, u + 1)), d0);
                d0 = d1;
                d1 = td;
                FloatVector te = x0.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pc, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0));
                te = x1.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pc + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0), te);
                te = te.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, v)), e0);
                e0 = e1;
                e1 = te;
                FloatVector tf = x0.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pc + block, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0));
                tf = x1.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pc + block + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0), tf);
                tf = tf.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, v + 1)), f0);
                f0 = f1;
                f1 = tf;
                FloatVector tg = x0.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pd, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0));
                tg = x1.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pd + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0), tg);
                tg = tg.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, w)), g0);
                g0 = g1;
                g1 = tg;
                FloatVector th = x0.mul((FloatVector) ByteVector.fromMemorySegment(B, q, pd + block, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0));
                th = x1.fma((FloatVector) ByteVector.fromMemorySegment(B, q, pd + block + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0), th);
                th = th.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, w + 1)), h0);
                h0 = h1;
                h1 = th;
            }
            // VectorOps.sumLanes' folds written out (calls with vector arguments box).
            FloatVector va = a0.add(a1);
            FloatVector vb = b0.add(b1);
            FloatVector vc = c0.add(c1);
            FloatVector vd = d0.add(d1);
            FloatVector ve = e0.add(e1);
            FloatVector vf = f0.add(f1);
            FloatVector vg = g0.add(g1);
            FloatVector vh = h0.add(h1);
            for (int f = L / 2; f >= 1; f /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[f];
                va = va.add(va.rearrange(fold));
                vb = vb.add(vb.rearrange(fold));
                vc = vc.add(vc.rearrange(fold));
                vd = vd.add(vd.rearrange(fold));
                ve = ve.add(ve.rearrange(fold));
                vf = vf.add(vf.rearrange(fold));
                vg = vg.add(vg.rearrange(fold));
                vh = vh.add(vh.rearrange(fold));
            }
            y[ya] = va.lane(0);
            y[ya + 1] = vb.lane(0);
            y[yb] = vc.lane(0);
            y[yb + 1] = vd.lane(0);
            y[yc] = ve.lane(0);
            y[yc + 1] = vf.lane(0);
            y[yd] = vg.lane(0);
            y[yd + 1] = vh.lane(0);
        }

        private static FloatVector bytes(MemorySegment q, long offset) {
            return (FloatVector) ByteVector.fromMemorySegment(B, q, offset, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.B2F, F, 0);
        }

        /** The scale of the block starting at byte {@code blockStart}, in every lane. */
        private static FloatVector scale(MemorySegment scales, long blockStart) {
            return FloatVector.broadcast(F, scales.getAtIndex(F32_LE, scaleIndex(blockStart)));
        }

        /** Scale {@code index} (a block's first byte / {@link #BLOCK}), in every lane. */
        private static FloatVector scaleAt(MemorySegment scales, long index) {
            return FloatVector.broadcast(F, scales.getAtIndex(F32_LE, index));
        }

        /**
         * {@link #dotInt8} of four input rows {@code xOff + i·xStride} with one int8 row, each weight
         * vector widened once for all four (beams, batched files): every sum is accumulated exactly
         * as {@link #dotInt8} accumulates it (per block in float lanes, scaled into even and odd
         * block accumulators, the same lane sum and partial last block), so each equals its
         * single-row result bit for bit. The weight loads and the scale are written out, not taken from
         * {@link #bytes} and {@link #scale}: a helper returning a vector that C2 leaves uninlined in a large
         * caller boxes every vector (one 5-beam int8 step allocated 231 MB, the logits' product by its size).
         */
        static void dots4Int8(float[] x, int xOff, int xStride, MemorySegment q, MemorySegment scales, long base,
                              int len, float[] sums) {
            int block = BLOCK;
            int x0 = xOff;
            int x1 = x0 + xStride;
            int x2 = x1 + xStride;
            int x3 = x2 + xStride;
            FloatVector e0 = FloatVector.zero(F);
            FloatVector e1 = FloatVector.zero(F);
            FloatVector e2 = FloatVector.zero(F);
            FloatVector e3 = FloatVector.zero(F);
            FloatVector o0 = FloatVector.zero(F);
            FloatVector o1 = FloatVector.zero(F);
            FloatVector o2 = FloatVector.zero(F);
            FloatVector o3 = FloatVector.zero(F);
            int whole = block % L == 0 ? len / block * block : 0;
            int k = 0;
            for (; k < whole; k += block) {
                long b0 = base + (long) k * GROUP;
                FloatVector t0 = FloatVector.zero(F);
                FloatVector t1 = FloatVector.zero(F);
                FloatVector t2 = FloatVector.zero(F);
                FloatVector t3 = FloatVector.zero(F);
                for (int j = 0; j < block; j += L) {
                    FloatVector wv = (FloatVector) ByteVector.fromMemorySegment(B, q, b0 + j, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2F, F, 0);
                    t0 = FloatVector.fromArray(F, x, x0 + k + j).fma(wv, t0);
                    t1 = FloatVector.fromArray(F, x, x1 + k + j).fma(wv, t1);
                    t2 = FloatVector.fromArray(F, x, x2 + k + j).fma(wv, t2);
                    t3 = FloatVector.fromArray(F, x, x3 + k + j).fma(wv, t3);
                }
                FloatVector scale = FloatVector.broadcast(F, scales.getAtIndex(F32_LE, scaleIndex(b0)));
                // dotInt8 sends even blocks to c0 and odd ones to c1, and a last unpaired block to c0.
                if ((k / block & 1) == 0) {
                    e0 = t0.fma(scale, e0);
                    e1 = t1.fma(scale, e1);
                    e2 = t2.fma(scale, e2);
                    e3 = t3.fma(scale, e3);
                } else {
                    o0 = t0.fma(scale, o0);
                    o1 = t1.fma(scale, o1);
                    o2 = t2.fma(scale, o2);
                    o3 = t3.fma(scale, o3);
                }
            }
            // VectorOps.sumLanes' folds written out, as in F16Weights.dots4F16 (calls with vector arguments box).
            FloatVector v0 = e0.add(o0);
            FloatVector v1 = e1.add(o1);
            FloatVector v2 = e2.add(o2);
            FloatVector v3 = e3.add(o3);
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                v0 = v0.add(v0.rearrange(fold));
                v1 = v1.add(v1.rearrange(fold));
                v2 = v2.add(v2.rearrange(fold));
                v3 = v3.add(v3.rearrange(fold));
            }
            float s0 = v0.lane(0);
            float s1 = v1.lane(0);
            float s2 = v2.lane(0);
            float s3 = v3.lane(0);
            for (int k0 = whole; k0 < len; k0 += block) {
                long b0 = base + (long) k0 * GROUP;
                float t0 = 0;
                float t1 = 0;
                float t2 = 0;
                float t3 = 0;
                for (int e = k0; e < Math.min(len, k0 + block); e++) {
                    float w = q.get(ValueLayout.JAVA_BYTE, b0 + e - k0);
                    t0 = Math.fma(x[x0 + e], w, t0);
                    t1 = Math.fma(x[x1 + e], w, t1);
                    t2 = Math.fma(x[x2 + e], w, t2);
                    t3 = Math.fma(x[x3 + e], w, t3);
                }
                float scale = scales.getAtIndex(F32_LE, b0 / block);
                s0 = Math.fma(t0, scale, s0);
                s1 = Math.fma(t1, scale, s1);
                s2 = Math.fma(t2, scale, s2);
                s3 = Math.fma(t3, scale, s3);
            }
            sums[0] = s0;
            sums[1] = s1;
            sums[2] = s2;
            sums[3] = s3;
        }

        /** As {@link #dots4Int8} for five input rows, each sum again bit-identical to {@link #dotInt8}'s. */
        static void dots5Int8(float[] x, int xOff, int xStride, MemorySegment q, MemorySegment scales, long base,
                              int len, float[] sums) {
            int block = BLOCK;
            int x0 = xOff;
            int x1 = x0 + xStride;
            int x2 = x1 + xStride;
            int x3 = x2 + xStride;
            int x4 = x3 + xStride;
            FloatVector e0 = FloatVector.zero(F);
            FloatVector e1 = FloatVector.zero(F);
            FloatVector e2 = FloatVector.zero(F);
            FloatVector e3 = FloatVector.zero(F);
            FloatVector e4 = FloatVector.zero(F);
            FloatVector o0 = FloatVector.zero(F);
            FloatVector o1 = FloatVector.zero(F);
            FloatVector o2 = FloatVector.zero(F);
            FloatVector o3 = FloatVector.zero(F);
            FloatVector o4 = FloatVector.zero(F);
            int whole = block % L == 0 ? len / block * block : 0;
            int k = 0;
            for (; k < whole; k += block) {
                long b0 = base + (long) k * GROUP;
                FloatVector t0 = FloatVector.zero(F);
                FloatVector t1 = FloatVector.zero(F);
                FloatVector t2 = FloatVector.zero(F);
                FloatVector t3 = FloatVector.zero(F);
                FloatVector t4 = FloatVector.zero(F);
                for (int j = 0; j < block; j += L) {
                    FloatVector wv = (FloatVector) ByteVector.fromMemorySegment(B, q, b0 + j, ByteOrder.LITTLE_ENDIAN)
                            .convertShape(VectorOperators.B2F, F, 0);
                    t0 = FloatVector.fromArray(F, x, x0 + k + j).fma(wv, t0);
                    t1 = FloatVector.fromArray(F, x, x1 + k + j).fma(wv, t1);
                    t2 = FloatVector.fromArray(F, x, x2 + k + j).fma(wv, t2);
                    t3 = FloatVector.fromArray(F, x, x3 + k + j).fma(wv, t3);
                    t4 = FloatVector.fromArray(F, x, x4 + k + j).fma(wv, t4);
                }
                FloatVector scale = FloatVector.broadcast(F, scales.getAtIndex(F32_LE, scaleIndex(b0)));
                if ((k / block & 1) == 0) {
                    e0 = t0.fma(scale, e0);
                    e1 = t1.fma(scale, e1);
                    e2 = t2.fma(scale, e2);
                    e3 = t3.fma(scale, e3);
                    e4 = t4.fma(scale, e4);
                } else {
                    o0 = t0.fma(scale, o0);
                    o1 = t1.fma(scale, o1);
                    o2 = t2.fma(scale, o2);
                    o3 = t3.fma(scale, o3);
                    o4 = t4.fma(scale, o4);
                }
            }
            FloatVector v0 = e0.add(o0);
            FloatVector v1 = e1.add(o1);
            FloatVector v2 = e2.add(o2);
            FloatVector v3 = e3.add(o3);
            FloatVector v4 = e4.add(o4);
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                v0 = v0.add(v0.rearrange(fold));
                v1 = v1.add(v1.rearrange(fold));
                v2 = v2.add(v2.rearrange(fold));
                v3 = v3.add(v3.rearrange(fold));
                v4 = v4.add(v4.rearrange(fold));
            }
            float s0 = v0.lane(0);
            float s1 = v1.lane(0);
            float s2 = v2.lane(0);
            float s3 = v3.lane(0);
            float s4 = v4.lane(0);
            sums[0] = s0;
            sums[1] = s1;
            sums[2] = s2;
            sums[3] = s3;
            sums[4] = s4;
            Int8Parts.tail5(x, xOff, xStride, q, scales, base, whole, len, sums, 0);
        }

        /**
         * {@link #dotInt8} of five input rows {@code xOff + i·xStride} with two int8 rows (first blocks at {@code baseA}
         * and {@code baseB}; the same row twice is allowed), rows of whole block pairs ({@link #pairedBlocks}) and
         * 16 lanes ({@link #PAIR_KERNELS}): per block, each row's two weight vectors are decoded once for the five
         * inputs, and each input's two vectors loaded once for both rows. Every sum is accumulated exactly as
         * {@code dotInt8} accumulates it (a block's two products, the first a multiply, scaled into the even or odd
         * block accumulator; the same lane fold), so each is bit-identical to it: row A's into
         * {@code sums[0 .. 5)}, row B's into {@code sums[WIDE_DOT_ROWS ..]}. No tails, and no method of ours takes
         * or returns a vector ({@code KernelsCompileInC1Test}).
         */
        static void dots5PairInt8(float[] x, int xOff, int xStride, MemorySegment q, MemorySegment scales, long baseA,
                                  long baseB, int len, float[] sums) {
            int x0 = xOff;
            int x1 = xOff + 1 * xStride;
            int x2 = xOff + 2 * xStride;
            int x3 = xOff + 3 * xStride;
            int x4 = xOff + 4 * xStride;
            FloatVector ea0 = FloatVector.zero(F);
            FloatVector ea1 = FloatVector.zero(F);
            FloatVector ea2 = FloatVector.zero(F);
            FloatVector ea3 = FloatVector.zero(F);
            FloatVector ea4 = FloatVector.zero(F);
            FloatVector oa0 = FloatVector.zero(F);
            FloatVector oa1 = FloatVector.zero(F);
            FloatVector oa2 = FloatVector.zero(F);
            FloatVector oa3 = FloatVector.zero(F);
            FloatVector oa4 = FloatVector.zero(F);
            FloatVector eb0 = FloatVector.zero(F);
            FloatVector eb1 = FloatVector.zero(F);
            FloatVector eb2 = FloatVector.zero(F);
            FloatVector eb3 = FloatVector.zero(F);
            FloatVector eb4 = FloatVector.zero(F);
            FloatVector ob0 = FloatVector.zero(F);
            FloatVector ob1 = FloatVector.zero(F);
            FloatVector ob2 = FloatVector.zero(F);
            FloatVector ob3 = FloatVector.zero(F);
            FloatVector ob4 = FloatVector.zero(F);
            long sa = scaleIndex(baseA);
            long sb = scaleIndex(baseB);
            int k = 0;
            for (long pa = baseA, pb = baseB; k < len;
                    k += 2 * BLOCK, pa += 2 * BLOCK_STEP, pb += 2 * BLOCK_STEP, sa += 2 * GROUP, sb += 2 * GROUP) {
                // the even block: both rows' two weight vectors and scales, then each input row's two vectors
                FloatVector wa0 = (FloatVector) ByteVector.fromMemorySegment(B, q, pa, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                FloatVector wa1 = (FloatVector) ByteVector.fromMemorySegment(B, q, pa + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                FloatVector wb0 = (FloatVector) ByteVector.fromMemorySegment(B, q, pb, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                FloatVector wb1 = (FloatVector) ByteVector.fromMemorySegment(B, q, pb + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                FloatVector ca = FloatVector.broadcast(F, scales.getAtIndex(F32_LE, sa));
                FloatVector cb = FloatVector.broadcast(F, scales.getAtIndex(F32_LE, sb));
                FloatVector xl;
                FloatVector xh;
                xl = FloatVector.fromArray(F, x, x0 + k);
                xh = FloatVector.fromArray(F, x, x0 + k + L);
                ea0 = xh.fma(wa1, xl.mul(wa0)).fma(ca, ea0);
                eb0 = xh.fma(wb1, xl.mul(wb0)).fma(cb, eb0);
                xl = FloatVector.fromArray(F, x, x1 + k);
                xh = FloatVector.fromArray(F, x, x1 + k + L);
                ea1 = xh.fma(wa1, xl.mul(wa0)).fma(ca, ea1);
                eb1 = xh.fma(wb1, xl.mul(wb0)).fma(cb, eb1);
                xl = FloatVector.fromArray(F, x, x2 + k);
                xh = FloatVector.fromArray(F, x, x2 + k + L);
                ea2 = xh.fma(wa1, xl.mul(wa0)).fma(ca, ea2);
                eb2 = xh.fma(wb1, xl.mul(wb0)).fma(cb, eb2);
                xl = FloatVector.fromArray(F, x, x3 + k);
                xh = FloatVector.fromArray(F, x, x3 + k + L);
                ea3 = xh.fma(wa1, xl.mul(wa0)).fma(ca, ea3);
                eb3 = xh.fma(wb1, xl.mul(wb0)).fma(cb, eb3);
                xl = FloatVector.fromArray(F, x, x4 + k);
                xh = FloatVector.fromArray(F, x, x4 + k + L);
                ea4 = xh.fma(wa1, xl.mul(wa0)).fma(ca, ea4);
                eb4 = xh.fma(wb1, xl.mul(wb0)).fma(cb, eb4);
                // the odd block, the same way
                wa0 = (FloatVector) ByteVector.fromMemorySegment(B, q, pa + BLOCK_STEP, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                wa1 = (FloatVector) ByteVector.fromMemorySegment(B, q, pa + BLOCK_STEP + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                wb0 = (FloatVector) ByteVector.fromMemorySegment(B, q, pb + BLOCK_STEP, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                wb1 = (FloatVector) ByteVector.fromMemorySegment(B, q, pb + BLOCK_STEP + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                ca = FloatVector.broadcast(F, scales.getAtIndex(F32_LE, sa + GROUP));
                cb = FloatVector.broadcast(F, scales.getAtIndex(F32_LE, sb + GROUP));
                xl = FloatVector.fromArray(F, x, x0 + k + BLOCK);
                xh = FloatVector.fromArray(F, x, x0 + k + BLOCK + L);
                oa0 = xh.fma(wa1, xl.mul(wa0)).fma(ca, oa0);
                ob0 = xh.fma(wb1, xl.mul(wb0)).fma(cb, ob0);
                xl = FloatVector.fromArray(F, x, x1 + k + BLOCK);
                xh = FloatVector.fromArray(F, x, x1 + k + BLOCK + L);
                oa1 = xh.fma(wa1, xl.mul(wa0)).fma(ca, oa1);
                ob1 = xh.fma(wb1, xl.mul(wb0)).fma(cb, ob1);
                xl = FloatVector.fromArray(F, x, x2 + k + BLOCK);
                xh = FloatVector.fromArray(F, x, x2 + k + BLOCK + L);
                oa2 = xh.fma(wa1, xl.mul(wa0)).fma(ca, oa2);
                ob2 = xh.fma(wb1, xl.mul(wb0)).fma(cb, ob2);
                xl = FloatVector.fromArray(F, x, x3 + k + BLOCK);
                xh = FloatVector.fromArray(F, x, x3 + k + BLOCK + L);
                oa3 = xh.fma(wa1, xl.mul(wa0)).fma(ca, oa3);
                ob3 = xh.fma(wb1, xl.mul(wb0)).fma(cb, ob3);
                xl = FloatVector.fromArray(F, x, x4 + k + BLOCK);
                xh = FloatVector.fromArray(F, x, x4 + k + BLOCK + L);
                oa4 = xh.fma(wa1, xl.mul(wa0)).fma(ca, oa4);
                ob4 = xh.fma(wb1, xl.mul(wb0)).fma(cb, ob4);
            }
            // VectorOps.sumLanes' folds written out (calls with vector arguments box).
            FloatVector va0 = ea0.add(oa0);
            FloatVector va1 = ea1.add(oa1);
            FloatVector va2 = ea2.add(oa2);
            FloatVector va3 = ea3.add(oa3);
            FloatVector va4 = ea4.add(oa4);
            FloatVector vb0 = eb0.add(ob0);
            FloatVector vb1 = eb1.add(ob1);
            FloatVector vb2 = eb2.add(ob2);
            FloatVector vb3 = eb3.add(ob3);
            FloatVector vb4 = eb4.add(ob4);
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                va0 = va0.add(va0.rearrange(fold));
                va1 = va1.add(va1.rearrange(fold));
                va2 = va2.add(va2.rearrange(fold));
                va3 = va3.add(va3.rearrange(fold));
                va4 = va4.add(va4.rearrange(fold));
                vb0 = vb0.add(vb0.rearrange(fold));
                vb1 = vb1.add(vb1.rearrange(fold));
                vb2 = vb2.add(vb2.rearrange(fold));
                vb3 = vb3.add(vb3.rearrange(fold));
                vb4 = vb4.add(vb4.rearrange(fold));
            }
            sums[0] = va0.lane(0);
            sums[1] = va1.lane(0);
            sums[2] = va2.lane(0);
            sums[3] = va3.lane(0);
            sums[4] = va4.lane(0);
            sums[WIDE_DOT_ROWS + 0] = vb0.lane(0);
            sums[WIDE_DOT_ROWS + 1] = vb1.lane(0);
            sums[WIDE_DOT_ROWS + 2] = vb2.lane(0);
            sums[WIDE_DOT_ROWS + 3] = vb3.lane(0);
            sums[WIDE_DOT_ROWS + 4] = vb4.lane(0);
        }

        /** As {@link #dots5PairInt8} for four input rows. */
        static void dots4PairInt8(float[] x, int xOff, int xStride, MemorySegment q, MemorySegment scales, long baseA,
                                  long baseB, int len, float[] sums) {
            int x0 = xOff;
            int x1 = xOff + 1 * xStride;
            int x2 = xOff + 2 * xStride;
            int x3 = xOff + 3 * xStride;
            FloatVector ea0 = FloatVector.zero(F);
            FloatVector ea1 = FloatVector.zero(F);
            FloatVector ea2 = FloatVector.zero(F);
            FloatVector ea3 = FloatVector.zero(F);
            FloatVector oa0 = FloatVector.zero(F);
            FloatVector oa1 = FloatVector.zero(F);
            FloatVector oa2 = FloatVector.zero(F);
            FloatVector oa3 = FloatVector.zero(F);
            FloatVector eb0 = FloatVector.zero(F);
            FloatVector eb1 = FloatVector.zero(F);
            FloatVector eb2 = FloatVector.zero(F);
            FloatVector eb3 = FloatVector.zero(F);
            FloatVector ob0 = FloatVector.zero(F);
            FloatVector ob1 = FloatVector.zero(F);
            FloatVector ob2 = FloatVector.zero(F);
            FloatVector ob3 = FloatVector.zero(F);
            long sa = scaleIndex(baseA);
            long sb = scaleIndex(baseB);
            int k = 0;
            for (long pa = baseA, pb = baseB; k < len;
                    k += 2 * BLOCK, pa += 2 * BLOCK_STEP, pb += 2 * BLOCK_STEP, sa += 2 * GROUP, sb += 2 * GROUP) {
                // the even block: both rows' two weight vectors and scales, then each input row's two vectors
                FloatVector wa0 = (FloatVector) ByteVector.fromMemorySegment(B, q, pa, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                FloatVector wa1 = (FloatVector) ByteVector.fromMemorySegment(B, q, pa + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                FloatVector wb0 = (FloatVector) ByteVector.fromMemorySegment(B, q, pb, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                FloatVector wb1 = (FloatVector) ByteVector.fromMemorySegment(B, q, pb + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                FloatVector ca = FloatVector.broadcast(F, scales.getAtIndex(F32_LE, sa));
                FloatVector cb = FloatVector.broadcast(F, scales.getAtIndex(F32_LE, sb));
                FloatVector xl;
                FloatVector xh;
                xl = FloatVector.fromArray(F, x, x0 + k);
                xh = FloatVector.fromArray(F, x, x0 + k + L);
                ea0 = xh.fma(wa1, xl.mul(wa0)).fma(ca, ea0);
                eb0 = xh.fma(wb1, xl.mul(wb0)).fma(cb, eb0);
                xl = FloatVector.fromArray(F, x, x1 + k);
                xh = FloatVector.fromArray(F, x, x1 + k + L);
                ea1 = xh.fma(wa1, xl.mul(wa0)).fma(ca, ea1);
                eb1 = xh.fma(wb1, xl.mul(wb0)).fma(cb, eb1);
                xl = FloatVector.fromArray(F, x, x2 + k);
                xh = FloatVector.fromArray(F, x, x2 + k + L);
                ea2 = xh.fma(wa1, xl.mul(wa0)).fma(ca, ea2);
                eb2 = xh.fma(wb1, xl.mul(wb0)).fma(cb, eb2);
                xl = FloatVector.fromArray(F, x, x3 + k);
                xh = FloatVector.fromArray(F, x, x3 + k + L);
                ea3 = xh.fma(wa1, xl.mul(wa0)).fma(ca, ea3);
                eb3 = xh.fma(wb1, xl.mul(wb0)).fma(cb, eb3);
                // the odd block, the same way
                wa0 = (FloatVector) ByteVector.fromMemorySegment(B, q, pa + BLOCK_STEP, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                wa1 = (FloatVector) ByteVector.fromMemorySegment(B, q, pa + BLOCK_STEP + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                wb0 = (FloatVector) ByteVector.fromMemorySegment(B, q, pb + BLOCK_STEP, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                wb1 = (FloatVector) ByteVector.fromMemorySegment(B, q, pb + BLOCK_STEP + L, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, F, 0);
                ca = FloatVector.broadcast(F, scales.getAtIndex(F32_LE, sa + GROUP));
                cb = FloatVector.broadcast(F, scales.getAtIndex(F32_LE, sb + GROUP));
                xl = FloatVector.fromArray(F, x, x0 + k + BLOCK);
                xh = FloatVector.fromArray(F, x, x0 + k + BLOCK + L);
                oa0 = xh.fma(wa1, xl.mul(wa0)).fma(ca, oa0);
                ob0 = xh.fma(wb1, xl.mul(wb0)).fma(cb, ob0);
                xl = FloatVector.fromArray(F, x, x1 + k + BLOCK);
                xh = FloatVector.fromArray(F, x, x1 + k + BLOCK + L);
                oa1 = xh.fma(wa1, xl.mul(wa0)).fma(ca, oa1);
                ob1 = xh.fma(wb1, xl.mul(wb0)).fma(cb, ob1);
                xl = FloatVector.fromArray(F, x, x2 + k + BLOCK);
                xh = FloatVector.fromArray(F, x, x2 + k + BLOCK + L);
                oa2 = xh.fma(wa1, xl.mul(wa0)).fma(ca, oa2);
                ob2 = xh.fma(wb1, xl.mul(wb0)).fma(cb, ob2);
                xl = FloatVector.fromArray(F, x, x3 + k + BLOCK);
                xh = FloatVector.fromArray(F, x, x3 + k + BLOCK + L);
                oa3 = xh.fma(wa1, xl.mul(wa0)).fma(ca, oa3);
                ob3 = xh.fma(wb1, xl.mul(wb0)).fma(cb, ob3);
            }
            // VectorOps.sumLanes' folds written out (calls with vector arguments box).
            FloatVector va0 = ea0.add(oa0);
            FloatVector va1 = ea1.add(oa1);
            FloatVector va2 = ea2.add(oa2);
            FloatVector va3 = ea3.add(oa3);
            FloatVector vb0 = eb0.add(ob0);
            FloatVector vb1 = eb1.add(ob1);
            FloatVector vb2 = eb2.add(ob2);
            FloatVector vb3 = eb3.add(ob3);
            for (int w = L / 2; w >= 1; w /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];
                va0 = va0.add(va0.rearrange(fold));
                va1 = va1.add(va1.rearrange(fold));
                va2 = va2.add(va2.rearrange(fold));
                va3 = va3.add(va3.rearrange(fold));
                vb0 = vb0.add(vb0.rearrange(fold));
                vb1 = vb1.add(vb1.rearrange(fold));
                vb2 = vb2.add(vb2.rearrange(fold));
                vb3 = vb3.add(vb3.rearrange(fold));
            }
            sums[0] = va0.lane(0);
            sums[1] = va1.lane(0);
            sums[2] = va2.lane(0);
            sums[3] = va3.lane(0);
            sums[WIDE_DOT_ROWS + 0] = vb0.lane(0);
            sums[WIDE_DOT_ROWS + 1] = vb1.lane(0);
            sums[WIDE_DOT_ROWS + 2] = vb2.lane(0);
            sums[WIDE_DOT_ROWS + 3] = vb3.lane(0);
        }
    }
}
