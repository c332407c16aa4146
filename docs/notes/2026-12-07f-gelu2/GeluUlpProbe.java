package io.github.asr4j.kernels.cpu;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exhaustive accuracy probe: every float bit pattern through VectorGelu.apply (float lanes), VectorGelu.gelu
 * (its scalar form: must give the same bits) and OldVectorGelu.apply (main's double lanes), against the exact
 * GELU in double (x·Φ(x), Φ from Gelu's 1e-11 fit of e^{z²}erfc(z) for z ≤ 10, ErfReference beyond).
 * Errors in units in the last place of the float result (2^(e-23), e the exponent of the exact value, at least
 * 2^-149). Args: threads [firstChunk lastChunk) of 4096 chunks of 2^20 patterns.
 */
public final class GeluUlpProbe {
    static double exact(float x) {
        double xd = x;
        if (Double.isNaN(xd)) return Double.NaN;
        if (xd == Double.POSITIVE_INFINITY) return xd;
        if (xd == Double.NEGATIVE_INFINITY) return -0.0;
        double a = Math.abs(xd);
        double z = a * Gelu.INV_SQRT2;
        double e = Math.exp(-0.5 * xd * xd);
        if (e == 0) return xd >= 0 ? xd : -0.0;
        double q = z <= Gelu.Z_MAX ? Gelu.scaledErfc(z) : ErfReference.scaledErfc(z);
        double half = 0.5 * e * q;
        return xd * (xd >= 0 ? 1 - half : half);
    }

    static double ulps(float f, double e) {
        if (Double.isNaN(e)) return Float.isNaN(f) ? 0 : Double.POSITIVE_INFINITY;
        if (Double.isInfinite(e)) return f == e ? 0 : Double.POSITIVE_INFINITY;
        int ex = e == 0 ? -127 : Math.getExponent(e);
        double ulp = Math.scalb(1.0, Math.max(ex, -126) - 23);
        return Math.abs(f - e) / ulp;
    }

    static final class Stats {
        double maxNew, maxOld; int argNew, argOld;
        long notCrNew, notCrOld, diffOldNew, scalarMismatch, specialBad;
        long[] histNew = new long[6], histOld = new long[6];   // [0,.5] (.5,1] (1,1.5] (1.5,2] (2,4] >4
        void add(Stats s) {
            if (s.maxNew > maxNew) { maxNew = s.maxNew; argNew = s.argNew; }
            if (s.maxOld > maxOld) { maxOld = s.maxOld; argOld = s.argOld; }
            notCrNew += s.notCrNew; notCrOld += s.notCrOld; diffOldNew += s.diffOldNew;
            scalarMismatch += s.scalarMismatch; specialBad += s.specialBad;
            for (int i = 0; i < 6; i++) { histNew[i] += s.histNew[i]; histOld[i] += s.histOld[i]; }
        }
        static int bin(double u) { return u <= 0.5 ? 0 : u <= 1 ? 1 : u <= 1.5 ? 2 : u <= 2 ? 3 : u <= 4 ? 4 : 5; }
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int first = Integer.parseInt(args[1]), last = Integer.parseInt(args[2]);
        AtomicInteger next = new AtomicInteger(first);
        Stats total = new Stats();
        Thread[] ts = new Thread[threads];
        long t0 = System.nanoTime();
        for (int k = 0; k < threads; k++) {
            ts[k] = new Thread(() -> {
                Stats st = new Stats();
                int n = 1 << 20;
                float[] in = new float[n], vNew = new float[n], vOld = new float[n];
                for (int c; (c = next.getAndIncrement()) < last; ) {
                    int base = c << 20;
                    for (int i = 0; i < n; i++) in[i] = Float.intBitsToFloat(base + i);
                    System.arraycopy(in, 0, vNew, 0, n);
                    System.arraycopy(in, 0, vOld, 0, n);
                    VectorGelu.apply(vNew, 0, n);
                    OldVectorGelu.apply(vOld, 0, n);
                    for (int i = 0; i < n; i++) {
                        float x = in[i];
                        float s = VectorGelu.gelu(x);
                        if (Float.floatToRawIntBits(s) != Float.floatToRawIntBits(vNew[i])
                                && !(Float.isNaN(s) && Float.isNaN(vNew[i]))) st.scalarMismatch++;
                        double e = exact(x);
                        float cr = (float) e;
                        double un = ulps(vNew[i], e), uo = ulps(vOld[i], e);
                        if (Float.floatToRawIntBits(vNew[i]) != Float.floatToRawIntBits(cr) && !(Float.isNaN(cr) && Float.isNaN(vNew[i]))) st.notCrNew++;
                        if (Float.floatToRawIntBits(vOld[i]) != Float.floatToRawIntBits(cr) && !(Float.isNaN(cr) && Float.isNaN(vOld[i]))) st.notCrOld++;
                        if (Float.floatToRawIntBits(vOld[i]) != Float.floatToRawIntBits(vNew[i]) && !(Float.isNaN(vOld[i]) && Float.isNaN(vNew[i]))) st.diffOldNew++;
                        if (un > st.maxNew) { st.maxNew = un; st.argNew = base + i; }
                        if (uo > st.maxOld) { st.maxOld = uo; st.argOld = base + i; }
                        st.histNew[Stats.bin(un)]++;
                        st.histOld[Stats.bin(uo)]++;
                    }
                }
                synchronized (total) { total.add(st); }
            });
            ts[k].start();
        }
        for (Thread t : ts) t.join();
        System.out.printf("chunks [%d,%d) in %.1f s%n", first, last, (System.nanoTime() - t0) / 1e9);
        float xn = Float.intBitsToFloat(total.argNew), xo = Float.intBitsToFloat(total.argOld);
        System.out.printf("new (float lanes): max %.4f ulp at x=%s (0x%08x) got %s exact %s; not correctly rounded %d%n",
                total.maxNew, xn, total.argNew, VectorGelu.gelu(xn), exact(xn), total.notCrNew);
        float[] one = {xo};
        OldVectorGelu.apply(one, 0, 1);
        System.out.printf("old (double lanes): max %.4f ulp at x=%s (0x%08x) exact %s; not correctly rounded %d%n",
                total.maxOld, xo, total.argOld, exact(xo), total.notCrOld);
        System.out.printf("new != old: %d; scalar != vector lanes: %d%n", total.diffOldNew, total.scalarMismatch);
        System.out.println("hist new [<=.5, <=1, <=1.5, <=2, <=4, >4]: " + java.util.Arrays.toString(total.histNew));
        System.out.println("hist old                                : " + java.util.Arrays.toString(total.histOld));
    }
}
