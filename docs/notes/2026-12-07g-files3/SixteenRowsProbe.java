package io.github.asr4j.kernels.cpu;

import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * files3 probe: the card decoder's 16-row products alone (nanoTime, no profiler). The card's matrices from
 * card-f16/model.safetensors: logits (embed_tokens 51865 x 768), a layer's fc1 (3072 x 768) and q_proj (768 x 768).
 * Cases: "file" = the mapped matrix as the step binds it; "anon" = the same halves in an anonymous segment;
 * "flush" = those halves with every subnormal set to zero (timing only: different results). Each case: a fresh
 * backend per case (threads T), W warm calls, then R rounds of C calls; prints ms a call (median of rounds), GFLOP/s,
 * and a hash of the outputs' bits.
 * Run: java --add-modules=jdk.incubator.vector -cp CLASSES:TESTCLASSES:JAR io.github.asr4j.kernels.cpu.SixteenRowsProbe
 *      MODEL threads rows cases(comma: logits-file,logits-anon,logits-flush,fc1-file,q-file,...) rounds calls
 */
public final class SixteenRowsProbe {
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        String[] cases = args[3].split(",");
        int rounds = Integer.parseInt(args[4]);
        int calls = Integer.parseInt(args[5]);
        SafeTensors st = SafeTensors.open(model);
        for (String c : cases) {
            String[] p = c.split("-");
            String name = switch (p[0]) {
                case "logits" -> "model.decoder.embed_tokens.weight";
                case "fc1" -> "model.decoder.layers.0.fc1.weight";
                case "fc2" -> "model.decoder.layers.0.fc2.weight";
                case "q" -> "model.decoder.layers.0.self_attn.q_proj.weight";
                default -> throw new IllegalArgumentException(p[0]);
            };
            Tensor t = st.tensor(name);
            if (!p[1].equals("file")) {
                MemorySegment copy = Arena.ofAuto().allocate(t.data().byteSize(), 64);
                copy.copyFrom(t.data());
                if (p[1].equals("flush")) {
                    for (long i = 0; i < copy.byteSize() / 2; i++) {
                        short h = copy.get(WeightMatrix.I16_LE, 2 * i);
                        if ((h & 0x7C00) == 0 && (h & 0x3FF) != 0) {
                            copy.set(WeightMatrix.I16_LE, 2 * i, (short) 0);
                        }
                    }
                }
                t = new Tensor(t.name(), DType.F16, t.shape(), copy);
            }
            int out = (int) t.shape()[0];
            int in = (int) t.shape()[1];
            Random rnd = new Random(16);
            float[] x = TestData.random(rnd, n * in, 1f);
            float[] y = new float[n * out];
            try (CpuBackend b = TestData.Kind.VECTOR.create(threads)) {
                WeightMatrix m = (WeightMatrix) b.matrix(t);
                for (int i = 0; i < Math.max(20, 2 * calls); i++) {
                    b.linear(x, n, m, null, y);
                }
                double[] ms = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        b.linear(x, n, m, null, y);
                    }
                    ms[r] = (System.nanoTime() - t0) / 1e6 / calls;
                }
                double[] sorted = ms.clone();
                Arrays.sort(sorted);
                double med = sorted[rounds / 2];
                double gflops = 2.0 * n * out * in / med / 1e6;
                System.out.printf("%-14s [%d, %d] x %d rows, %d threads: %.3f ms a call (rounds %s), %.1f GFLOP/s (%.1f a thread), %.1f GB/s, hash %08x%n",
                        c, out, in, n, threads, med, fmt(ms), gflops, gflops / threads, 2.0 * out * in / med / 1e6,
                        Arrays.hashCode(y));
            }
        }
    }

    private static String fmt(double[] a) {
        StringBuilder s = new StringBuilder();
        for (double v : a) {
            s.append(s.isEmpty() ? "" : " ").append(String.format("%.3f", v));
        }
        return s.toString();
    }
}
