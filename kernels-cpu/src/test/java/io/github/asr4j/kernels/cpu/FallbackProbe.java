package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;

/** Run in a child JVM by {@link BackendsTest}: prints the chosen backend and a small result. */
public final class FallbackProbe {
    private FallbackProbe() {}

    public static void main(String[] args) {
        try (Backend b = Backends.cpu(2)) {
            io.github.asr4j.kernels.Buffer sum = b.upload(new float[] {1, 2}, 1, 2);
            b.add(sum, b.upload(new float[] {3, 4}, 1, 2));
            io.github.asr4j.kernels.Buffer g = b.upload(new float[] {1, -1, 2}, 1, 3);
            b.gelu(g);
            float[] acc = new float[2];
            float[] x = new float[3];
            b.download(sum, 0, 1, acc);
            b.download(g, 0, 1, x);
            System.out.println("backend=" + b.name() + " add=" + acc[0] + "," + acc[1] + " gelu1=" + x[0]);
        }
    }
}
