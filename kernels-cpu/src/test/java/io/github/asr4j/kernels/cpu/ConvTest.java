package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code conv1d} against a direct double loop; tolerance as in {@link LinearTest} (3·in terms). */
class ConvTest {

    @ParameterizedTest(name = "{0} {1} stride={2} length={3} in={4} out={5}")
    @CsvSource({
        "SCALAR, F32, 1, 1, 1, 1", "SCALAR, F32, 1, 37, 5, 9", "SCALAR, F16, 2, 37, 5, 9", "SCALAR, F32, 2, 2, 3, 4",
        "SCALAR, BF16, 2, 64, 80, 65", "SCALAR, F32, 1, 300, 80, 64",
        "VECTOR, F32, 1, 1, 1, 1", "VECTOR, F32, 1, 37, 5, 9", "VECTOR, F16, 2, 37, 5, 9", "VECTOR, F32, 2, 2, 3, 4",
        "VECTOR, BF16, 2, 64, 80, 65", "VECTOR, F32, 1, 300, 80, 64", "VECTOR, F16, 2, 301, 64, 48",
    })
    void matchesDirectLoop(TestData.Kind kind, DType dtype, int stride, int length, int in, int out) {
        Random rnd = new Random(length * 1000L + in * 10L + out);
        float[] x = TestData.random(rnd, length * in, 1f);
        Tensor w = TestData.tensor("conv", dtype, TestData.random(rnd, out * in * 3, 0.2f), out, in, 3);
        float[] bias = TestData.random(rnd, out, 0.3f);
        int outLength = (length - 1) / stride + 1;
        float[] y = new float[outLength * out];
        try (CpuBackend b = kind.create(2)) {
            Backend.ConvKernel k = b.convKernel(w);
            assertThat(k.inChannels()).isEqualTo(in);
            assertThat(k.outChannels()).isEqualTo(out);
            b.conv1d(x, length, k, bias, stride, y);
        }
        double worst = 0;
        for (int t = 0; t < outLength; t++) {
            for (int o = 0; o < out; o++) {
                double sum = bias[o];
                double mag = Math.abs(bias[o]);
                for (int c = 0; c < in; c++) {
                    for (int j = 0; j < 3; j++) {
                        int src = t * stride + j - 1;
                        if (src >= 0 && src < length) {
                            double p = (double) w.getFloat(((long) o * in + c) * 3 + j) * x[src * in + c];
                            sum += p;
                            mag += Math.abs(p);
                        }
                    }
                }
                worst = Math.max(worst, Math.abs(y[t * out + o] - sum) / mag);
            }
        }
        assertThat(worst).isLessThan(LinearTest.TOLERANCE);
    }

    @ParameterizedTest
    @CsvSource({"SCALAR", "VECTOR"})
    void rejectsBadKernelAndStride(TestData.Kind kind) {
        try (CpuBackend b = kind.create(1)) {
            Tensor flat = TestData.tensor("conv2x5", DType.F32, new float[10], 2, 5);
            assertThatThrownBy(() -> b.convKernel(flat)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conv2x5");
            Tensor oblong = TestData.tensor("conv3x2", DType.F32, new float[6], 1, 1, 3, 2);
            assertThatThrownBy(() -> b.convKernel(oblong)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conv3x2");
            Backend.ConvKernel k = b.convKernel(TestData.tensor("conv", DType.F32, new float[6], 1, 2, 3));
            assertThatThrownBy(() -> b.conv1d(new float[8], 4, k, null, 0, new float[4]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride");
        }
    }
}
