package io.github.asr4j.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 FMA throughput Java code reaches on this machine, as a function of the number of
 * independent accumulators: each accumulator is one dependency chain, so with a latency of L cycles
 * and P FMA pipes, fewer than L × P chains leave pipes idle (on Zen 5: 4 cycles × 2 pipes = 8).
 *
 * <p>Each chain count has its own method with the accumulators and operands as locals, so that C2
 * keeps them in vector registers: an array of vectors would be stored and reloaded every iteration,
 * and a vector passed to a method that is not inlined is a heap object (boxed), which costs an
 * allocation per operation — both measure the JIT, not the FMA units.
 */
public final class FmaCeiling {
    /** The accumulator counts measured. */
    public static final int[] ACCUMULATORS = {1, 2, 4, 8, 12, 16};

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private FmaCeiling() {}

    /** The preferred vector width, bits. */
    public static int vectorBits() {
        return F.vectorBitSize();
    }

    /** Floating-point operations of {@code iterations} of the loop with {@code accumulators} chains. */
    public static double flops(int accumulators, long iterations) {
        return 2.0 * F.length() * accumulators * iterations;
    }

    /** Runs the loop with {@code accumulators} chains for {@code iterations}; returns a value to keep. */
    public static float run(int accumulators, int iterations) {
        return switch (accumulators) {
            case 1 -> chains1(iterations);
            case 2 -> chains2(iterations);
            case 4 -> chains4(iterations);
            case 8 -> chains8(iterations);
            case 12 -> chains12(iterations);
            case 16 -> chains16(iterations);
            default -> throw new IllegalArgumentException("accumulators must be one of 1, 2, 4, 8, 12, 16; got "
                    + accumulators);
        };
    }

    private static float chains1(int n) {
        FloatVector a = FloatVector.broadcast(F, 0.999f);
        FloatVector b = FloatVector.broadcast(F, 1e-7f);
        FloatVector c0 = b;
        for (int i = 0; i < n; i++) {
            c0 = c0.fma(a, b);
        }
        return c0.reduceLanes(VectorOperators.ADD);
    }

    private static float chains2(int n) {
        FloatVector a = FloatVector.broadcast(F, 0.999f);
        FloatVector b = FloatVector.broadcast(F, 1e-7f);
        FloatVector c0 = b, c1 = b.add(1);
        for (int i = 0; i < n; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
        }
        return c0.add(c1).reduceLanes(VectorOperators.ADD);
    }

    private static float chains4(int n) {
        FloatVector a = FloatVector.broadcast(F, 0.999f);
        FloatVector b = FloatVector.broadcast(F, 1e-7f);
        FloatVector c0 = b, c1 = b.add(1), c2 = b.add(2), c3 = b.add(3);
        for (int i = 0; i < n; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).reduceLanes(VectorOperators.ADD);
    }

    private static float chains8(int n) {
        FloatVector a = FloatVector.broadcast(F, 0.999f);
        FloatVector b = FloatVector.broadcast(F, 1e-7f);
        FloatVector c0 = b, c1 = b.add(1), c2 = b.add(2), c3 = b.add(3);
        FloatVector c4 = b.add(4), c5 = b.add(5), c6 = b.add(6), c7 = b.add(7);
        for (int i = 0; i < n; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).reduceLanes(VectorOperators.ADD);
    }

    private static float chains12(int n) {
        FloatVector a = FloatVector.broadcast(F, 0.999f);
        FloatVector b = FloatVector.broadcast(F, 1e-7f);
        FloatVector c0 = b, c1 = b.add(1), c2 = b.add(2), c3 = b.add(3);
        FloatVector c4 = b.add(4), c5 = b.add(5), c6 = b.add(6), c7 = b.add(7);
        FloatVector c8 = b.add(8), c9 = b.add(9), c10 = b.add(10), c11 = b.add(11);
        for (int i = 0; i < n; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }

    private static float chains16(int n) {
        FloatVector a = FloatVector.broadcast(F, 0.999f);
        FloatVector b = FloatVector.broadcast(F, 1e-7f);
        FloatVector c0 = b, c1 = b.add(1), c2 = b.add(2), c3 = b.add(3);
        FloatVector c4 = b.add(4), c5 = b.add(5), c6 = b.add(6), c7 = b.add(7);
        FloatVector c8 = b.add(8), c9 = b.add(9), c10 = b.add(10), c11 = b.add(11);
        FloatVector c12 = b.add(12), c13 = b.add(13), c14 = b.add(14), c15 = b.add(15);
        for (int i = 0; i < n; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
            c12 = c12.fma(a, b);
            c13 = c13.fma(a, b);
            c14 = c14.fma(a, b);
            c15 = c15.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .add(c12).add(c13).add(c14).add(c15).reduceLanes(VectorOperators.ADD);
    }
}
