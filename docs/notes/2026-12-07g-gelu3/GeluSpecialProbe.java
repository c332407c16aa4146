package io.github.asr4j.kernels.cpu;

/**
 * Special inputs (NaN payloads, ±inf, ±0, subnormals, the clamp's edges) through VectorGelu's lanes and scalar form,
 * OldVectorGelu's lanes (main's double-lane kernel, copied under that name into the probe's scratch folder) and Gelu
 * (the scalar backend): raw bits of each, and the exact value (GeluUlpProbe.exact). Not built by Maven; compile with
 * GeluUlpProbe (docs/notes/2026-12-07f-gelu2/).
 */
public final class GeluSpecialProbe {
    public static void main(String[] args) {
        int[] bits = {0x7fc00000, 0xffc00000, 0x7f800001, 0xff800001, 0x7fc12345, 0xffbfffff, 0x7f800000, 0xff800000,
            0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x00000003, 0x80000003, 0x007fffff, 0x807fffff,
            0x00800000, 0x80800000, 0x3a800000, 0xba800000, 0x7f7fffff, 0xff7fffff};
        float[] more = {14.5f, Math.nextUp(14.5f), -14.5f, Math.nextDown(-14.5f), -14.2f, -14.14f, -14.0f, -13.5f,
            -13.2f, -16f, -20f, -1e30f, 20f, 1e30f};
        int n = bits.length + more.length;
        float[] x = new float[(n + 15) / 16 * 16];
        for (int i = 0; i < bits.length; i++) x[i] = Float.intBitsToFloat(bits[i]);
        for (int i = 0; i < more.length; i++) x[bits.length + i] = more[i];
        float[] lanes = x.clone(), old = x.clone();
        VectorGelu.apply(lanes, 0, x.length);       // a multiple of 16: every value through the lanes
        OldVectorGelu.apply(old, 0, x.length);      // a multiple of 8: every value through the double lanes
        System.out.printf("%-16s %-10s | %-26s | %-26s | %-26s | %-26s | %s%n", "x", "bits", "new lanes", "new scalar",
            "main lanes (old)", "Gelu.apply (scalar be.)", "exact");
        for (int i = 0; i < n; i++) {
            float s = VectorGelu.gelu(x[i]), g = Gelu.apply(x[i]);
            System.out.printf("%-16s %08x | %-15s %08x | %-15s %08x | %-15s %08x | %-15s %08x | %s%n", x[i],
                Float.floatToRawIntBits(x[i]), lanes[i], Float.floatToRawIntBits(lanes[i]), s,
                Float.floatToRawIntBits(s), old[i], Float.floatToRawIntBits(old[i]), g, Float.floatToRawIntBits(g),
                GeluUlpProbe.exact(x[i]));
        }
    }
}
