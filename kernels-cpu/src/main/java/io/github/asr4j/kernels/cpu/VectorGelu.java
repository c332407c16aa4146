package io.github.asr4j.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The exact GELU {@code x·Φ(x)} in float lanes, within {@link #MAX_ULP} of the exact value for every float input
 * (measured over all 2^32, see docs/notes/2026-12-07f-gelu2.md); {@link Gelu} is the double reference.
 *
 * <p>With {@code a = |x|}, {@code Φ(-a) = ½·e^{-a²/2}·R(a)}, {@code R(a) = e^{a²/2}·erfc(a/√2)}, written as
 * {@code R(a) = F(w)/(a + C)}, {@code w = C/(a + C)}: F varies only between 0.86 and 1.25 (C = √(π/2) makes
 * F'(0) = 0), so a degree-16 polynomial in {@code u = w - W_MID} holds it to 2e-10. The pieces whose rounding
 * would show in the last bit are carried as float pairs: {@code 1/(a + C)} (the sum's error by 2Sum, the
 * quotient's by an fma residual), F's constant term, {@code -a²/2} (its fma error) and {@code e^r = 1 + r +
 * r²·q(r)}; the products join them with fma error terms, and {@code Φ(x) = 1 - Φ(-x)} for x ≥ 0 keeps its error
 * by Fast2Sum. {@code 2^n} enters as {@code 2^(n+63)}·2^-64 so that results in the subnormal range round once.
 *
 * <p>{@link #gelu(float)} is the same sequence of float operations as one lane of {@link #apply}: the scalar tail
 * and the vector lanes give the same bits for the same input, NaN included, in every tier. Special values: a NaN
 * gives itself (its bits unchanged), ±0 gives ±0, +∞ gives +∞, x < -14.5 (and -∞) gives -0 (the exact value
 * rounds to -0 there), x > 14.5 gives x.
 */
final class VectorGelu {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    /** Largest error against the exact GELU, in units in the last place of the float result (measured). */
    static final double MAX_ULP = 1.85;

    /** Beyond ±L: GELU(x) = x above, rounds to -0 below (|GELU(-14.5)| = 0.06 of the smallest subnormal). */
    static final float L = 14.5f;
    static final float C = 1.2533141f;             // √(π/2)
    static final float W_MID = 0.53977937f;        // middle of w's range [C/(L+C), 1]
    /** F(u) = Σ P[k]·u^k, with P[0] = P0_HI + P0_LO. */
    static final float P0_HI = 1.1722870f;
    static final float P0_LO = -4.1272962e-08f;
    static final float[] P = {
        1.1722870f, 0.40880507f, -0.62344491f, 0.18815328f, 0.33547994f, -0.59085160f, 0.44535235f,
        0.030282814f, -0.60266012f, 0.91755062f, -0.83694917f, 0.79074228f, 0.22360268f, -4.4901252f,
        5.5436296f, 3.5876701f, -6.9240952f};
    static final float HALF_LOG2E = -0.72134752f;  // -½·log2(e)
    static final float LN2_HI = 0.693145751953125f; // 16 bits: n·LN2_HI is exact for |n| < 256
    static final float LN2_LO = 1.4286068e-06f;
    static final float ROUND = 12582912f;          // 1.5·2^23: adding it rounds to an integer
    static final int SCALE_BIAS = 190 - Float.floatToRawIntBits(ROUND); // (n + 63 + 127) << 23 is 2^(n+63)
    static final float TWO_M64 = 0x1p-64f;
    static final int S_BIAS = 126 - Float.floatToRawIntBits(ROUND); // (n - 1 + 127) << 23 is 2^(n-1)
    static final int S_MIN = 47;                   // 2^-80
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);

    private static final float Q0 = 1f / 2, Q1 = 1f / 6, Q2 = 1f / 24, Q3 = 1f / 120, Q4 = 1f / 720,
            Q5 = 1f / 5040, Q6 = 1f / 40320;

    private VectorGelu() {}

    /** GELU of one value: one lane of {@link #apply}, operation for operation. */
    static float gelu(float x) {
        float xc = x > L ? L : x;
        xc = x < -L ? -L : xc;
        float a = Math.abs(xc);
        // 1/(a + C) = inv + invLo
        float d = a + C;
        float cv = d - a;
        float av = d - cv;
        float ed = (a - av) + (C - cv);
        float inv = 1f / d;
        float res = Math.fma(-inv, d, 1f);
        float invLo = inv * Math.fma(-ed, inv, res);
        // F(u) = fh + fl
        float u = Math.fma(invLo, C, Math.fma(inv, C, -W_MID));
        // Σ_{k≥1} P[k]·u^{k-1} by Estrin's scheme (a chain of 4 fmas instead of Horner's 15)
        float u2 = u * u;
        float u4 = u2 * u2;
        float u8 = u4 * u4;
        float e0 = Math.fma(u, P[2], P[1]);
        float e1 = Math.fma(u, P[4], P[3]);
        float e2 = Math.fma(u, P[6], P[5]);
        float e3 = Math.fma(u, P[8], P[7]);
        float e4 = Math.fma(u, P[10], P[9]);
        float e5 = Math.fma(u, P[12], P[11]);
        float e6 = Math.fma(u, P[14], P[13]);
        float e7 = Math.fma(u, P[16], P[15]);
        float g0 = Math.fma(e1, u2, e0);
        float g1 = Math.fma(e3, u2, e2);
        float g2 = Math.fma(e5, u2, e4);
        float g3 = Math.fma(e7, u2, e6);
        float f1 = Math.fma(Math.fma(g3, u4, g2), u8, Math.fma(g1, u4, g0));
        float delta = Math.fma(u, f1, P0_LO);
        float fh = P0_HI + delta;
        float fl = delta - (fh - P0_HI);
        // e^{-a²/2} = 2^n·(eh + el)
        float sq = xc * xc;
        float sqLo = Math.fma(xc, xc, -sq);
        float t = Math.fma(sq, HALF_LOG2E, ROUND);
        float n = t - ROUND;
        float rh = Math.fma(n, -LN2_HI, sq * -0.5f);
        float rl = Math.fma(n, -LN2_LO, sqLo * -0.5f);
        float r = rh + rl;
        float re = rl - (r - rh);
        float q = Math.fma(r, Q6, Q5);
        q = Math.fma(q, r, Q4);
        q = Math.fma(q, r, Q3);
        q = Math.fma(q, r, Q2);
        q = Math.fma(q, r, Q1);
        q = Math.fma(q, r, Q0);
        float r2 = r * r;
        float eh = 1f + r;
        float el = Math.fma(r2, q, ((1f - eh) + r) + re);
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(t) + SCALE_BIAS) << 23);
        // H = F·inv·e^r: Φ(-a) = H·scale·2^-64
        float gh = fh * inv;
        float gl = Math.fma(fl, inv, Math.fma(fh, invLo, Math.fma(fh, inv, -gh)));
        float hh = gh * eh;
        float hl = Math.fma(gh, el, Math.fma(gl, eh, Math.fma(gh, eh, -hh)));
        // x < 0: x·Φ(-a)
        float xs = xc * scale;
        float neg = Math.fma(xs, hh, xs * hl);
        // x ≥ 0: x·(1 - Φ(-a)); 2^(n-1) held at 2^-80 or more (Φ(-a) < 2^-60 is nothing against 1; subnormal
        // products in lanes that do not need them would cost microcode assists)
        float s = Float.intBitsToFloat(Math.max(Float.floatToRawIntBits(t) + S_BIAS, S_MIN) << 23);
        float h1 = hh * s;
        float h2 = hl * s;
        float ph = 1f - h1;
        float pl = ((1f - ph) - h1) - h2;
        float pos = Math.fma(x, ph, xc * pl);
        // the 2^-64 after the choice: only negative lanes can round into the subnormal range
        float y = (x < 0 ? neg : pos) * (x < 0 ? TWO_M64 : 1f);
        // ±0 and NaN (a > 0 is false for both) give x itself: a NaN's sign and payload would otherwise depend on
        // which fma operand the hardware propagates, and so on the tier that runs this
        return a > 0 ? y : x;
    }

    /**
     * {@link #apply}, in calls of {@link #SHORT} values until this process has compiled it. A fresh JVM
     * compiles a method after a count of calls or of loop steps run without it: one long call of the conv
     * stem's first GELU (1.5 M values) spent ~8,000 steps in the interpreter (0.05 × HotSpot's counts),
     * ~0.3 s of a fresh Qwen3-ASR encoder pass, before C2 took it; a few hundred short calls reach the count
     * after a few thousand values. The values are the same either way: each value goes through the same lane
     * arithmetic as {@link #gelu(float)}.
     */
    static void applyWarming(float[] x, int from, int to) {
        int i = from;
        while (!compiled && to - i >= GROUP * SHORT) {
            long t0 = System.nanoTime();
            for (int g = 0; g < GROUP; g++, i += SHORT) {
                apply(x, i, i + SHORT);
            }
            if (System.nanoTime() - t0 < COMPILED_NS * GROUP * SHORT) {
                compiled = true;
            }
        }
        apply(x, i, to);
    }

    /**
     * Values per call while {@link #apply} is not yet compiled: two vector steps (the loop's back branch and its
     * exit both taken, so the profile C2 compiles from has no side it never saw).
     */
    private static final int SHORT = 2 * F.length();
    /** Short calls timed together. */
    private static final int GROUP = 16;
    /**
     * Fewer nanoseconds per value than this and a group ran compiled code (C2: ~1 ns a value with the calls; C1's
     * boxed vectors ~100s; the interpreter ~5,000).
     */
    private static final long COMPILED_NS = 20;
    /** Whether a group of short calls has run at compiled speed in this process (tests set it back). */
    static volatile boolean compiled;

    static void apply(float[] x, int from, int to) {
        int lanes = F.length();
        int i = from;
        // One loop body, no vector-valued helpers: un-inlined helpers would box the vectors.
        for (int bound = from + F.loopBound(to - from); i < bound; i += lanes) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            FloatVector xc = v.blend(L, v.compare(VectorOperators.GT, L));
            xc = xc.blend(-L, v.compare(VectorOperators.LT, -L));
            FloatVector a = xc.abs();
            FloatVector d = a.add(C);
            FloatVector cv = d.sub(a);
            FloatVector av = d.sub(cv);
            FloatVector ed = a.sub(av).add(cv.neg().add(C));
            FloatVector inv = FloatVector.broadcast(F, 1f).div(d);
            FloatVector res = inv.neg().fma(d, FloatVector.broadcast(F, 1f));
            FloatVector invLo = inv.mul(ed.neg().fma(inv, res));
            FloatVector u = invLo.fma(FloatVector.broadcast(F, C), inv.fma(C, -W_MID));
            FloatVector u2 = u.mul(u);
            FloatVector u4 = u2.mul(u2);
            FloatVector u8 = u4.mul(u4);
            FloatVector e0 = u.fma(P[2], P[1]);
            FloatVector e1 = u.fma(P[4], P[3]);
            FloatVector e2 = u.fma(P[6], P[5]);
            FloatVector e3 = u.fma(P[8], P[7]);
            FloatVector e4 = u.fma(P[10], P[9]);
            FloatVector e5 = u.fma(P[12], P[11]);
            FloatVector e6 = u.fma(P[14], P[13]);
            FloatVector e7 = u.fma(P[16], P[15]);
            FloatVector g0 = e1.fma(u2, e0);
            FloatVector g1 = e3.fma(u2, e2);
            FloatVector g2 = e5.fma(u2, e4);
            FloatVector g3 = e7.fma(u2, e6);
            FloatVector f1 = g3.fma(u4, g2).fma(u8, g1.fma(u4, g0));
            FloatVector delta = u.fma(f1, FloatVector.broadcast(F, P0_LO));
            FloatVector fh = delta.add(P0_HI);
            FloatVector fl = delta.sub(fh.sub(P0_HI));
            FloatVector sq = xc.mul(xc);
            FloatVector sqLo = xc.fma(xc, sq.neg());
            FloatVector t = sq.fma(HALF_LOG2E, ROUND);
            FloatVector n = t.sub(ROUND);
            FloatVector rh = n.fma(FloatVector.broadcast(F, -LN2_HI), sq.mul(-0.5f));
            FloatVector rl = n.fma(FloatVector.broadcast(F, -LN2_LO), sqLo.mul(-0.5f));
            FloatVector r = rh.add(rl);
            FloatVector re = rl.sub(r.sub(rh));
            FloatVector q = r.fma(Q6, Q5);
            q = q.fma(r, FloatVector.broadcast(F, Q4));
            q = q.fma(r, FloatVector.broadcast(F, Q3));
            q = q.fma(r, FloatVector.broadcast(F, Q2));
            q = q.fma(r, FloatVector.broadcast(F, Q1));
            q = q.fma(r, FloatVector.broadcast(F, Q0));
            FloatVector r2 = r.mul(r);
            FloatVector eh = r.add(1f);
            FloatVector el = r2.fma(q, eh.neg().add(1f).add(r).add(re));
            FloatVector scale = ((IntVector) t.reinterpretAsInts()).add(SCALE_BIAS)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector gh = fh.mul(inv);
            FloatVector gl = fl.fma(inv, fh.fma(invLo, fh.fma(inv, gh.neg())));
            FloatVector hh = gh.mul(eh);
            FloatVector hl = gh.fma(el, gl.fma(eh, gh.fma(eh, hh.neg())));
            FloatVector xs = xc.mul(scale);
            FloatVector neg = xs.fma(hh, xs.mul(hl));
            FloatVector s = ((IntVector) t.reinterpretAsInts()).add(S_BIAS).max(S_MIN)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector h1 = hh.mul(s);
            FloatVector h2 = hl.mul(s);
            FloatVector ph = h1.neg().add(1f);
            FloatVector pl = ph.neg().add(1f).sub(h1).sub(h2);
            FloatVector pos = v.fma(ph, xc.mul(pl));
            VectorMask<Float> negative = v.compare(VectorOperators.LT, 0f);
            FloatVector y = pos.blend(neg, negative).mul(ONE.blend(TWO_M64, negative));
            v.blend(y, a.compare(VectorOperators.GT, 0f)).intoArray(x, i);
        }
        for (; i < to; i++) {
            x[i] = gelu(x[i]);
        }
    }
}
