package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Backend#view}: a view and its base share their elements; every op given views (inputs and
 * outputs) writes the same bits as with buffers of their own, and leaves the base past the view as
 * it was.
 */
class ViewTest {
    /** What a base holds past its view; an op that reads or writes it shows in the bits or the tail check. */
    private static final float SENTINEL = 12345.5f;
    /** Elements of a base past its view. */
    private static final int SPARE = 37;

    @Test
    void aViewAndItsBaseShareElements() {
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            Buffer base = b.allocate(4, 6, BufferType.F32);
            Buffer view = b.view(base, 3, 5);
            assertThat(view.rows()).isEqualTo(3);
            assertThat(view.cols()).isEqualTo(5);
            assertThat(view.type()).isEqualTo(BufferType.F32);
            float[] values = new float[15];
            for (int i = 0; i < values.length; i++) {
                values[i] = i + 1;
            }
            b.copyRows(b.upload(values, 3, 5), 0, view, 0, 3);
            float[] seen = new float[24];
            b.download(base, 0, 4, seen);
            assertThat(Arrays.copyOf(seen, 15)).containsExactly(values);
            assertThat(Arrays.copyOfRange(seen, 15, 24)).containsOnly(0f);

            float[] row = {-1, -2, -3, -4, -5, -6};
            b.copyRows(b.upload(row, 1, 6), 0, base, 1, 1);
            float[] back = new float[15];
            b.download(view, 0, 3, back);
            assertThat(Arrays.copyOfRange(back, 6, 12)).containsExactly(-1, -2, -3, -4, -5, -6);
            assertThat(b.view(view, 2, 2).size()).as("a view of a view").isEqualTo(4);
        }
    }

    @Test
    void refusesWhatItCannotShare() {
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            Buffer base = b.allocate(4, 6, BufferType.F32);
            assertThatThrownBy(() -> b.view(base, 5, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
            assertThatThrownBy(() -> b.view(base, -1, 5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.view(b.view(base, 2, 6), 3, 5)).isInstanceOf(IllegalArgumentException.class);
            for (BufferType type : new BufferType[] {BufferType.F16, BufferType.Q8}) {
                assertThatThrownBy(() -> b.view(b.allocate(4, 32, type), 2, 2))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("F32");
            }
            Buffer foreign = new Buffer() {
                @Override
                public int rows() {
                    return 4;
                }

                @Override
                public int cols() {
                    return 6;
                }

                @Override
                public BufferType type() {
                    return BufferType.F32;
                }
            };
            assertThatThrownBy(() -> b.view(foreign, 2, 2)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(TestData.Kind.class)
    void opsOverViewsWriteTheirOwnBitsAndNothingPastThem(TestData.Kind kind) {
        Random rnd = new Random(41);
        float[] a = TestData.random(rnd, 7 * 13, 1);
        float[] x = TestData.random(rnd, 37 * 5, 1);
        float[] wide = TestData.random(rnd, 6 * 40, 1);
        float[] other = TestData.random(rnd, 6 * 40, 1);
        float[] gamma = TestData.random(rnd, 40, 1);
        float[] beta = TestData.random(rnd, 40, 1);
        float[] q = TestData.random(rnd, 30 * 64, 1);
        float[] k = TestData.random(rnd, 30 * 64, 1);
        float[] v = TestData.random(rnd, 30 * 64, 1);
        try (CpuBackend b = kind.create(2)) {
            Backend.ConvKernel conv = b.convKernel(TestData.tensor("conv", DType.F16, TestData.random(rnd, 9 * 5 * 3, 0.2f), 9, 5, 3));
            Backend.Matrix w = b.matrix(TestData.tensor("w", DType.F16, TestData.random(rnd, 24 * 40, 0.1f), 24, 40));
            Buffer bias = b.upload(TestData.random(rnd, 24, 0.1f), 1, 24);
            same(b, "transpose", p -> {
                Buffer t = p.zeros(13, 7);
                b.transpose(p.of(a, 7, 13), t);
                return t;
            });
            for (int padding = 0; padding <= 1; padding++) {
                int pad = padding;
                same(b, "conv1d padding " + pad, p -> {
                    Buffer y = p.zeros((37 + 2 * pad - 3) / 2 + 1, 9);
                    b.conv1d(p.of(x, 37, 5), conv, null, 2, pad, y);
                    return y;
                });
            }
            same(b, "gelu", p -> {
                Buffer y = p.of(wide, 6, 40);
                b.gelu(y);
                return y;
            });
            same(b, "add", p -> {
                Buffer y = p.of(wide, 6, 40);
                b.add(y, p.of(other, 6, 40));
                return y;
            });
            same(b, "scale", p -> {
                Buffer y = p.of(wide, 6, 40);
                b.scale(y, 0.37f);
                return y;
            });
            same(b, "softmax", p -> {
                Buffer y = p.of(wide, 6, 40);
                b.softmax(y);
                return y;
            });
            same(b, "layerNorm", p -> {
                Buffer y = p.zeros(6, 40);
                b.layerNorm(p.of(wide, 6, 40), p.of(gamma, 1, 40), p.of(beta, 1, 40), 1e-5f, y);
                return y;
            });
            same(b, "linear", p -> {
                Buffer y = p.zeros(6, 24);
                b.linear(p.of(wide, 6, 40), w, bias, y);
                return y;
            });
            same(b, "matmul", p -> {
                Buffer c = p.zeros(6, 6);
                b.matmul(p.of(wide, 6, 40), false, p.of(other, 6, 40), true, c, 0.5f, false);
                return c;
            });
            for (int nq : new int[] {1, 30}) {
                float[] qs = Arrays.copyOf(q, nq * 64);
                same(b, "attention of " + nq, p -> {
                    Buffer out = p.zeros(nq, 64);
                    b.attention(p.of(qs, nq, 64), p.of(k, 30, 64), p.of(v, 30, 64), 30, 2, 2, AttentionMask.full(), out);
                    return out;
                });
                same(b, "attentionWeights of " + nq, p -> {
                    Buffer weights = p.zeros(2, nq * 30);
                    b.attentionWeights(p.of(qs, nq, 64), p.of(k, 30, 64), 30, 2, 2, AttentionMask.full(), weights);
                    return weights;
                });
            }
        }
    }

    /** Runs {@code op} over buffers of their own and over views; the outputs' bits agree and no base changed past its view. */
    private static void same(Backend b, String what, Function<Place, Buffer> op) {
        float[] own = Place.read(b, op.apply(new Place(b, false)));
        Place views = new Place(b, true);
        float[] viewed = Place.read(b, op.apply(views));
        assertThat(TestData.bitsDiffer(own, viewed)).as(what).isZero();
        views.assertTailsIntact(what);
    }

    /** Makes a case's buffers: each its own, or each a view over a base with {@link #SPARE} sentinels past it. */
    private static final class Place {
        private final Backend b;
        private final boolean views;
        private final List<Buffer> bases = new ArrayList<>();
        private final List<Long> used = new ArrayList<>();

        Place(Backend b, boolean views) {
            this.b = b;
            this.views = views;
        }

        Buffer zeros(int rows, int cols) {
            return of(new float[rows * cols], rows, cols);
        }

        Buffer of(float[] values, int rows, int cols) {
            Buffer own = b.upload(values, rows, cols);
            if (!views) {
                return own;
            }
            float[] filled = new float[rows * cols + SPARE];
            Arrays.fill(filled, SENTINEL);
            Buffer base = b.upload(filled, 1, filled.length);
            Buffer view = b.view(base, rows, cols);
            b.copyRows(own, 0, view, 0, rows);
            bases.add(base);
            used.add((long) rows * cols);
            return view;
        }

        void assertTailsIntact(String what) {
            for (int i = 0; i < bases.size(); i++) {
                float[] all = read(b, bases.get(i));
                assertThat(Arrays.copyOfRange(all, Math.toIntExact(used.get(i)), all.length)).as(what).containsOnly(SENTINEL);
            }
        }

        static float[] read(Backend b, Buffer buffer) {
            float[] out = new float[Math.toIntExact(buffer.size())];
            b.download(buffer, 0, buffer.rows(), out);
            return out;
        }
    }
}
