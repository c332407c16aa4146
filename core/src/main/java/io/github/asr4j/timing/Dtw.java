package io.github.asr4j.timing;

import java.util.Arrays;

/**
 * openai-whisper's {@code dtw_cpu} and {@code backtrace}: the cheapest monotonic path through a cost
 * matrix with diagonal, down and right steps. Costs accumulate in float32 as openai's numba kernel
 * does (its {@code cost} array is float32 while the input is float64), and ties are broken its way:
 * the diagonal only when strictly cheapest, then "from above" only when strictly cheapest, else "from the left".
 */
public final class Dtw {
    private static final byte DIAGONAL = 0;
    private static final byte UP = 1;
    private static final byte LEFT = 2;

    private Dtw() {}

    /** @param x rows (text) by columns (time), all rows the same length */
    public static DtwPath align(double[][] x) {
        int n = x.length;
        int m = n == 0 ? 0 : x[0].length;
        for (int i = 0; i < n; i++) {
            if (x[i].length != m) throw new IllegalArgumentException("row " + i + " has " + x[i].length + " columns, row 0 has " + m);
        }
        if ((long) (n + 1) * (m + 1) > Integer.MAX_VALUE) throw new IllegalArgumentException("matrix too large: " + n + " x " + m);
        int stride = m + 1;
        float[] cost = new float[(n + 1) * stride];
        byte[] trace = new byte[(n + 1) * stride];
        Arrays.fill(cost, Float.POSITIVE_INFINITY);
        cost[0] = 0;
        for (int j = 1; j <= m; j++) {
            for (int i = 1; i <= n; i++) {
                float c0 = cost[(i - 1) * stride + j - 1];
                float c1 = cost[(i - 1) * stride + j];
                float c2 = cost[i * stride + j - 1];
                float c;
                byte t;
                if (c0 < c1 && c0 < c2) {
                    c = c0;
                    t = DIAGONAL;
                } else if (c1 < c0 && c1 < c2) {
                    c = c1;
                    t = UP;
                } else {
                    c = c2;
                    t = LEFT;
                }
                cost[i * stride + j] = (float) (x[i - 1][j - 1] + c);
                trace[i * stride + j] = t;
            }
        }
        return backtrace(trace, n, m);
    }

    private static DtwPath backtrace(byte[] trace, int n, int m) {
        int stride = m + 1;
        // openai: trace[0, :] = 2 and trace[:, 0] = 1, so the edges lead straight back to (0, 0)
        for (int j = 0; j <= m; j++) trace[j] = LEFT;
        for (int i = 0; i <= n; i++) trace[i * stride] = UP;
        int[] text = new int[n + m];
        int[] time = new int[n + m];
        int k = 0;
        int i = n;
        int j = m;
        while (i > 0 || j > 0) {
            text[k] = i - 1;
            time[k] = j - 1;
            k++;
            switch (trace[i * stride + j]) {
                case DIAGONAL -> {
                    i--;
                    j--;
                }
                case UP -> i--;
                default -> j--;
            }
        }
        int[] textIndices = new int[k];
        int[] timeIndices = new int[k];
        for (int s = 0; s < k; s++) {
            textIndices[s] = text[k - 1 - s];
            timeIndices[s] = time[k - 1 - s];
        }
        return new DtwPath(textIndices, timeIndices);
    }
}
