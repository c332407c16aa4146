package io.github.asr4j.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Can the Vector API multiply int8 activations by int8 weights faster than widening the weights to
 * float? One thread, {@code rows} input rows against a 768 → 3072 matrix of int8 blocks of 32 with a
 * float scale each (the layout of the CPU backend's {@code Int8Weights}), every output a dot product:
 * <ul>
 *   <li>{@code widenToFloat}: weights B2F, FMA with float activations, one block scale per 32 (the kernel of one
 *       weight row, {@code Int8Weights.Simd.dotInt8});</li>
 *   <li>{@code widenTwoRows}: the same sums for two row-major weight rows per pass, each input vector loaded once
 *       for both;</li>
 *   <li>{@code widenPairedRows}: as {@code widenTwoRows} over the layout {@code Int8Weights} keeps (rows in pairs,
 *       block by block: block b of rows 2g and 2g+1 in 64 consecutive bytes), which {@code Int8Weights.Simd.dotRows}
 *       reads (with one input row only);</li>
 *   <li>{@code int8ShortMul}: both B2S, 16-bit multiply (exact: |q| ≤ 127), S2I halves added, I2F per block;</li>
 *   <li>{@code int8IntMul}: both B2I, 32-bit multiply and add, I2F per block;</li>
 *   <li>{@code shortMulAddLoop}: a plain loop in the {@code a[i]·b[i] + a[i+1]·b[i+1]} shape over
 *       short arrays, which C2's auto-vectorizer can turn into {@code vpmaddwd}/{@code vpdpwssd}.</li>
 * </ul>
 * No Vector API operation maps to {@code vpdpbusd}/{@code vpmaddwd} in JDK 25 (checked in the
 * disassembly: none of these emits a VNNI or multiply-add-pairs instruction), so each int8 form pays
 * its widening converts; see the closing note of issue 11 for the figures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Benchmark)
public class Int8DotBenchmark {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Byte> B256 = ByteVector.SPECIES_256;
    private static final VectorSpecies<Short> S512 = ShortVector.SPECIES_512;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;
    private static final int BLOCK = 32;
    private static final int IN = 768;
    private static final int OUT = 3072;

    /** 1: a decoder step; 48: a slice of an encoder window (every row repeats the same work). */
    @Param({"1", "48"})
    public int rows;

    private float[] x;
    private byte[] xq;
    private float[] xScales;
    private short[] xShort;
    private byte[] q;
    private short[] qShort;
    private float[] scales;
    /** q and scales with rows in pairs, block by block (Int8Weights' layout). */
    private byte[] qPaired;
    private float[] scalesPaired;
    private float[] y;

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(1);
        x = new float[rows * IN];
        xq = new byte[rows * IN];
        xShort = new short[rows * IN];
        xScales = new float[rows * IN / BLOCK];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
            xq[i] = (byte) (r.nextInt(255) - 127);
            xShort[i] = xq[i];
        }
        for (int i = 0; i < xScales.length; i++) {
            xScales[i] = r.nextFloat() / 100;
        }
        q = new byte[OUT * IN];
        qShort = new short[OUT * IN];
        scales = new float[OUT * IN / BLOCK];
        for (int i = 0; i < q.length; i++) {
            q[i] = (byte) (r.nextInt(255) - 127);
            qShort[i] = q[i];
        }
        for (int i = 0; i < scales.length; i++) {
            scales[i] = r.nextFloat() / 100;
        }
        qPaired = new byte[q.length];
        scalesPaired = new float[scales.length];
        int blocks = IN / BLOCK;
        for (int o = 0; o < OUT; o++) {
            for (int b = 0; b < blocks; b++) {
                int start = ((o / 2) * blocks + b) * 2 * BLOCK + (o % 2) * BLOCK;
                System.arraycopy(q, o * IN + b * BLOCK, qPaired, start, BLOCK);
                scalesPaired[start / BLOCK] = scales[o * blocks + b];
            }
        }
        y = new float[rows * OUT];
    }

    @Benchmark
    public float[] widenToFloat() {
        for (int i = 0; i < rows; i++) {
            for (int o = 0; o < OUT; o++) {
                y[i * OUT + o] = widen(x, i * IN, q, o * IN, scales, o * IN / BLOCK);
            }
        }
        return y;
    }

    @Benchmark
    public float[] widenTwoRows() {
        for (int i = 0; i < rows; i++) {
            for (int o = 0; o < OUT; o += 2) {
                widen2(x, i * IN, q, o * IN, scales, o * IN / BLOCK, y, i * OUT + o);
            }
        }
        return y;
    }

    @Benchmark
    public float[] widenPairedRows() {
        for (int i = 0; i < rows; i++) {
            for (int o = 0; o < OUT; o += 2) {
                widenPaired(x, i * IN, qPaired, o * IN, scalesPaired, o * IN / BLOCK, y, i * OUT + o);
            }
        }
        return y;
    }

    @Benchmark
    public float[] int8ShortMul() {
        for (int i = 0; i < rows; i++) {
            for (int o = 0; o < OUT; o++) {
                y[i * OUT + o] = shortMul(xq, xScales, i * IN, q, o * IN, scales, o * IN / BLOCK);
            }
        }
        return y;
    }

    @Benchmark
    public float[] int8IntMul() {
        for (int i = 0; i < rows; i++) {
            for (int o = 0; o < OUT; o++) {
                y[i * OUT + o] = intMul(xq, xScales, i * IN, q, o * IN, scales, o * IN / BLOCK);
            }
        }
        return y;
    }

    @Benchmark
    public float[] shortMulAddLoop() {
        for (int i = 0; i < rows; i++) {
            for (int o = 0; o < OUT; o++) {
                y[i * OUT + o] = mulAddPairs(xShort, i * IN, qShort, o * IN);
            }
        }
        return y;
    }

    private static float widen(float[] x, int xOff, byte[] q, int base, float[] sc, int s0) {
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        for (int k = 0; k < IN; k += 2 * BLOCK) {
            FloatVector t0 = FloatVector.zero(F);
            FloatVector t1 = FloatVector.zero(F);
            for (int j = 0; j < BLOCK; j += F.length()) {
                t0 = FloatVector.fromArray(F, x, xOff + k + j).fma(
                        (FloatVector) ByteVector.fromArray(B128, q, base + k + j).convertShape(VectorOperators.B2F, F, 0), t0);
                t1 = FloatVector.fromArray(F, x, xOff + k + BLOCK + j).fma(
                        (FloatVector) ByteVector.fromArray(B128, q, base + k + BLOCK + j).convertShape(VectorOperators.B2F, F, 0), t1);
            }
            c0 = t0.fma(FloatVector.broadcast(F, sc[s0 + k / BLOCK]), c0);
            c1 = t1.fma(FloatVector.broadcast(F, sc[s0 + k / BLOCK + 1]), c1);
        }
        return c0.add(c1).reduceLanes(VectorOperators.ADD);
    }

    private static FloatVector bytes(byte[] q, int offset) {
        return (FloatVector) ByteVector.fromArray(B128, q, offset).convertShape(VectorOperators.B2F, F, 0);
    }

    /** {@link #widen} of rows {@code base / IN} and the next, sharing the input loads. */
    private static void widen2(float[] x, int xOff, byte[] q, int base, float[] sc, int s0, float[] y, int yOff) {
        int b1 = base + IN;
        int s1 = s0 + IN / BLOCK;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        for (int k = 0; k < IN; k += 2 * BLOCK) {
            FloatVector ta0 = FloatVector.zero(F);
            FloatVector ta1 = FloatVector.zero(F);
            FloatVector tc0 = FloatVector.zero(F);
            FloatVector tc1 = FloatVector.zero(F);
            for (int j = 0; j < BLOCK; j += F.length()) {
                FloatVector xe = FloatVector.fromArray(F, x, xOff + k + j);
                FloatVector xo = FloatVector.fromArray(F, x, xOff + k + BLOCK + j);
                ta0 = xe.fma(bytes(q, base + k + j), ta0);
                ta1 = xo.fma(bytes(q, base + k + BLOCK + j), ta1);
                tc0 = xe.fma(bytes(q, b1 + k + j), tc0);
                tc1 = xo.fma(bytes(q, b1 + k + BLOCK + j), tc1);
            }
            a0 = ta0.fma(FloatVector.broadcast(F, sc[s0 + k / BLOCK]), a0);
            a1 = ta1.fma(FloatVector.broadcast(F, sc[s0 + k / BLOCK + 1]), a1);
            c0 = tc0.fma(FloatVector.broadcast(F, sc[s1 + k / BLOCK]), c0);
            c1 = tc1.fma(FloatVector.broadcast(F, sc[s1 + k / BLOCK + 1]), c1);
        }
        y[yOff] = a0.add(a1).reduceLanes(VectorOperators.ADD);
        y[yOff + 1] = c0.add(c1).reduceLanes(VectorOperators.ADD);
    }

    /** {@link #widen2} of rows {@code base / IN} and the next in the paired layout (block b of both at {@code base + 64 b}). */
    private static void widenPaired(float[] x, int xOff, byte[] q, int base, float[] sc, int s0, float[] y, int yOff) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector c0 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        for (int k = 0; k < IN; k += 2 * BLOCK) {
            int qk = base + 2 * k;
            FloatVector ta0 = FloatVector.zero(F);
            FloatVector ta1 = FloatVector.zero(F);
            FloatVector tc0 = FloatVector.zero(F);
            FloatVector tc1 = FloatVector.zero(F);
            for (int j = 0; j < BLOCK; j += F.length()) {
                FloatVector xe = FloatVector.fromArray(F, x, xOff + k + j);
                FloatVector xo = FloatVector.fromArray(F, x, xOff + k + BLOCK + j);
                ta0 = xe.fma(bytes(q, qk + j), ta0);
                tc0 = xe.fma(bytes(q, qk + BLOCK + j), tc0);
                ta1 = xo.fma(bytes(q, qk + 2 * BLOCK + j), ta1);
                tc1 = xo.fma(bytes(q, qk + 3 * BLOCK + j), tc1);
            }
            int s = s0 + 2 * (k / BLOCK);
            a0 = ta0.fma(FloatVector.broadcast(F, sc[s]), a0);
            c0 = tc0.fma(FloatVector.broadcast(F, sc[s + 1]), c0);
            a1 = ta1.fma(FloatVector.broadcast(F, sc[s + 2]), a1);
            c1 = tc1.fma(FloatVector.broadcast(F, sc[s + 3]), c1);
        }
        y[yOff] = a0.add(a1).reduceLanes(VectorOperators.ADD);
        y[yOff + 1] = c0.add(c1).reduceLanes(VectorOperators.ADD);
    }

    private static float shortMul(byte[] xq, float[] xs, int xOff, byte[] q, int base, float[] sc, int s0) {
        FloatVector c0 = FloatVector.zero(F);
        for (int k = 0; k < IN; k += BLOCK) {
            ShortVector a = (ShortVector) ByteVector.fromArray(B256, xq, xOff + k).convertShape(VectorOperators.B2S, S512, 0);
            ShortVector w = (ShortVector) ByteVector.fromArray(B256, q, base + k).convertShape(VectorOperators.B2S, S512, 0);
            ShortVector p = a.mul(w);
            IntVector s = ((IntVector) p.convertShape(VectorOperators.S2I, I512, 0))
                    .add((IntVector) p.convertShape(VectorOperators.S2I, I512, 1));
            c0 = ((FloatVector) s.convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.broadcast(F, sc[s0 + k / BLOCK] * xs[(xOff + k) / BLOCK]), c0);
        }
        return c0.reduceLanes(VectorOperators.ADD);
    }

    private static float intMul(byte[] xq, float[] xs, int xOff, byte[] q, int base, float[] sc, int s0) {
        FloatVector c0 = FloatVector.zero(F);
        for (int k = 0; k < IN; k += BLOCK) {
            IntVector a0 = (IntVector) ByteVector.fromArray(B128, xq, xOff + k).convertShape(VectorOperators.B2I, I512, 0);
            IntVector w0 = (IntVector) ByteVector.fromArray(B128, q, base + k).convertShape(VectorOperators.B2I, I512, 0);
            IntVector a1 = (IntVector) ByteVector.fromArray(B128, xq, xOff + k + 16).convertShape(VectorOperators.B2I, I512, 0);
            IntVector w1 = (IntVector) ByteVector.fromArray(B128, q, base + k + 16).convertShape(VectorOperators.B2I, I512, 0);
            IntVector s = a0.mul(w0).add(a1.mul(w1));
            c0 = ((FloatVector) s.convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.broadcast(F, sc[s0 + k / BLOCK] * xs[(xOff + k) / BLOCK]), c0);
        }
        return c0.reduceLanes(VectorOperators.ADD);
    }

    /** Unscaled (one scale for the row would do here): only the multiply-add speed is in question. */
    private static float mulAddPairs(short[] a, int aOff, short[] b, int bOff) {
        int s = 0;
        for (int i = 0; i < IN; i += 2) {
            s += a[aOff + i] * b[bOff + i] + a[aOff + i + 1] * b[bOff + i + 1];
        }
        return s;
    }
}
