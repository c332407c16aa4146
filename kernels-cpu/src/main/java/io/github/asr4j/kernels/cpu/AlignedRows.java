package io.github.asr4j.kernels.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * A few input rows copied so that each starts on a 64-byte boundary, where a 512-bit load does not
 * cross a cache line (a heap {@code float[]}'s data is 16-byte aligned at best, so every such load of
 * a row there crosses one): the few-row F16 pair kernels measured 10-27 % faster on aligned inputs
 * (one thread, 5 and 6 rows, L3 and DRAM weights), and the decoder step (card, F16, 2 threads) 5 %
 * for 5 beams and 6 % per file for 16 files; bit-identical, since a sum depends only on the values.
 *
 * <p>A heap array's address is not observable, so the copy goes where G1 puts it: an array of more
 * than half a heap region is a humongous object, which starts a region (regions are aligned to their
 * size, at least 1 MB; seen to hold across full collections), and its data starts
 * {@link #HEADER_BYTES} later. Rows start at {@link #OFFSET} plus multiples of 16 floats. Under
 * another collector, a region size set by hand or another header size, the rows are merely
 * unaligned: the results stay the same. One spare array per backend ({@link SpareArray}); a concurrent
 * caller that finds it taken copies into an array of its own size.
 */
final class AlignedRows {
    /** Bytes of a {@code float[]}'s header (mark word, compressed class pointer, length) in HotSpot. */
    static final int HEADER_BYTES = 16;
    /** Floats before the first row: the header plus these make 64 bytes. */
    static final int OFFSET = (64 - HEADER_BYTES) / Float.BYTES;
    /** Input rows {@link #scaled} interleaves as one group rather than as octets (five beams: the F16 quads). */
    static final int QUINTET = 5;
    /** Floats of the smallest copy: half the region G1 picks for this heap, so that it is humongous. */
    static final int MIN_FLOATS = humongousFloats(Runtime.getRuntime().maxMemory());

    private final SpareArray spare = new SpareArray();
    /** Whether the spare has been made: a caller that then finds none is a concurrent one. */
    private final AtomicBoolean made = new AtomicBoolean();

    /**
     * Length for a per-thread scratch array whose data from {@link #OFFSET} should start 64-byte aligned: at least
     * {@link #MIN_FLOATS} (humongous), unless that is over eight times the {@code floats} needed (a heap of large
     * regions: there the memory per thread is not worth it, and the array stays merely unaligned).
     */
    static int alignedLength(int floats) {
        return 8L * floats >= MIN_FLOATS ? Math.max(floats, MIN_FLOATS) : floats;
    }

    /** Row stride of the copy: {@code cols} rounded up to whole cache lines of floats. */
    static int stride(int cols) {
        return (cols + 15) & ~15;
    }

    /**
     * Rows {@code xOffset + i·xStride} ({@code i < n}, {@code cols} floats each) of {@code x}, copied to
     * {@link #OFFSET} {@code + i·}{@link #stride}; hand the array back with {@link #release}.
     */
    float[] copy(float[] x, int xOffset, int xStride, int n, int cols) {
        int stride = stride(cols);
        // room for scaled()'s rows, and for sixteen rows again as octets or five as a quintet (octetStart)
        int size = OFFSET + (n == 2 * WeightMatrix.WIDE_DOT_ROWS || n == QUINTET ? 3 : 2) * n * stride;
        float[] a = spare.takeKept();
        if (a == null && made.getAndSet(true)) {
            // A concurrent caller holds the spare: a copy of this product's size, unaligned (the same results),
            // rather than a humongous array per product (one-row products copy too, every decoder step).
            a = new float[size];
        } else if (a == null || a.length < size) {
            a = new float[Math.max(MIN_FLOATS, size)];
        }
        if (xStride == stride) {
            System.arraycopy(x, xOffset, a, OFFSET, n * cols + (n - 1) * (stride - cols));
        } else {
            for (int i = 0; i < n; i++) {
                System.arraycopy(x, xOffset + i * xStride, a, OFFSET + i * stride, cols);
            }
        }
        return a;
    }

    /**
     * Writes the {@code n} rows of {@link #copy}'s {@code a} again after them, times {@code scale} (a
     * power of two ≥ 1, so exact while finite), and returns how many floats after a row its scaled
     * twin starts; -1 (nothing written to read) when {@code scale} is 0 or a product is not finite.
     */
    static int scaled(float[] a, int n, int cols, float scale) {
        return scaled(a, n, cols, scale, false);
    }

    /**
     * {@link #scaled(float[], int, int, float)}, the scaled rows also written to {@link #octetStart} where
     * {@code octets} ({@code n} five or a multiple of eight, {@code cols} a multiple of the lane count).
     */
    static int scaled(float[] a, int n, int cols, float scale, boolean octets) {
        if (scale == 0f) {
            return -1;
        }
        int stride = stride(cols);
        int twin = n * stride;
        boolean finite = true;
        int lanes = VectorWiden.F.length();
        int g = n == QUINTET ? QUINTET : 8; // rows per interleaved group: one quintet, or octets
        for (int i = 0; i < n; i++) {
            int r = OFFSET + i * stride;
            int o = octetStart(n, cols) + (i / g) * g * cols + (i % g) * lanes;
            int c = 0;
            for (int bound = VectorWiden.F.loopBound(cols); c < bound; c += lanes) {
                FloatVector v = FloatVector.fromArray(VectorWiden.F, a, r + c).mul(scale);
                finite &= v.test(VectorOperators.IS_FINITE).allTrue();
                v.intoArray(a, r + twin + c);
                if (octets) {
                    v.intoArray(a, o + g * c);
                }
            }
            for (; c < cols; c++) {
                float v = a[r + c] * scale;
                finite &= Float.isFinite(v);
                a[r + twin + c] = v;
            }
        }
        return finite ? twin : -1;
    }

    /**
     * Where {@link #scaled} with {@code octets} puts the scaled rows again, eight rows at a time interleaved vector
     * by vector: row {@code 8g + i}'s vector {@code v} at {@code octetStart + 8g·cols + (8v + i)·L}, so that an octet
     * kernel ({@code WeightMatrix.dotsOctetPair}) loads its eight input vectors for one weight vector side by side;
     * five rows as one quintet the same way (row {@code i}'s vector {@code v} at {@code octetStart + (5v + i)·L}) for
     * {@code WeightMatrix.dotsQuadScaled}.
     */
    static int octetStart(int n, int cols) {
        return OFFSET + 2 * n * stride(cols);
    }

    /** Keeps {@code a} for the next {@link #copy}, unless it is a concurrent caller's small copy. */
    void release(float[] a) {
        if (a.length >= MIN_FLOATS) {
            spare.release(a);
        }
    }

    /**
     * Half of G1's ergonomic region for a heap of {@code maxHeap} bytes (a power of two near 1/2048 of
     * the heap, 1 to 32 MB), in floats.
     */
    static int humongousFloats(long maxHeap) {
        long region = Long.highestOneBit(Math.max(1, maxHeap / 2048));
        region = Math.min(32L << 20, Math.max(1L << 20, region));
        return (int) (region / 2 / Float.BYTES);
    }
}
