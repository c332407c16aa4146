package io.github.asr4j.bench;

import java.lang.foreign.Arena;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The memory read rate a decoder step can hope for: {@code threads} threads each summing its half
 * of a 512 MiB native buffer (far beyond any cache) with the widest float vectors, as the
 * matrix-vector kernels stream weights. Each call reads the whole buffer once.
 */
final class StreamingRead {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final long BYTES = 512L << 20;

    private final MemorySegment data = Arena.ofAuto().allocate(BYTES, 64);
    private final int threads;
    private volatile float sink;

    StreamingRead(int threads) {
        this.threads = threads;
        data.fill((byte) 1);
    }

    /**
     * One pass over the buffer: GB/s by the wall clock, and by the readers' CPU time (each thread's
     * share over the CPU time it took, summed), which a loaded machine's waits for a core do not dilute.
     */
    double[] gbPerSecond() {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            long part = BYTES / threads;
            long t0 = System.nanoTime();
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long from = t * part;
                parts.add(pool.submit(() -> {
                    long c0 = BEAN.getCurrentThreadCpuTime();
                    sink += sum(from, from + part);
                    return BEAN.getCurrentThreadCpuTime() - c0;
                }));
            }
            double cpuRate = 0;
            for (Future<Long> f : parts) {
                cpuRate += part / (double) f.get();
            }
            return new double[] {BYTES / (double) (System.nanoTime() - t0), cpuRate};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();

    private float sum(long from, long to) {
        FloatVector a = FloatVector.zero(F);
        FloatVector b = FloatVector.zero(F);
        long step = F.vectorByteSize();
        for (long i = from; i + 2 * step <= to; i += 2 * step) {
            a = a.add(FloatVector.fromMemorySegment(F, data, i, ByteOrder.LITTLE_ENDIAN));
            b = b.add(FloatVector.fromMemorySegment(F, data, i + step, ByteOrder.LITTLE_ENDIAN));
        }
        return a.add(b).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
