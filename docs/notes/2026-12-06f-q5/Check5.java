package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

/** Scratch: 5-row F16 products against each row alone, bit for bit. */
public final class Check5 {
    public static void main(String[] args) throws Exception {
        int bad = 0, total = 0;
        for (int threads : new int[] {1, 2}) {
            try (CpuBackend b = new VectorBackend(threads)) {
                Random r = new Random(7);
                for (String s : new String[] {"768x37", "768x768", "64x203", "1024x3", "768x2305", "800x50", "3072x64"}) {
                    String[] p = s.split("x");
                    int in = Integer.parseInt(p[0]), out = Integer.parseInt(p[1]);
                    MemorySegment seg = Arena.ofAuto().allocate(2L * in * out, 64);
                    for (long i = 0; i < (long) in * out; i++) {
                        float v = (r.nextFloat() - 0.5f) * (r.nextInt(7) == 0 ? 1e-5f : 0.2f);
                        seg.set(WeightMatrix.I16_LE, 2 * i, Float.floatToFloat16(v));
                    }
                    if (out > 30) seg.set(WeightMatrix.I16_LE, 2L * (17L * in + 3), Float.floatToFloat16(Float.POSITIVE_INFINITY));
                    Backend.Matrix m = b.matrix(new Tensor("w", DType.F16, new long[] {out, in}, seg));
                    float[] x = new float[5 * in];
                    for (int i = 0; i < x.length; i++) x[i] = (r.nextFloat() - 0.5f) * (r.nextInt(5) == 0 ? 3000f : 1f);
                    float[] bias = new float[out];
                    for (int i = 0; i < out; i++) bias[i] = r.nextFloat();
                    for (int rep = 0; rep < 3; rep++) {
                        float[] y = new float[5 * out];
                        b.linear(x, 5, m, bias, y);
                        for (int i = 0; i < 5; i++) {
                            float[] xi = java.util.Arrays.copyOfRange(x, i * in, (i + 1) * in);
                            float[] yi = new float[out];
                            b.linear(xi, 1, m, bias, yi);
                            for (int o = 0; o < out; o++) {
                                total++;
                                if (Float.floatToRawIntBits(yi[o]) != Float.floatToRawIntBits(y[i * out + o])) {
                                    if (bad++ < 5) System.out.println("diff " + s + " t" + threads + " row " + i + " out " + o + ": " + y[i * out + o] + " vs " + yi[o]);
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.println("checked " + total + " outputs, " + bad + " differ");
    }
}
