package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The F16 one-row kernel ({@code dot4F16}) sums four rows at once and folds their lanes itself; every sum must keep
 * the bits of the row's own {@code dot} (the lane folds of {@link VectorOps#sumLanes}), whatever the quad, the
 * thread count and the weights' form.
 */
class F16RowFoldTest {

    /**
     * Rows 1 to 13 and 768, 3072 and 51,865 (the logits' count: a quad run plus three rows) by rows of 768, 3072, 64,
     * 80, 784 (an odd vector count at 16 lanes) and 203 (a scalar tail); weights with subnormal halves, as the
     * re-encoded copy ({@link F16Normals}) and as the halves, the latter also with an infinity and a NaN in two
     * rows (the quads holding them take the row-by-row kernel with the blend); the product at 1 and 2 threads and
     * the kernel itself over every run of the small matrices.
     */
    @Test
    void everyOneRowSumKeepsTheBitsOfItsDot() {
        Random rnd = new Random(61);
        int[][] shapes = new int[13 * 6 + 5][];
        int n = 0;
        for (int rows = 1; rows <= 13; rows++) {
            for (int cols : new int[] {768, 3072, 64, 80, 784, 203}) {
                shapes[n++] = new int[] {rows, cols};
            }
        }
        shapes[n++] = new int[] {768, 768};
        shapes[n++] = new int[] {3072, 768};
        shapes[n++] = new int[] {768, 3072};
        shapes[n++] = new int[] {51865, 64};
        shapes[n++] = new int[] {3077, 80};
        int checked = 0;
        for (boolean copies : new boolean[] {true, false}) {
            System.setProperty(F16Normals.PROPERTY, Boolean.toString(copies));
            try (CpuBackend one = TestData.Kind.VECTOR.create(1); CpuBackend two = TestData.Kind.VECTOR.create(2)) {
                for (int[] shape : shapes) {
                    int rows = shape[0];
                    int cols = shape[1];
                    for (boolean specials : copies ? new boolean[] {false} : new boolean[] {false, true}) {
                        float[] values = TestData.random(rnd, rows * cols, 0.02f);
                        for (int i = 0; i < values.length; i += 7) {
                            values[i] *= 1e-4f; // halves below 2^-14: subnormal
                        }
                        if (specials) {
                            values[(rows / 2) * cols + cols / 3] = Float.POSITIVE_INFINITY;
                            values[(rows - 1) * cols + cols - 1] = Float.NaN;
                        }
                        Tensor w = TestData.tensor("w", DType.F16, values, rows, cols);
                        float[] x = TestData.random(rnd, cols, 1f);
                        for (CpuBackend b : new CpuBackend[] {one, two}) {
                            WeightMatrix m = (WeightMatrix) b.matrix(w);
                            float scale = m.rowInputScale();
                            boolean copied = copies && cols % (2 * VectorWiden.F.length()) == 0; // whole vector pairs only
                            assertThat(scale).isEqualTo(copied ? F16Normals.SCALE : 0x1p112f);
                            float[] alone = new float[rows];
                            for (int o = 0; o < rows; o++) {
                                alone[o] = m.dot(x, 0, o);
                            }
                            float[] product = new float[rows];
                            b.linear(x, 1, m, null, product);
                            String what = String.format("F16 [%d, %d], copies %s, specials %s, %d threads",
                                    rows, cols, copies, specials, b == one ? 1 : 2);
                            assertThat(TestData.bitsDiffer(alone, product)).as(what).isZero();
                            if (rows <= 13 || rows == 768) {
                                // the kernel itself over runs from several rows, its input's twin after it
                                float[] twin = Arrays.copyOf(x, 2 * cols);
                                for (int i = 0; i < cols; i++) {
                                    twin[cols + i] = x[i] * scale;
                                }
                                for (int first : new int[] {0, 1, rows / 2}) {
                                    for (int count = 0; first + count <= rows; count += rows <= 13 ? 1 : 97) {
                                        float[] together = new float[rows + 2];
                                        Arrays.fill(together, Float.NaN);
                                        m.dotRowsScaled(twin, 0, cols, first, count, together, 1 + first);
                                        float[] expected = together.clone();
                                        System.arraycopy(alone, first, expected, 1 + first, count);
                                        assertThat(TestData.bitsDiffer(expected, together))
                                                .as("%s, rows %d..%d", what, first, first + count).isZero();
                                    }
                                }
                            }
                            checked++;
                        }
                    }
                }
            } finally {
                System.clearProperty(F16Normals.PROPERTY);
            }
        }
        assertThat(checked).isEqualTo(6 * shapes.length); // copies: 1 weight set, 2 backends; halves: 2 and 2
    }
}
