package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The 16-file step's cross attention alone (wfiles, 2026-12-07d): card shape (6 layers, 1,500 frames,
 * 768 wide, 12 heads), F16 keys in tiles and F16 value rows per file and layer, one query per file,
 * one grouped {@code attentionEach} per layer, as {@code SessionRows.attendGrouped} calls it. Modes
 * (CpuBackend.probeStyle: 0 the branch's code, 1 touch only, 2 compute without the touch, 3 main's value sums, 7xx: the next chunk touched one line in xx before each chunk's compute [pr6's form, with probeStride], 8: keys touched, scored, then values touched, summed) rotated every round in one JVM; per mode the median ms per step, GB/s over
 * the K+V bytes, heap per step on the calling thread, and a hash of every output's bits (must match
 * mode 0's). Args: threads steps rounds modes(comma) [files 16] [evictMB 0] [same false].
 */
public final class CrossProbe {
    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int[] modes = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        int files = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        int evictMb = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        boolean same = args.length > 6 && Boolean.parseBoolean(args[6]);
        int layers = 6, frames = 1500, d = 768, heads = 12;
        VectorBackend b = new VectorBackend(threads);
        SplittableRandom r = new SplittableRandom(11);
        Buffer[][] keys = new Buffer[layers][files];
        Buffer[][] values = new Buffer[layers][files];
        float[] src = new float[frames * d];
        for (int l = 0; l < layers; l++) {
            for (int f = 0; f < files; f++) {
                if (same && f > 0) {
                    keys[l][f] = keys[l][0];
                    values[l][f] = values[l][0];
                    continue;
                }
                for (int i = 0; i < src.length; i++) {
                    src[i] = (float) (r.nextGaussian() * 1.5);
                }
                Buffer s = b.upload(src, frames, d);
                keys[l][f] = b.allocateKeys(frames, d, BufferType.F16);
                b.copyRows(s, 0, keys[l][f], 0, frames);
                for (int i = 0; i < src.length; i++) {
                    src[i] = (float) (r.nextGaussian() * 0.5);
                }
                s = b.upload(src, frames, d);
                values[l][f] = b.allocate(frames, d, BufferType.F16);
                b.copyRows(s, 0, values[l][f], 0, frames);
            }
        }
        float[] qs = new float[files * d];
        for (int i = 0; i < qs.length; i++) {
            qs[i] = (float) (r.nextGaussian() * 0.3);
        }
        Buffer q = b.upload(qs, files, d);
        Buffer out = b.allocate(files, d, BufferType.F32);
        int[] first = new int[files + 1];
        for (int f = 0; f <= files; f++) {
            first[f] = f;
        }
        float[] evict = new float[evictMb * 262_144];
        float[] got = new float[files * d];
        double bytes = (double) files * layers * frames * d * 2 * 2;
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        double[][] ms = new double[modes.length][rounds];
        double[][] heap = new double[modes.length][rounds];
        long[] hash = new long[modes.length];
        float sink = 0;
        for (int round = -2; round < rounds; round++) {
            for (int mi = 0; mi < modes.length; mi++) {
                int m = round < 0 ? mi : (mi + round) % modes.length;   // rotate the order each round
                CpuBackend.probeStyle = modes[m];
                double[] t = new double[steps];
                long h = 17;
                long a0 = mx.getThreadAllocatedBytes(tid);
                for (int s = 0; s < steps; s++) {
                    long n0 = System.nanoTime();
                    for (int l = 0; l < layers; l++) {
                        b.attentionEach(q, first, keys[l], values[l], frames, heads, heads, out);
                        if (s == 0) {
                            b.download(out, 0, files, got);
                            for (float x : got) {
                                h = h * 31 + Float.floatToRawIntBits(x);
                            }
                        }
                        for (int i = 0; i < evict.length; i += 16) {
                            sink += evict[i];
                        }
                    }
                    t[s] = (System.nanoTime() - n0) / 1e6;
                }
                long a1 = mx.getThreadAllocatedBytes(tid);
                if (round >= 0) {
                    Arrays.sort(t);
                    ms[m][round] = t[steps / 2];
                    heap[m][round] = (a1 - a0) / (double) steps;
                }
                if (round == -2) {
                    hash[m] = h;
                } else if (hash[m] != h) {
                    System.out.println("mode " + modes[m] + ": HASH CHANGED within the run");
                }
            }
        }
        for (int m = 0; m < modes.length; m++) {
            double[] x = ms[m].clone();
            Arrays.sort(x);
            double med = x[rounds / 2];
            System.out.printf(Locale.ROOT, "mode %3d: median %.3f ms/step (%.1f GB/s), rounds %s, heap/step %.1f KB, hash %s%s%n",
                    modes[m], med, bytes / med / 1e6, fmt(ms[m]), median(heap[m]) / 1e3, Long.toHexString(hash[m]),
                    hash[m] == hash[0] ? "" : "  [BITS DIFFER from mode " + modes[0] + "]");
        }
        System.out.println("(sink " + sink + ")");
        b.close();
    }

    static double median(double[] a) {
        double[] x = a.clone();
        Arrays.sort(x);
        return x[x.length / 2];
    }

    static String fmt(double[] a) {
        StringBuilder sb = new StringBuilder();
        for (double v : a) {
            sb.append(String.format(Locale.ROOT, "%.2f ", v));
        }
        return sb.toString().trim();
    }
}
