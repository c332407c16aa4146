package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import java.util.Arrays;
import java.util.Random;

/** 16 windows x 6 layers of card cross caches; one step = 6 grouped calls. args: rounds steps modes... */
public class X16Probe {
    static final int W = Integer.getInteger("p.w", 16), LAYERS = Integer.getInteger("p.layers", 6), FRAMES = Integer.getInteger("p.frames", 1500), WIDTH = 768, HEADS = 12;

    static float[] rnd(int n, long seed) {
        Random r = new Random(seed);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (r.nextFloat() - 0.5f);
        return f;
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]), steps = Integer.parseInt(args[1]);
        String[] modes = Arrays.copyOfRange(args, 2, args.length);
        Backend b = Backends.cpu(Integer.getInteger("p.threads", 2));
        Buffer[][] k = new Buffer[LAYERS][W], v = new Buffer[LAYERS][W];
        for (int l = 0; l < LAYERS; l++) for (int w = 0; w < W; w++) {
            long seed = 2L * (l * W + w);
            Buffer hk = b.upload(rnd(FRAMES * WIDTH, seed), FRAMES, WIDTH);
            k[l][w] = b.allocateKeys(FRAMES, WIDTH, BufferType.F16);
            b.copyRows(hk, 0, k[l][w], 0, FRAMES);
            Buffer hv = b.upload(rnd(FRAMES * WIDTH, seed + 1), FRAMES, WIDTH);
            v[l][w] = b.allocate(FRAMES, WIDTH, BufferType.F16);
            b.copyRows(hv, 0, v[l][w], 0, FRAMES);
        }
        Buffer q = b.upload(rnd(W * WIDTH, 99), W, WIDTH);
        Buffer out = b.allocate(W, WIDTH, BufferType.F32);
        int[] first = new int[W + 1];
        for (int w = 0; w <= W; w++) first[w] = w;
        float[] res = new float[W * WIDTH];
        for (int r = 0; r < rounds; r++) {
            StringBuilder sb = new StringBuilder("round " + r + ":");
            for (String ms : modes) {
                String[] mp = ms.split(":");
                CpuBackend.X16_MODE = Integer.parseInt(mp[0]);
                if (mp.length > 1) CpuBackend.X16_RUN = Integer.parseInt(mp[1]);
                double[] t = new double[steps];
                int h = 0;
                for (int s = 0; s < steps; s++) {
                    long t0 = System.nanoTime();
                    for (int l = 0; l < LAYERS; l++) b.attentionEach(q, first, k[l], v[l], FRAMES, HEADS, HEADS, out);
                    t[s] = (System.nanoTime() - t0) / 1e6;
                }
                b.download(out, 0, W, res);
                for (float f : res) h = 31 * h + Float.floatToRawIntBits(f);
                Arrays.sort(t);
                sb.append(String.format("  m%s %.2f/%.2f ms (%.1f GB/s) h=%08x", ms, t[0], t[steps / 2], (double) W * LAYERS * FRAMES * WIDTH * 4 / 1e6 / t[steps / 2], h));
            }
            System.out.println(sb);
        }
        b.close();
    }
}
