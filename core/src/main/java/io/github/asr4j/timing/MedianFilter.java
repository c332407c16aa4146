package io.github.asr4j.timing;

import java.util.Arrays;

/**
 * openai-whisper's {@code median_filter}: a running median over the last axis, the input padded by
 * reflection ({@code F.pad(mode="reflect")}: the edge sample is not repeated). As openai, an input
 * no longer than half the width is returned unchanged. NaN sorts last, as in {@code torch.sort}.
 */
public final class MedianFilter {
    private MedianFilter() {}

    /**
     * @param width odd and positive
     * @return a new array (or {@code x} itself when it is too short to filter)
     */
    public static float[] apply(float[] x, int width) {
        if (width <= 0 || width % 2 == 0) throw new IllegalArgumentException("filter width must be odd and positive, got " + width);
        int pad = width / 2;
        int n = x.length;
        if (n <= pad) return x;
        float[] padded = new float[n + 2 * pad];
        for (int i = 0; i < padded.length; i++) padded[i] = x[reflect(i - pad, n)];
        float[] window = new float[width];
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(padded, i, window, 0, width);
            Arrays.sort(window);
            out[i] = window[pad];
        }
        return out;
    }

    /** Index into {@code [0, n)} reflecting about the end samples: -1 -> 1, n -> n - 2. */
    private static int reflect(int i, int n) {
        if (i < 0) return -i;
        if (i >= n) return 2 * (n - 1) - i;
        return i;
    }
}
