package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.DType;
import java.util.Random;

/** Scratch harness (not a test): times the Qwen3-ASR 0.6B conv stem of one 100-frame chunk (2 threads). */
public final class ConvProbe {
    public static void main(String[] args) {
        int channels = 480;
        Random rnd = new Random(3);
        try (VectorBackend b = new VectorBackend(2)) {
            Backend.ConvKernel[] k = new Backend.ConvKernel[3];
            Buffer[] bias = new Buffer[3];
            for (int i = 0; i < 3; i++) {
                int in = i == 0 ? 1 : channels;
                k[i] = b.convKernel(TestData.tensor("c" + i, DType.BF16, TestData.random(rnd, channels * in * 9, 0.1f), channels, in, 3, 3));
                bias[i] = b.upload(TestData.random(rnd, channels, 0.1f), 1, channels);
            }
            float[] mel = TestData.random(rnd, 128 * 100, 1f);
            double[] best = {1e18, 1e18, 1e18, 1e18};
            for (int rep = 0; rep < 60; rep++) {
                Buffer y = b.upload(mel, 128, 100);
                int height = 128;
                int width = 100;
                long t0 = System.nanoTime();
                for (int i = 0; i < 3; i++) {
                    int oh = (height - 1) / 2 + 1;
                    int ow = (width - 1) / 2 + 1;
                    Buffer next = b.allocate(channels * oh, ow, BufferType.F32);
                    long a = System.nanoTime();
                    b.conv2d(y, height, k[i], bias[i], 2, 1, next);
                    best[i] = Math.min(best[i], System.nanoTime() - a);
                    b.gelu(next);
                    y = next;
                    height = oh;
                    width = ow;
                }
                best[3] = Math.min(best[3], System.nanoTime() - t0);
            }
            System.out.printf("conv2d1 %.2f ms, conv2d2 %.2f ms, conv2d3 %.2f ms, stem with GELUs %.2f ms (best of 60)%n",
                    best[0] / 1e6, best[1] / 1e6, best[2] / 1e6, best[3] / 1e6);
        }
    }
}
