import io.github.asr4j.kernels.cpu.WorkerPool;
public class HandOff {
    static volatile long sink;
    public static void main(String[] a) {
        int threads = Integer.parseInt(a[0]);
        int tasks = Integer.parseInt(a[1]);
        int work = Integer.parseInt(a[2]);
        try (WorkerPool p = new WorkerPool(threads)) {
            long[] acc = new long[64];
            for (int round = 0; round < 6; round++) {
                int n = 20000;
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    p.parallelFor(tasks, t -> { long s = 0; for (int k = 0; k < work; k++) s += k * t; acc[t * 8 % 64] += s; });
                }
                long t1 = System.nanoTime();
                // the same work serial
                for (int i = 0; i < n; i++) {
                    for (int t = 0; t < tasks; t++) { long s = 0; for (int k = 0; k < work; k++) s += k * t; acc[t * 8 % 64] += s; }
                }
                long t2 = System.nanoTime();
                System.out.printf("round %d: parallelFor %.2f us/call, serial same work %.2f us/call%n", round, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n);
            }
            sink = acc[0];
        }
    }
}
