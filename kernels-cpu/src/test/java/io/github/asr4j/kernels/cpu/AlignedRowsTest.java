package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The aligned copy of a few-row product's inputs: where the rows land, and the size that makes it humongous. */
class AlignedRowsTest {

    @Test
    void rowsLandAtTheOffsetOnWholeCacheLinesOfFloats() {
        // 768 (a multiple of 16: one copy) and 219 (rows padded to 224), from a strided source.
        for (int cols : new int[] {768, 219}) {
            for (int xStride : new int[] {cols, cols + 5}) {
                int n = 5;
                int xOffset = 3;
                float[] x = new float[xOffset + n * xStride];
                for (int i = 0; i < x.length; i++) {
                    x[i] = i;
                }
                AlignedRows rows = new AlignedRows();
                float[] a = rows.copy(x, xOffset, xStride, n, cols);
                int stride = AlignedRows.stride(cols);
                assertThat(stride % 16).isZero();
                assertThat(stride).isBetween(cols, cols + 15);
                assertThat(a.length).isGreaterThanOrEqualTo(AlignedRows.MIN_FLOATS);
                for (int i = 0; i < n; i++) {
                    assertThat(Arrays.copyOfRange(a, AlignedRows.OFFSET + i * stride, AlignedRows.OFFSET + i * stride + cols))
                            .as("cols %d, stride %d, row %d", cols, xStride, i)
                            .containsExactly(Arrays.copyOfRange(x, xOffset + i * xStride, xOffset + i * xStride + cols));
                }
                rows.release(a);
                assertThat(rows.copy(x, xOffset, xStride, n, cols)).as("the spare is reused").isSameAs(a);
            }
        }
    }

    @Test
    void aConcurrentCallerCopiesIntoAnArrayOfItsOwnSizeAndTheSpareStays() {
        int cols = 768;
        float[] x = new float[cols];
        for (int i = 0; i < cols; i++) {
            x[i] = i;
        }
        AlignedRows rows = new AlignedRows();
        float[] spare = rows.copy(x, 0, cols, 1, cols);
        assertThat(spare.length).isGreaterThanOrEqualTo(AlignedRows.MIN_FLOATS);
        float[] concurrent = rows.copy(x, 0, cols, 1, cols); // while the spare is out
        assertThat(concurrent.length).as("no humongous array per product").isEqualTo(AlignedRows.OFFSET + 2 * cols);
        assertThat(Arrays.copyOfRange(concurrent, AlignedRows.OFFSET, AlignedRows.OFFSET + cols)).containsExactly(x);
        assertThat(AlignedRows.scaled(concurrent, 1, cols, 0x1p112f)).isEqualTo(cols);
        rows.release(spare);
        rows.release(concurrent); // released last: must not displace the spare
        assertThat(rows.copy(x, 0, cols, 1, cols)).isSameAs(spare);
    }

    @Test
    void scaledRowsFollowTheCopyTimesTheScaleOrAreRefused() {
        for (int cols : new int[] {768, 219}) {
            int n = 5;
            float[] x = new float[n * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = (i % 2 == 0 ? 1 : -1) * (i % 97) * 671.5f; // up to 64,411: times 2^112 still finite
            }
            AlignedRows rows = new AlignedRows();
            float[] a = rows.copy(x, 0, cols, n, cols);
            int stride = AlignedRows.stride(cols);
            int twin = AlignedRows.scaled(a, n, cols, 0x1p112f);
            assertThat(twin).isEqualTo(n * stride);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < cols; c++) {
                    int r = AlignedRows.OFFSET + i * stride + c;
                    assertThat(a[r + twin]).as("cols %d, row %d, col %d", cols, i, c).isEqualTo(x[i * cols + c] * 0x1p112f);
                    assertThat(a[r]).isEqualTo(x[i * cols + c]);
                }
            }
            assertThat(AlignedRows.scaled(a, n, cols, 0f)).as("no scale asked").isEqualTo(-1);
            for (float bad : new float[] {65536f, -1e30f, Float.POSITIVE_INFINITY, Float.NaN}) {
                x[(n - 1) * cols + cols - 1] = bad; // the last element: the scalar tail at 219
                float[] b = rows.copy(x, 0, cols, n, cols);
                assertThat(AlignedRows.scaled(b, n, cols, 0x1p112f)).as("cols %d, an input %s", cols, bad).isEqualTo(-1);
                x[3] = bad; // and one in the vector part
                x[(n - 1) * cols + cols - 1] = 1f;
                b = rows.copy(x, 0, cols, n, cols);
                assertThat(AlignedRows.scaled(b, n, cols, 0x1p112f)).as("cols %d, an input %s", cols, bad).isEqualTo(-1);
                x[3] = 1f;
            }
        }
    }

    @Test
    void theHeaderAndOffsetMakeOneCacheLine() {
        assertThat(AlignedRows.HEADER_BYTES + AlignedRows.OFFSET * Float.BYTES).isEqualTo(64);
    }

    @Test
    void theSmallestCopyIsHalfOfG1sErgonomicRegion() {
        // G1 picks a power of two near heap / 2048, from 1 to 32 MB (JDK 25: -Xmx1g 1 MB, -Xmx4g 2 MB).
        assertThat(AlignedRows.humongousFloats(256L << 20)).isEqualTo((1 << 20) / 2 / 4);
        assertThat(AlignedRows.humongousFloats(1L << 30)).isEqualTo((1 << 20) / 2 / 4);
        assertThat(AlignedRows.humongousFloats(4L << 30)).isEqualTo((2 << 20) / 2 / 4);
        assertThat(AlignedRows.humongousFloats((6L << 30) - 1)).isEqualTo((2 << 20) / 2 / 4);
        assertThat(AlignedRows.humongousFloats(1L << 40)).isEqualTo((32 << 20) / 2 / 4);
    }
}
