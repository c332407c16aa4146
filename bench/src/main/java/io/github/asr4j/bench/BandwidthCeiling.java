package io.github.asr4j.bench;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntToDoubleFunction;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Read-only streaming bandwidth as Java code sees it: a sum over a buffer much larger than the last
 * level cache, on the heap ({@code float[]}) or through a memory-mapped file (as asr4j reads weights),
 * split evenly over 1..N threads that start together. Four independent vector accumulators per thread,
 * so the add latency never limits the loads.
 */
public final class BandwidthCeiling {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int STEP = 4 * F.length();

    private BandwidthCeiling() {}

    /** Sum of {@code a[from, to)} ({@code to - from} a multiple of {@link #STEP}). */
    static float sum(float[] a, int from, int to) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        for (int i = from; i < to; i += STEP) {
            s0 = s0.add(FloatVector.fromArray(F, a, i));
            s1 = s1.add(FloatVector.fromArray(F, a, i + F.length()));
            s2 = s2.add(FloatVector.fromArray(F, a, i + 2 * F.length()));
            s3 = s3.add(FloatVector.fromArray(F, a, i + 3 * F.length()));
        }
        return s0.add(s1).add(s2).add(s3).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /** Sum of the floats of {@code m} in bytes {@code [from, to)} ({@code to - from} a multiple of STEP floats). */
    static float sum(MemorySegment m, long from, long to) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        long vb = F.vectorByteSize();
        for (long i = from; i < to; i += 4 * vb) {
            s0 = s0.add(FloatVector.fromMemorySegment(F, m, i, ByteOrder.LITTLE_ENDIAN));
            s1 = s1.add(FloatVector.fromMemorySegment(F, m, i + vb, ByteOrder.LITTLE_ENDIAN));
            s2 = s2.add(FloatVector.fromMemorySegment(F, m, i + 2 * vb, ByteOrder.LITTLE_ENDIAN));
            s3 = s3.add(FloatVector.fromMemorySegment(F, m, i + 3 * vb, ByteOrder.LITTLE_ENDIAN));
        }
        return s0.add(s1).add(s2).add(s3).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /**
     * Best of several passes: {@code wallGbPerS} = bytes / wall time of all threads; {@code perCpuSecondGbPerS}
     * = the sum over threads of each thread's bytes / its own CPU time, which time taken by other processes
     * does not lower (a loaded machine still shares the memory bus, so it is a lower bound of the ceiling).
     */
    public record Result(double wallGbPerS, double perCpuSecondGbPerS) {}

    /** Best GB/s of {@code reps} passes over a heap array of {@code megabytes}, on {@code threads} threads. */
    public static Result heap(int megabytes, int threads, int reps) {
        float[] a = new float[(int) ((long) megabytes * (1 << 20) / 4 / (STEP * threads) * (STEP * threads))];
        for (int i = 0; i < a.length; i += 1024) {
            a[i] = 1; // touch every page so the first pass does not time page faults
        }
        int chunk = a.length / threads;
        for (int i = 0; i < 20; i++) {
            sum(a, 0, STEP * 4096); // compile before timing
        }
        return best(threads, reps, 4.0 * a.length, t -> sum(a, t * chunk, (t + 1) * chunk));
    }

    /**
     * Best GB/s of {@code reps} passes over the memory-mapped {@code file} (read-only, its pages in the
     * page cache after the first pass), on {@code threads} threads. The first pass is not timed.
     */
    public static Result mapped(Path file, int threads, int reps) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofShared()) {
            long unit = (long) STEP * 4 * threads;
            long bytes = ch.size() / unit * unit;
            if (bytes == 0) {
                throw new IllegalArgumentException(file + " is too small to measure (" + ch.size() + " bytes)");
            }
            MemorySegment m = ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes, arena);
            long chunk = bytes / threads;
            sum(m, 0, bytes); // page in, and compile
            return best(threads, reps, bytes, t -> sum(m, t * chunk, (t + 1) * chunk));
        }
    }

    /** {@code reps} passes of {@code work(t)} on {@code threads} threads started together; the best GB/s of each kind. */
    private static Result best(int threads, int reps, double bytes, IntToDoubleFunction work) {
        double bestWall = 0;
        double bestCpu = 0;
        double sink = 0;
        for (int r = 0; r < reps; r++) {
            ThreadsTogether.Pass pass = ThreadsTogether.run(threads, work);
            bestWall = Math.max(bestWall, bytes / pass.wallNanos());
            double perCpu = 0;
            for (long ns : pass.cpuNanos()) {
                perCpu += bytes / threads / ns;
            }
            bestCpu = Math.max(bestCpu, perCpu);
            sink += pass.sum();
        }
        return sink == 42 ? new Result(-bestWall, -bestCpu) : new Result(bestWall, bestCpu); // keeps the sums alive
    }
}
