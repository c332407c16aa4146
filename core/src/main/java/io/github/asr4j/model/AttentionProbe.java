package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;

/**
 * The attention weights softmax(Q·Kᵀ/√d) that the backend's fused attention never materialises,
 * computed on request for an activation listener (scores by the backend's matmul, softmax in
 * double precision).
 */
final class AttentionProbe {
    private AttentionProbe() {}

    /**
     * @param q [nq, heads·headDim]; {@code k} at least [nkv, heads·headDim]
     * @return {@code [heads, nq, nkv]}; when {@code causal} (queries at positions {@code past ..}) the
     *         keys a query may not see get 0
     */
    static float[] weights(Backend backend, float[] q, int nq, float[] k, int nkv, int heads, int headDim,
                           boolean causal, int past) {
        int d = heads * headDim;
        float[] out = new float[heads * nq * nkv];
        float[] qh = new float[nq * headDim];
        float[] kh = new float[nkv * headDim];
        float[] scores = new float[nq * nkv];
        float scale = (float) (1.0 / Math.sqrt(headDim));
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < nq; i++) {
                System.arraycopy(q, i * d + h * headDim, qh, i * headDim, headDim);
            }
            for (int j = 0; j < nkv; j++) {
                System.arraycopy(k, j * d + h * headDim, kh, j * headDim, headDim);
            }
            backend.matmul(qh, false, kh, true, scores, nq, nkv, headDim, scale, false);
            for (int i = 0; i < nq; i++) {
                int visible = causal ? Math.min(nkv, past + i + 1) : nkv;
                softmaxRow(scores, i * nkv, visible, out, (h * nq + i) * nkv);
            }
        }
        return out;
    }

    private static void softmaxRow(float[] s, int from, int visible, float[] out, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < visible; j++) {
            max = Math.max(max, s[from + j]);
        }
        double sum = 0;
        for (int j = 0; j < visible; j++) {
            sum += Math.exp(s[from + j] - max);
        }
        for (int j = 0; j < visible; j++) {
            out[to + j] = (float) (Math.exp(s[from + j] - max) / sum);
        }
    }
}
