import io.github.asr4j.kernels.*;

import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.*;

/**
 * i8step probe: the int8 one-row products of the Whisper card decoder step (6 layers of self qkv 2304x768, self
 * out, cross q, cross out 768x768, fc1 3072x768, fc2 768x3072, and the logits 51865x768), random weights quantized
 * at load (WeightFormat.INT8), 2 threads through Backend.linear. Three figures, GB/s of int8 bytes + scales:
 * "step" = all 37 products in step order per pass (each matrix's bytes evicted by the rest, as in the step);
 * per op "alone" = that matrix only, repeated (small ones from L2/L3: the compute side); . Prints a hash of every output (bits) so two kernels can be compared.
 * Args: passes (default 15), untimed warm-up passes (default 300; fewer measure the JIT's compiles, not the kernels).
 */
public class I8StepProbe {
    static volatile long sink;

    public static void main(String[] args) {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 300; // untimed passes: the JIT's compiles done first
        String[] names = {"qkv", "self_out", "cross_q", "cross_out", "fc1", "fc2"};
        int[][] shapes = {{2304, 768}, {768, 768}, {768, 768}, {768, 768}, {3072, 768}, {768, 3072}};
        try (Backend b = Backends.cpu(2, WeightFormat.INT8)) {
            Random r = new Random(11);
            List<Backend.Matrix> ms = new ArrayList<>();
            List<String> mn = new ArrayList<>();
            List<long[]> dims = new ArrayList<>();
            for (int l = 0; l < 6; l++) {
                for (int o = 0; o < names.length; o++) {
                    ms.add(matrix(b, r, names[o] + "." + l, shapes[o][0], shapes[o][1]));
                    mn.add(names[o]);
                    dims.add(new long[] {shapes[o][0], shapes[o][1]});
                }
            }
            ms.add(matrix(b, r, "logits", 51865, 768));
            mn.add("logits");
            dims.add(new long[] {51865, 768});
            int n = ms.size();
            Buffer[] xs = new Buffer[n];
            Buffer[] ys = new Buffer[n];
            double[] bytes = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                int rows = (int) dims.get(i)[0];
                int cols = (int) dims.get(i)[1];
                float[] x = new float[cols];
                for (int c = 0; c < cols; c++) x[c] = (float) r.nextGaussian();
                xs[i] = b.upload(x, 1, cols);
                ys[i] = b.allocate(1, rows, BufferType.F32);
                bytes[i] = (double) rows * cols * (1 + 4.0 / 32);
                total += bytes[i];
            }
            // the step: every product in order, passes times; per op time summed per name
            Map<String, double[]> opNs = new LinkedHashMap<>();
            Map<String, Double> opBytes = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) opBytes.merge(mn.get(i), bytes[i], Double::sum);
            double[] stepMs = new double[passes];
            for (String k : opBytes.keySet()) opNs.put(k, new double[passes]);
            for (int p = -warm; p < passes; p++) {
                long s0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    b.linear(xs[i], ms.get(i), null, ys[i]);
                    long t1 = System.nanoTime();
                    if (p >= 0) opNs.get(mn.get(i))[p] += t1 - t0;
                }
                if (p >= 0) stepMs[p] = (System.nanoTime() - s0) / 1e6;
            }
            long hash = 1;
            for (int i = 0; i < n; i++) {
                float[] y = new float[(int) dims.get(i)[0]];
                b.download(ys[i], 0, 1, y);
                for (float v : y) hash = hash * 31 + Float.floatToRawIntBits(v);
            }
            System.out.printf(Locale.ROOT, "eightRows=%s hash %016x; products in step order: %.3f ms/pass (median of %d), %.1f MB, %.1f GB/s%n",
                    System.getProperty("asr4j.int8.eightRows", "true"), hash, median(stepMs), passes, total / 1e6, total / 1e6 / median(stepMs));
            for (String k : opNs.keySet()) {
                double opMs = median(opNs.get(k)) / 1e6;
                System.out.printf(Locale.ROOT, "  in step  %-10s %.3f ms  %.1f MB  %.1f GB/s%n", k, opMs, opBytes.get(k) / 1e6, opBytes.get(k) / 1e6 / opMs);
            }
            // each op alone, one matrix repeated (the compute side where it fits the cache)
            Set<String> done = new HashSet<>();
            for (int i = 0; i < n; i++) {
                if (!done.add(mn.get(i))) continue;
                double[] t = new double[passes];
                int reps = mn.get(i).equals("logits") ? 3 : 40;
                for (int p = -Math.max(3, warm / 10); p < passes; p++) {
                    long t0 = System.nanoTime();
                    for (int k = 0; k < reps; k++) b.linear(xs[i], ms.get(i), null, ys[i]);
                    if (p >= 0) t[p] = (System.nanoTime() - t0) / (double) reps;
                }
                double us = median(t) / 1e3;
                System.out.printf(Locale.ROOT, "  alone    %-10s %.1f us  %.2f MB  %.1f GB/s%n", mn.get(i), us, bytes[i] / 1e6, bytes[i] / 1e3 / us);
            }
        }
    }

    static Backend.Matrix matrix(Backend b, Random r, String name, int rows, int cols) {
        MemorySegment seg = Arena.ofAuto().allocate(4L * rows * cols, 64);
        for (long i = 0; i < (long) rows * cols; i++) seg.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, (float) r.nextGaussian() * 0.02f);
        return b.matrix(new Tensor(name, DType.F32, new long[] {rows, cols}, seg));
    }

    static double median(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
