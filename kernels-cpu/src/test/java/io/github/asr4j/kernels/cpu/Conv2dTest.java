package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.DType;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code conv2d} on shapes that exercise every edge of {@link VectorConv2d}: patches deeper than one
 * panel slice (and a short last slice), channel counts not a multiple of the micro-tile's six rows,
 * positions not a multiple of its columns, strides, paddings and kernel sizes. Each backend is held
 * to a direct double loop (relative to Σ|w·x| + |bias|, as {@link LinearTest}) and must not depend on the
 * thread count. The SIMD backend's direct conv2d must also equal its im2col product bit for bit when that
 * product runs through the same GEMM micro-kernel, i.e. over more than {@link VectorBackend#FEW_ROWS}
 * positions; fewer positions take the matrix-vector dot kernels, whose lane-wise sums are another order
 * (equal by chance on 16 lanes for a short patch, not on 8).
 */
class Conv2dTest {

    @ParameterizedTest(name = "{0} in={1} out={2} {3}x{4} k={5} stride={6} pad={7}")
    @CsvSource({
        "SCALAR, 3, 13, 11, 9, 3, 2, 1",
        "VECTOR, 3, 13, 11, 9, 3, 2, 1",
        "VECTOR, 1, 12, 40, 30, 3, 2, 1",     // one-channel input (Qwen3-ASR's first conv): a 9-deep patch
        "VECTOR, 70, 7, 17, 23, 3, 2, 1",     // patch 630: a 512 slice and a 118 one
        "VECTOR, 120, 20, 12, 10, 3, 1, 1",   // patch 1080, stride 1: 120 positions (a short second column block)
        "VECTOR, 5, 6, 9, 14, 5, 1, 2",       // 5x5, padding 2
        "VECTOR, 4, 5, 8, 8, 1, 1, 0",        // 1x1, no padding
        "VECTOR, 2, 9, 10, 7, 3, 3, 0",       // stride 3, no padding: taps never in padding; 6 positions
        "VECTOR, 2, 9, 28, 16, 3, 3, 0",      // the same with 45 positions: the im2col product through the GEMM
        "VECTOR, 64, 30, 16, 13, 3, 2, 1",    // Qwen3-ASR's last conv in small: 7x8 positions
    })
    void matchesDirectLoopAndIm2col(TestData.Kind kind, int in, int out, int height, int width, int k, int stride, int pad) {
        Random rnd = new Random(in * 7919L + out * 31L + height * 7L + width + k);
        float[] x = TestData.random(rnd, in * height * width, 1f);
        float[] w = TestData.random(rnd, out * in * k * k, 0.3f);
        float[] bias = TestData.random(rnd, out, 0.2f);
        int oh = (height + 2 * pad - k) / stride + 1;
        int ow = (width + 2 * pad - k) / stride + 1;
        float[] first = null;
        for (int threads : new int[] {1, 3}) {
            try (CpuBackend b = kind.create(threads)) {
                CpuConvKernel kernel = (CpuConvKernel) b.convKernel(TestData.tensor("c", DType.F32, w, out, in, k, k));
                Buffer yb = b.allocate(out * oh, ow, BufferType.F32);
                b.conv2d(b.upload(x, in * height, width), height, kernel, b.upload(bias, 1, out), stride, pad, yb);
                float[] y = new float[out * oh * ow];
                b.download(yb, 0, out * oh, y);
                float[] im2col = new float[y.length];
                b.conv2dIm2col(x, height, width, kernel, bias, stride, pad, im2col, oh, ow);
                if (kind == TestData.Kind.SCALAR || oh * ow > VectorBackend.FEW_ROWS) {
                    assertThat(y).as("%d threads: conv2d equals the im2col product", threads).isEqualTo(im2col);
                }
                if (first == null) {
                    first = y;
                    assertThat(worstScaledError(x, in, height, width, w, bias, out, k, stride, pad, oh, ow, y))
                            .isLessThan(LinearTest.TOLERANCE);
                } else {
                    assertThat(y).as("thread count does not change the result").isEqualTo(first);
                }
            }
        }
    }

    private static double worstScaledError(float[] x, int in, int height, int width, float[] w, float[] bias, int out, int k,
                                           int stride, int pad, int oh, int ow, float[] y) {
        double worst = 0;
        for (int o = 0; o < out; o++) {
            for (int r = 0; r < oh; r++) {
                for (int s = 0; s < ow; s++) {
                    double sum = bias[o];
                    double mag = Math.abs(bias[o]);
                    for (int c = 0; c < in; c++) {
                        for (int i = 0; i < k; i++) {
                            for (int j = 0; j < k; j++) {
                                int row = r * stride + i - pad;
                                int col = s * stride + j - pad;
                                if (row >= 0 && row < height && col >= 0 && col < width) {
                                    double p = (double) w[((o * in + c) * k + i) * k + j] * x[(c * height + row) * width + col];
                                    sum += p;
                                    mag += Math.abs(p);
                                }
                            }
                        }
                    }
                    worst = Math.max(worst, Math.abs(y[(o * oh + r) * ow + s] - sum) / mag);
                }
            }
        }
        return worst;
    }
}
