import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Few-row F16 products through the backend API: in cache (one copy) and from memory (copies past the L3). */
public class GemvProbe {
    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static final boolean NOSUB = Boolean.getBoolean("probe.nosub");

    static Tensor matrix(Arena arena, String name, int rows, int cols, long seed) {
        long n = (long) rows * cols;
        MemorySegment seg = arena.allocate(2 * n, 64);
        SplittableRandom r = new SplittableRandom(seed);
        float scale = (float) (1 / Math.sqrt(cols));
        for (long i = 0; i < n; i++) {
            short h = Float.floatToFloat16((float) ((r.nextDouble() * 2 - 1) * scale));
            if (NOSUB && (h & 0x7C00) == 0) {
                h = (short) (h & 0x8000); // subnormal half -> signed zero
            }
            seg.set(I16, 2 * i, h);
        }
        return new Tensor(name, DType.F16, new long[] {rows, cols}, seg);
    }

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        String[] shapes = args[1].split(",");   // fc1, fc2, qkv, logits
        int[] ns = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        String[] modes = args[3].split(",");     // cache, mem
        double seconds = Double.parseDouble(args[4]);
        long memBytes = 600L << 20;
        Backend backend = Backends.cpu(threads);
        System.out.println(backend.name() + " nosub=" + NOSUB + " " + System.getProperties().entrySet().stream()
                .filter(e -> e.getKey().toString().startsWith("asr4j")).toList());
        for (String shape : shapes) {
            int out, in, parts;
            switch (shape) {
                case "fc1" -> { out = 3072; in = 768; parts = 1; }
                case "fc2" -> { out = 768; in = 3072; parts = 1; }
                case "qkv" -> { out = 768; in = 768; parts = 3; }
                case "logits" -> { out = 51865; in = 768; parts = 1; }
                default -> { String[] d = shape.split("x"); out = Integer.parseInt(d[0]); in = Integer.parseInt(d[1]); parts = 1; }
            }
            long bytesPer = 2L * out * in * parts;
            for (String mode : modes) {
                int copies = mode.equals("cache") ? 1 : (int) Math.max(2, (memBytes + bytesPer - 1) / bytesPer);
                try (Arena arena = Arena.ofShared()) {
                    Backend.Matrix[][] w = new Backend.Matrix[copies][parts];
                    for (int c = 0; c < copies; c++) {
                        for (int p = 0; p < parts; p++) {
                            w[c][p] = backend.matrix(matrix(arena, shape + c + "." + p, out, in, 1 + c * 7 + p));
                        }
                    }
                    for (int n : ns) {
                        Buffer x = backend.upload(randoms(n * in, 1000 + n), n, in);
                        Buffer[] y = new Buffer[parts];
                        for (int p = 0; p < parts; p++) {
                            y[p] = backend.allocate(n, out, BufferType.F32);
                        }
                        // warm up then measure in 5 windows; print each window's mean
                        run(backend, w, x, y, parts, Math.min(1.0, seconds));
                        double[] us = new double[5];
                        for (int k = 0; k < 5; k++) {
                            us[k] = run(backend, w, x, y, parts, seconds / 5);
                        }
                        double[] sorted = us.clone();
                        Arrays.sort(sorted);
                        double med = sorted[2];
                        double flops = 2.0 * n * in * out * parts;
                        System.out.printf("%-6s n=%2d %-5s %3d copies  median %8.1f us  %6.1f GFLOP/s  %5.1f GB/s   windows %s%n",
                                shape, n, mode, copies, med, flops / med / 1e3, bytesPer / med / 1e3,
                                Arrays.toString(Arrays.stream(us).map(v -> Math.round(v * 10) / 10.0).toArray()));
                    }
                }
            }
        }
        backend.close();
    }

    static double run(Backend b, Backend.Matrix[][] w, Buffer x, Buffer[] y, int parts, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long calls = 0;
        long t0 = System.nanoTime();
        int c = 0;
        long now;
        do {
            for (int i = 0; i < 16; i++) {
                if (parts == 1) {
                    b.linear(x, w[c][0], null, y[0]);
                } else {
                    b.linears(x, w[c], null, y);
                }
                c = c + 1 == w.length ? 0 : c + 1;
            }
            calls += 16;
            now = System.nanoTime();
        } while (now < end);
        return (now - t0) / 1e3 / calls;
    }

    static float[] randoms(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }
}
