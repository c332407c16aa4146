package io.github.asr4j.kernels.cpu;

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
 * unaligned: the results stay the same. One spare array per backend ({@link SpareArray}).
 */
final class AlignedRows {
    /** Bytes of a {@code float[]}'s header (mark word, compressed class pointer, length) in HotSpot. */
    static final int HEADER_BYTES = 16;
    /** Floats before the first row: the header plus these make 64 bytes. */
    static final int OFFSET = (64 - HEADER_BYTES) / Float.BYTES;
    /** Floats of the smallest copy: half the region G1 picks for this heap, so that it is humongous. */
    static final int MIN_FLOATS = humongousFloats(Runtime.getRuntime().maxMemory());

    private final SpareArray spare = new SpareArray();

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
        float[] a = spare.take(Math.max(MIN_FLOATS, OFFSET + n * stride));
        if (xStride == stride) {
            System.arraycopy(x, xOffset, a, OFFSET, n * cols + (n - 1) * (stride - cols));
        } else {
            for (int i = 0; i < n; i++) {
                System.arraycopy(x, xOffset + i * xStride, a, OFFSET + i * stride, cols);
            }
        }
        return a;
    }

    /** Keeps {@code a} for the next {@link #copy}. */
    void release(float[] a) {
        spare.release(a);
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
