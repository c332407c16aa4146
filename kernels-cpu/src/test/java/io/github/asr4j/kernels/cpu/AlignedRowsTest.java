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
