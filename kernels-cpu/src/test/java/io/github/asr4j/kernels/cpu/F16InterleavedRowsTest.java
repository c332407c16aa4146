package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.loader.DType;
import java.util.Random;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The F16 kernels that take several input rows interleaved against several weight rows at once — five beams as
 * quads ({@code F16Weights.Simd.dots5QuadF16}), sixteen files as two octets ({@code dots8PairOctetF16}) — keep,
 * for every output, the bits of its row's product alone ({@code dot}).
 */
class F16InterleavedRowsTest {

    @BeforeAll
    static void copiesOn() {
        System.setProperty(F16Normals.PROPERTY, "true");
    }

    @AfterAll
    static void copiesByMachine() {
        System.clearProperty(F16Normals.PROPERTY);
    }

    /**
     * One kernel's case: {@code rows} input rows; {@code takes(m, n)}: whether matrix m's kernel takes n rows (true
     * for {@code rows}, false for its neighbours); output row counts (tasks whose rows are not a whole number of
     * the kernel's weight rows, and tasks of whole ones); the weight row holding an infinity; the input rows given
     * ±65504 and a subnormal value.
     */
    record Case(String name, int rows, BiPredicate<WeightMatrix, Integer> takes, int[] ins, int[] outs, int infinityRow,
                int[] extremeRows, long seed) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        int lanes = VectorWiden.F.length();
        return Stream.of(
                new Case("five rows as quads", 5, WeightMatrix::quads,
                        new int[] {768, 1024, 2 * lanes, 3 * RowParts.PART, 2 * RowParts.PART + 2 * lanes},
                        new int[] {37, 203, 600}, 150, new int[] {1, 3, 4}, 5555),
                new Case("sixteen rows as octets", 16, WeightMatrix::octets, new int[] {768, 1024, 2 * lanes},
                        new int[] {37, 200}, 60, new int[] {5, 9, 12}, 1616));
    }

    /**
     * Rows of 768 and 1,024 (re-encoded copies; a seventh of the halves subnormal) and of 2·lanes (one vector
     * pair), for the quads also rows cut into parts ({@link RowParts}: three whole parts, and a last part longer by
     * one vector pair), each also kept as halves (copies off); a row holding a NaN and one an infinity (theirs go to the
     * pair kernels) where there are 200 output rows or more; bias; 1 and 2 threads; one matrix and three in one
     * pass ({@code linearsRows}).
     */
    @ParameterizedTest
    @MethodSource("cases")
    void everyRowEqualsItsRowAlone(Case c) {
        Random rnd = new Random(c.seed());
        int n = c.rows();
        for (boolean copies : new boolean[] {true, false}) {
            System.setProperty(F16Normals.PROPERTY, Boolean.toString(copies));
            for (int in : c.ins()) {
                for (int out : c.outs()) {
                    float[] values = TestData.random(rnd, out * in, 0.1f);
                    for (int i = 0; i < values.length; i += 7) {
                        values[i] *= 1e-4f; // halves below 2^-14: subnormal
                    }
                    if (out >= 200) {
                        values[17 * in + 3] = Float.NaN;
                        values[c.infinityRow() * in + in - 1] = Float.POSITIVE_INFINITY;
                    }
                    for (int threads : new int[] {1, 2}) {
                        try (CpuBackend b = TestData.Kind.VECTOR.create(threads)) {
                            WeightMatrix[] m = new WeightMatrix[3];
                            for (int j = 0; j < m.length; j++) {
                                float[] v = j == 0 ? values : TestData.random(rnd, out * in, 0.1f);
                                m[j] = (WeightMatrix) b.matrix(TestData.tensor("w" + j, DType.F16, v, out, in));
                            }
                            assertThat(c.takes().test(m[0], n)).as("%s taken, %d columns", c, in).isTrue();
                            assertThat(c.takes().test(m[0], n - 1)).isFalse();
                            assertThat(c.takes().test(m[0], n + 1)).isFalse();
                            float[] x = TestData.random(rnd, n * in, 1f);
                            x[c.extremeRows()[0] * in + 7] = 65504f;
                            x[c.extremeRows()[1] * in + 1] = -65504f;
                            x[c.extremeRows()[2] * in + in - 2] = 1e-40f;
                            float[] bias = TestData.random(rnd, out, 1f);
                            String what = String.format("%s, copies %s, [%d, %d], %d threads", c, copies, out, in, threads);
                            TestData.assertFewRowProductsAsDots(b, x, n, in, m, bias, what);
                        }
                    }
                }
            }
        }
        System.setProperty(F16Normals.PROPERTY, "true");
    }

    /**
     * Sixteen rows over halves kept as they are (copies off), every third weight row holding a subnormal half and
     * the others none, so that the octet pairs are of two plain rows, of two rows with a subnormal and of one of
     * each; the rows holding one taken apart ({@link F16Normals#ROWS_APART_PROPERTY} on) and not (off); ±65504 and
     * a subnormal input; bias; 1 and 2 threads; one matrix and three in one pass: every output equal to its row's
     * product alone.
     */
    @Test
    void sixteenRowsWithSubnormalRowsApartEqualTheirRowsAlone() {
        Random rnd = new Random(1617);
        int n = 16;
        int in = 768;
        try {
            System.setProperty(F16Normals.PROPERTY, "false");
            for (boolean apart : new boolean[] {true, false}) {
                System.setProperty(F16Normals.ROWS_APART_PROPERTY, Boolean.toString(apart));
                for (int out : new int[] {37, 200}) {
                    float[] values = TestData.random(rnd, out * in, 0.1f);
                    for (int r = 0; r < out; r++) {
                        for (int c = 0; c < in; c++) {
                            if (Math.abs(values[r * in + c]) < 1e-3f) {
                                values[r * in + c] = 1e-3f; // no subnormal half from the random values
                            }
                        }
                        if (r % 3 == 0) {
                            values[r * in + (37 * r) % in] = (r % 2 == 0 ? 3e-6f : -2e-7f); // halves below 2^-14
                        }
                    }
                    for (int threads : new int[] {1, 2}) {
                        try (CpuBackend b = TestData.Kind.VECTOR.create(threads)) {
                            WeightMatrix[] m = new WeightMatrix[3];
                            for (int j = 0; j < m.length; j++) {
                                float[] v = j == 0 ? values : TestData.random(rnd, out * in, 0.1f);
                                m[j] = (WeightMatrix) b.matrix(TestData.tensor("w" + j, DType.F16, v, out, in));
                            }
                            assertThat(m[0].octets(n)).isTrue();
                            float[] x = TestData.random(rnd, n * in, 1f);
                            x[3 * in + 7] = 65504f;
                            x[10 * in + 1] = -65504f;
                            x[14 * in + in - 2] = 1e-40f;
                            float[] bias = TestData.random(rnd, out, 1f);
                            String what = String.format("subnormal rows apart %s, [%d, %d], %d threads", apart, out, in, threads);
                            TestData.assertFewRowProductsAsDots(b, x, n, in, m, bias, what);
                        }
                    }
                }
            }
        } finally {
            System.clearProperty(F16Normals.ROWS_APART_PROPERTY);
            System.setProperty(F16Normals.PROPERTY, "true");
        }
    }

    /**
     * {@code rowKind}: a subnormal half or an infinity/NaN in the vector part or the scalar tail is found (a special
     * wins over a subnormal wherever each lies); zeros, -0 and 2^-14 are finite.
     */
    @Test
    void rowKindFindsSubnormalsAndSpecials() {
        int lanes = VectorWiden.S.length();
        int len = 2 * lanes + 3;
        java.lang.foreign.MemorySegment seg = java.lang.foreign.Arena.ofAuto().allocate(2L * len, 64);
        for (int i = 0; i < len; i++) {
            seg.set(WeightMatrix.I16_LE, 2L * i, (short) (i % 3 == 0 ? 0 : i % 3 == 1 ? 0x8000 : 0x0400)); // 0, -0, 2^-14
        }
        assertThat(F16Weights.Simd.rowKind(seg, 0, len)).isEqualTo(F16Weights.Simd.FINITE);
        int[] places = {0, lanes + 1, len - 1};
        for (int at : places) {
            for (short h : new short[] {0x0001, (short) 0x83FF}) {
                short before = seg.get(WeightMatrix.I16_LE, 2L * at);
                seg.set(WeightMatrix.I16_LE, 2L * at, h);
                assertThat(F16Weights.Simd.rowKind(seg, 0, len)).as("half %04x at %d", h, at)
                        .isEqualTo(F16Weights.Simd.SUBNORMALS);
                for (int specialAt : places) {
                    if (specialAt == at) {
                        continue;
                    }
                    for (short special : new short[] {0x7C00, (short) 0xFC00, 0x7E01}) {
                        short kept = seg.get(WeightMatrix.I16_LE, 2L * specialAt);
                        seg.set(WeightMatrix.I16_LE, 2L * specialAt, special);
                        assertThat(F16Weights.Simd.rowKind(seg, 0, len))
                                .as("subnormal %04x at %d, special %04x at %d", h, at, special, specialAt)
                                .isEqualTo(F16Weights.Simd.SPECIAL);
                        seg.set(WeightMatrix.I16_LE, 2L * specialAt, kept);
                    }
                }
                seg.set(WeightMatrix.I16_LE, 2L * at, before);
            }
            short before = seg.get(WeightMatrix.I16_LE, 2L * at);
            seg.set(WeightMatrix.I16_LE, 2L * at, (short) 0x7C00);
            assertThat(F16Weights.Simd.rowKind(seg, 0, len)).as("infinity at %d", at).isEqualTo(F16Weights.Simd.SPECIAL);
            seg.set(WeightMatrix.I16_LE, 2L * at, before);
        }
    }

    /** Rows the quads do not take: not a whole number of vector pairs (rows cut into parts they take: above). */
    @Test
    void quadsOnlyWhereTheyFit() {
        Random rnd = new Random(5);
        int lanes = VectorWiden.F.length();
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            for (int in : new int[] {3 * lanes, 2 * lanes + 1, 2 * RowParts.PART + lanes}) {
                WeightMatrix m = (WeightMatrix) b.matrix(TestData.tensor("w", DType.F16, TestData.random(rnd, 8 * in, 0.1f), 8, in));
                assertThat(m.quads(5)).as("%d columns", in).isFalse();
            }
        }
    }
}
