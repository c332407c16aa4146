import io.github.asr4j.kernels.cpu.WorkerPool;
import java.util.Arrays;
import java.util.Locale;

/**
 * istep probe: the cost of one WorkerPool hand-off on this CPU. An empty loop of 2 tasks (the round trip:
 * publish, the worker sees it, both count done) and 8 tasks of ~W ns of arithmetic each, back to back, as a decoder
 * step issues them. Prints ns per parallelFor (median of rounds).
 */
public class HandoffProbe {
    static volatile double sink;

    public static void main(String[] args) {
        int work = Integer.parseInt(args[0]);
        try (WorkerPool pool = new WorkerPool(2)) {
            double[] acc = new double[64];
            for (int[] shape : new int[][] {{2, 0}, {8, 0}, {8, work}}) {
                int tasks = shape[0], w = shape[1];
                int n = 20_000;
                double[] ns = new double[9];
                for (int r = -3; r < ns.length; r++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        pool.parallelFor(tasks, t -> {
                            double a = t;
                            for (int k = 0; k < w; k++) a = a * 0.999 + 1.0;
                            acc[8 * (t & 7)] += a;
                        });
                    }
                    long t1 = System.nanoTime();
                    if (r >= 0) ns[r] = (t1 - t0) / (double) n;
                }
                Arrays.sort(ns);
                // the same work on one thread, for the reference
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    for (int t = 0; t < tasks; t++) {
                        double a = t;
                        for (int k = 0; k < w; k++) a = a * 0.999 + 1.0;
                        acc[8 * (t & 7)] += a;
                    }
                }
                double serial = (System.nanoTime() - t0) / (double) n;
                System.out.printf(Locale.ROOT, "tasks=%d work=%d  ns/parallelFor median %.0f (min %.0f max %.0f)  serial %.0f%n",
                        tasks, w, ns[ns.length / 2], ns[0], ns[ns.length - 1], serial);
            }
            sink = acc[0];
        }
    }
}
