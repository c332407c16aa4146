package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.loader.DType;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Backend#linears} and {@link Backend#linearSwiglu} (one parallel pass over several products
 * of one input) give every output bit for bit what {@link Backend#linear} (and {@link Backend#swiglu})
 * give it one product at a time: in every weight format, for one row, a few rows (the fused pass)
 * and many rows (the matrix-product path), on 1 and 3 threads, with matrices whose rows do not
 * divide into the tasks evenly.
 */
class FusedLinearsTest {
    /** Inputs not a multiple of any vector length; rows unlike each other (a q, a k and a v of odd sizes). */
    private static final int IN = 203;
    private static final int[] OUTS = {97, 40, 41};
    private static final int[] ROW_COUNTS = {1, 5, VectorBackend.FEW_ROWS + 3};

    enum Format {
        F32, F16, BF16, INT8;

        CpuBackend create(TestData.Kind kind, int threads) {
            return this == INT8 ? (CpuBackend) (kind == TestData.Kind.VECTOR
                    ? Backends.vector(threads, WeightFormat.INT8) : Backends.scalar(threads, WeightFormat.INT8))
                    : kind.create(threads);
        }

        DType stored() {
            return this == INT8 ? DType.F32 : DType.valueOf(name());
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyProductOfOnePassEqualsItsLinearAlone(Format format) {
        Random rnd = new Random(31);
        for (TestData.Kind kind : TestData.Kind.values()) {
            for (int threads : new int[] {1, 3}) {
                try (CpuBackend b = format.create(kind, threads)) {
                    Backend.Matrix[] w = new Backend.Matrix[OUTS.length];
                    Buffer[] bias = new Buffer[OUTS.length];
                    for (int i = 0; i < OUTS.length; i++) {
                        w[i] = b.matrix(TestData.tensor("w" + i, format.stored(), TestData.random(rnd, OUTS[i] * IN, 0.1f), OUTS[i], IN));
                        // as Whisper's q, k, v: biases on the first and last only
                        bias[i] = i == 1 ? null : b.upload(TestData.random(rnd, OUTS[i], 1f), 1, OUTS[i]);
                    }
                    for (int n : ROW_COUNTS) {
                        Buffer x = b.upload(TestData.random(rnd, n * IN, 1f), n, IN);
                        for (Buffer[] biases : new Buffer[][] {null, bias}) {
                            Buffer[] together = outputs(b, n);
                            b.linears(x, w, biases, together);
                            for (int i = 0; i < OUTS.length; i++) {
                                Buffer alone = b.allocate(n, OUTS[i], BufferType.F32);
                                b.linear(x, w[i], biases == null ? null : biases[i], alone);
                                assertThat(TestData.bitsDiffer(host(b, alone), host(b, together[i])))
                                        .as("%s %s, %d threads, %d rows, matrix %d, biases %s: elements differing from linear",
                                                kind, format, threads, n, i, biases != null)
                                        .isZero();
                            }
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void theSwigluPassEqualsTwoLinearsAndSwiglu(Format format) {
        Random rnd = new Random(32);
        int out = 171;
        for (TestData.Kind kind : TestData.Kind.values()) {
            for (int threads : new int[] {1, 3}) {
                try (CpuBackend b = format.create(kind, threads)) {
                    // values around 0 and far out, where SiLU saturates
                    Backend.Matrix gate = b.matrix(TestData.tensor("gate", format.stored(), TestData.random(rnd, out * IN, 0.5f), out, IN));
                    Backend.Matrix up = b.matrix(TestData.tensor("up", format.stored(), TestData.random(rnd, out * IN, 0.1f), out, IN));
                    for (int n : ROW_COUNTS) {
                        Buffer x = b.upload(TestData.random(rnd, n * IN, 1f), n, IN);
                        Buffer g = b.allocate(n, out, BufferType.F32);
                        Buffer u = b.allocate(n, out, BufferType.F32);
                        b.linear(x, gate, null, g);
                        b.linear(x, up, null, u);
                        b.swiglu(g, u, g);
                        Buffer fused = b.allocate(n, out, BufferType.F32);
                        b.linearSwiglu(x, gate, up, fused, b.allocate(n, out, BufferType.F32));
                        assertThat(TestData.bitsDiffer(host(b, g), host(b, fused)))
                                .as("%s %s, %d threads, %d rows: elements differing from linear, linear, swiglu", kind, format, threads, n)
                                .isZero();
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void badArgumentsAreRefusedWithTheirShapes(TestData.Kind kind) {
        Random rnd = new Random(34);
        try (CpuBackend b = kind.create(2)) {
            Backend.Matrix q = b.matrix(TestData.tensor("q", DType.F32, TestData.random(rnd, 8 * IN, 0.1f), 8, IN));
            Backend.Matrix k = b.matrix(TestData.tensor("k", DType.F32, TestData.random(rnd, 4 * IN, 0.1f), 4, IN));
            Backend.Matrix narrow = b.matrix(TestData.tensor("narrow", DType.F32, TestData.random(rnd, 4 * 7, 0.1f), 4, 7));
            Buffer x = b.upload(TestData.random(rnd, IN, 1f), 1, IN);
            Buffer y8 = b.allocate(1, 8, BufferType.F32);
            Buffer y4 = b.allocate(1, 4, BufferType.F32);
            assertThatThrownBy(() -> b.linears(x, new Backend.Matrix[] {q, k}, null, new Buffer[] {y8}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 matrices, 1 outputs");
            assertThatThrownBy(() -> b.linears(x, new Backend.Matrix[] {q, k}, new Buffer[] {null}, new Buffer[] {y8, y4}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 biases");
            assertThatThrownBy(() -> b.linears(x, new Backend.Matrix[] {q, k}, null, new Buffer[] {y4, y8}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected [1, 8]");
            assertThatThrownBy(() -> b.linears(x, new Backend.Matrix[] {q, narrow}, null, new Buffer[] {y8, y4}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected [1, 7]");
            assertThatThrownBy(() -> b.linears(x, new Backend.Matrix[] {q}, new Buffer[] {y4}, new Buffer[] {y8}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias");
            assertThatThrownBy(() -> b.linearSwiglu(x, q, k, y8, y8))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in shape");
            assertThatThrownBy(() -> b.linearSwiglu(x, k, k, y8, y4))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out is");
            assertThatThrownBy(() -> b.linearSwiglu(x, k, k, y4, y8))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scratch is");
        }
    }

    private static Buffer[] outputs(Backend b, int n) {
        Buffer[] y = new Buffer[OUTS.length];
        for (int i = 0; i < OUTS.length; i++) {
            y[i] = b.allocate(n, OUTS[i], BufferType.F32);
        }
        return y;
    }

    private static float[] host(Backend b, Buffer buf) {
        float[] a = new float[(int) buf.size()];
        b.download(buf, 0, buf.rows(), a);
        return a;
    }
}
