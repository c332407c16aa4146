package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.loader.DType;
import java.util.Arrays;
import java.util.Random;

/**
 * Scratch harness (not a test): times the Qwen3-ASR 0.6B conv stem of one 100-frame chunk (2 threads),
 * each conv2d by {@link VectorConv2d} (direct) and by the im2col product alternated in one JVM, and
 * says whether their outputs are identical.
 */
public final class ConvProbe {
    public static void main(String[] args) {
        int channels = 480;
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Random rnd = new Random(3);
        try (VectorBackend b = new VectorBackend(threads)) {
            CpuConvKernel[] k = new CpuConvKernel[3];
            float[][] bias = new float[3][];
            for (int i = 0; i < 3; i++) {
                int in = i == 0 ? 1 : channels;
                k[i] = (CpuConvKernel) b.convKernel(TestData.tensor("c" + i, DType.BF16,
                        TestData.random(rnd, channels * in * 9, 0.1f), channels, in, 3, 3));
                bias[i] = TestData.random(rnd, channels, 0.1f);
            }
            float[] mel = TestData.random(rnd, 128 * 100, 1f);
            if (args.length > 1) {   // "direct" or "im2col": a fresh JVM's first stems of 11 chunks, one way only
                boolean direct = args[1].equals("direct");
                StringBuilder passes = new StringBuilder();
                for (int pass = 0; pass < 4; pass++) {
                    long t0 = System.nanoTime();
                    for (int chunk = 0; chunk < 11; chunk++) {
                        stem(b, k, bias, mel, channels, direct);
                    }
                    passes.append(String.format(" %.0f", (System.nanoTime() - t0) / 1e6));
                }
                System.out.println(args[1] + " stem of 11 chunks, passes 1-4 (ms):" + passes);
                return;
            }
            double[][] best = new double[2][4];
            for (double[] row : best) {
                Arrays.fill(row, 1e18);
            }
            boolean identical = true;
            for (int rep = 0; rep < 60; rep++) {
                for (int way = 0; way < 2; way++) {
                    float[] x = mel;
                    int height = 128;
                    int width = 100;
                    long t0 = System.nanoTime();
                    for (int i = 0; i < 3; i++) {
                        int oh = (height - 1) / 2 + 1;
                        int ow = (width - 1) / 2 + 1;
                        float[] y = new float[channels * oh * ow];
                        long a = System.nanoTime();
                        if (way == 0) {
                            b.conv2d(x, height, width, k[i], bias[i], 2, 1, y, oh, ow);
                        } else {
                            b.conv2dIm2col(x, height, width, k[i], bias[i], 2, 1, y, oh, ow);
                        }
                        best[way][i] = Math.min(best[way][i], System.nanoTime() - a);
                        if (way == 1 && rep == 0) {
                            float[] direct = new float[y.length];
                            b.conv2d(x, height, width, k[i], bias[i], 2, 1, direct, oh, ow);
                            identical &= Arrays.equals(direct, y);
                        }
                        Buffer yb = b.upload(y, channels * oh, ow);
                        b.gelu(yb);
                        b.download(yb, 0, channels * oh, y);
                        x = y;
                        height = oh;
                        width = ow;
                    }
                    best[way][3] = Math.min(best[way][3], System.nanoTime() - t0);
                }
            }
            for (int way = 0; way < 2; way++) {
                System.out.printf("%-7s conv2d1 %.2f ms, conv2d2 %.2f ms, conv2d3 %.2f ms, stem with GELUs %.2f ms (best of 60, %d threads)%n",
                        way == 0 ? "direct" : "im2col", best[way][0] / 1e6, best[way][1] / 1e6, best[way][2] / 1e6,
                        best[way][3] / 1e6, threads);
            }
            System.out.println("direct and im2col outputs identical: " + identical);
        }
    }

    private static void stem(VectorBackend b, CpuConvKernel[] k, float[][] bias, float[] mel, int channels, boolean direct) {
        float[] x = mel;
        int height = 128;
        int width = 100;
        for (int i = 0; i < 3; i++) {
            int oh = (height - 1) / 2 + 1;
            int ow = (width - 1) / 2 + 1;
            float[] y = new float[channels * oh * ow];
            if (direct) {
                b.conv2d(x, height, width, k[i], bias[i], 2, 1, y, oh, ow);
            } else {
                b.conv2dIm2col(x, height, width, k[i], bias[i], 2, 1, y, oh, ow);
            }
            b.gelu(y, y.length);
            x = y;
            height = oh;
            width = ow;
        }
    }
}
