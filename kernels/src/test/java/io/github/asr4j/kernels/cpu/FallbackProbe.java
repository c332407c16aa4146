package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;

/** Run in a child JVM by {@link BackendsTest}: prints the chosen backend and a small result. */
public final class FallbackProbe {
    private FallbackProbe() {}

    public static void main(String[] args) {
        try (Backend b = Backends.cpu(2)) {
            float[] acc = {1, 2};
            b.add(acc, new float[] {3, 4}, 2);
            float[] x = {1, -1, 2};
            b.gelu(x, 3);
            System.out.println("backend=" + b.name() + " add=" + acc[0] + "," + acc[1] + " gelu1=" + x[0]);
        }
    }
}
