import io.github.asr4j.kernels.*;
import io.github.asr4j.kernels.cpu.CpuBackend;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.*;

/**
 * xl3 probe: a 768x768 F16 one-row product P (m of them in one linears pass) then one-query cross attention A over a
 * [1500,768] F16 K/V, both cycled over 96 sets (from memory). Arms: a = P then A (today); b = P with A's K/V lines
 * loaded by P's tasks, then A; c = P, then a touch pass over A's K/V, then A; p = P only; r = A only; t = touch only.
 * Prints microseconds per iteration (median of rounds) and a hash of the last outputs.
 */
public class XattWarmProbe {
    static long sink;
    static final jdk.incubator.vector.VectorSpecies<Short> S = jdk.incubator.vector.ShortVector.SPECIES_512;

    /** A CPU buffer's F16 array (the probe's reflective look; CpuBuffer keeps it package-private). */
    static short[] f16(Buffer b) {
        try {
            var f = b.getClass().getDeclaredField("f16");
            f.setAccessible(true);
            return (short[]) f.get(b);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every half read by 512-bit loads (a streaming read, one thread). */
    static long stream(short[] a) {
        var acc = jdk.incubator.vector.ShortVector.zero(S);
        int i = 0;
        for (; i <= a.length - S.length(); i += S.length()) acc = acc.or(jdk.incubator.vector.ShortVector.fromArray(S, a, i));
        return acc.reduceLanes(jdk.incubator.vector.VectorOperators.OR);
    }

    /** One scalar load per 64-byte line (the touch pass's pattern, one thread). */
    static long lines(short[] a) {
        int sum = 0;
        for (int i = 0; i < a.length; i += 32) sum += a[i];
        return sum;
    }

    public static void main(String[] args) {
        String arm = args[0];
        int m = Integer.parseInt(args[1]);
        int sets = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int frames = 1500, width = 768, heads = 12;
        try (Backend b = Backends.cpu(2)) {
            CpuBackend cb = (CpuBackend) b;
            Random r = new Random(7);
            Buffer[] hosts = new Buffer[4];
            float[] host = new float[frames * width];
            for (int i = 0; i < hosts.length; i++) {
                for (int e = 0; e < host.length; e++) host[e] = (float) r.nextGaussian() * 0.5f;
                hosts[i] = b.upload(host, frames, width);
            }
            Buffer[] k = new Buffer[sets], v = new Buffer[sets];
            for (int c = 0; c < sets; c++) {
                k[c] = b.allocateKeys(frames, width, BufferType.F16); b.copyRows(hosts[c % 4], 0, k[c], 0, frames);
                v[c] = b.allocate(frames, width, BufferType.F16); b.copyRows(hosts[(c + 1) % 4], 0, v[c], 0, frames);
            }
            Backend.Matrix[] w = new Backend.Matrix[sets * m];
            short[] wh = new short[width * width];
            for (int i = 0; i < wh.length; i++) wh[i] = Float.floatToFloat16((float) r.nextGaussian() * 0.03f);
            for (int i = 0; i < w.length; i++) {
                MemorySegment seg = Arena.ofAuto().allocate(2L * wh.length, 64);
                MemorySegment.copy(wh, 0, seg, ValueLayout.JAVA_SHORT_UNALIGNED, 0, wh.length);
                w[i] = b.matrix(new Tensor("w" + i, DType.F16, new long[] {width, width}, seg));
            }
            float[] xh = new float[width];
            for (int i = 0; i < width; i++) xh[i] = (float) r.nextGaussian();
            Buffer x = b.upload(xh, 1, width), q = b.upload(xh, 1, width), out = b.allocate(1, width, BufferType.F32);
            Buffer[] ys = new Buffer[m];
            for (int i = 0; i < m; i++) ys[i] = b.allocate(1, width, BufferType.F32);
            Backend.Matrix[] wm = new Backend.Matrix[m];
            double[] us = new double[rounds];
            int reps = Math.max(4, 400 / sets);
            for (int rd = -3; rd < rounds; rd++) {
                long t0 = System.nanoTime();
                for (int rep = 0; rep < reps; rep++) {
                    for (int c = 0; c < sets; c++) {
                        if (arm.equals("s1") || arm.equals("t1")) {
                            sink += arm.equals("s1") ? stream(f16(k[c])) + stream(f16(v[c])) : lines(f16(k[c])) + lines(f16(v[c]));
                            continue;
                        }
                        boolean p = !arm.equals("r") && !arm.equals("t");
                        if (arm.equals("b")) cb.warmDuringNextProduct(k[c], v[c]);
                        if (p) {
                            if (m == 1) {
                                b.linear(x, w[c], null, ys[0]);
                            } else {
                                System.arraycopy(w, c * m, wm, 0, m);
                                b.linears(x, wm, null, ys);
                            }
                        }
                        if (arm.equals("c") || arm.equals("t")) cb.warmNow(8, k[c], v[c]);
                        if (!arm.equals("p") && !arm.equals("t")) {
                            b.attention(q, k[c], v[c], frames, heads, heads, AttentionMask.full(), out);
                        }
                    }
                }
                long t1 = System.nanoTime();
                if (rd >= 0) us[rd] = (t1 - t0) / 1e3 / (reps * sets);
            }
            long hash = 0;
            float[] o = new float[width];
            b.download(out, 0, 1, o);
            for (float f : o) hash = hash * 31 + Float.floatToRawIntBits(f);
            b.download(ys[0], 0, 1, o);
            for (float f : o) hash = hash * 31 + Float.floatToRawIntBits(f);
            Arrays.sort(us);
            if (sink == 42) System.out.println();
            System.out.printf(Locale.ROOT, "arm=%s m=%d sets=%d mode=%s  us/iter median %.1f (min %.1f max %.1f)  hash %x%n", arm, m,
                    sets, System.getProperty("asr4j.xl3.warm", "after"), us[rounds / 2], us[0], us[rounds - 1], hash);
        }
    }
}
