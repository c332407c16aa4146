package io.github.asr4j.profile;

/**
 * A plain double-precision implementation of the parts of Whisper the capture tests check, written
 * from the Hugging Face module definitions without the model package's code or the backend.
 */
final class Reference {
    private final Mini m;

    Reference(Mini m) {
        this.m = m;
    }

    /** Conv1d(k3, s1, p1) of the mel [80, 3000] before GELU, time-major [3000, 64]. */
    double[] conv1() {
        float[] w = m.w("model.encoder.conv1.weight");   // [64, 80, 3]
        float[] b = m.w("model.encoder.conv1.bias");
        int len = 2 * Mini.T;
        double[] y = new double[len * Mini.D];
        for (int t = 0; t < len; t++) {
            for (int o = 0; o < Mini.D; o++) {
                double acc = b[o];
                for (int c = 0; c < Mini.MELS; c++) {
                    for (int j = 0; j < 3; j++) {
                        int src = t + j - 1;
                        if (src >= 0 && src < len) {
                            acc += (double) w[(o * Mini.MELS + c) * 3 + j] * m.mel[c * len + src];
                        }
                    }
                }
                y[t * Mini.D + o] = acc;
            }
        }
        return y;
    }

    /** Intermediate values of one decoder layer for a whole sequence fed from position 0. */
    record DecoderLayerOut(double[] selfAttn, double[] selfWeights, double[] crossAttn, double[] crossWeights,
                           double[] out) {}

    /** Token plus position embeddings [n, d]. */
    double[] embed(int[] tokens) {
        float[] tok = m.w("model.decoder.embed_tokens.weight");
        float[] pos = m.w("model.decoder.embed_positions.weight");
        double[] x = new double[tokens.length * Mini.D];
        for (int i = 0; i < tokens.length; i++) {
            for (int j = 0; j < Mini.D; j++) {
                x[i * Mini.D + j] = tok[tokens[i] * Mini.D + j] + pos[i * Mini.D + j];
            }
        }
        return x;
    }

    /** {@code model.decoder.layers.l} on x [n, d] (positions 0..n-1), attending to encoderOut [1500, d]. */
    DecoderLayerOut decoderLayer(int l, double[] x, float[] encoderOut) {
        String p = "model.decoder.layers." + l + ".";
        int n = x.length / Mini.D;
        double[] h = layerNorm(x, n, p + "self_attn_layer_norm");
        double[] q = linear(h, n, p + "self_attn.q_proj", true);
        double[] k = linear(h, n, p + "self_attn.k_proj", false);
        double[] v = linear(h, n, p + "self_attn.v_proj", true);
        double[] selfWeights = weights(q, n, k, n, true);
        double[] selfAttn = linear(mix(selfWeights, v, n, n), n, p + "self_attn.out_proj", true);
        double[] x1 = add(x, selfAttn);

        double[] h2 = layerNorm(x1, n, p + "encoder_attn_layer_norm");
        double[] q2 = linear(h2, n, p + "encoder_attn.q_proj", true);
        double[] audio = new double[encoderOut.length];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = encoderOut[i];
        }
        double[] k2 = linear(audio, Mini.T, p + "encoder_attn.k_proj", false);
        double[] v2 = linear(audio, Mini.T, p + "encoder_attn.v_proj", true);
        double[] crossWeights = weights(q2, n, k2, Mini.T, false);
        double[] crossAttn = linear(mix(crossWeights, v2, n, Mini.T), n, p + "encoder_attn.out_proj", true);
        double[] x2 = add(x1, crossAttn);

        double[] h3 = layerNorm(x2, n, p + "final_layer_norm");
        double[] up = linear(h3, n, p + "fc1", true);
        for (int i = 0; i < up.length; i++) {
            up[i] = 0.5 * up[i] * (1 + erf(up[i] / Math.sqrt(2)));
        }
        double[] down = linear(up, n, p + "fc2", true);
        return new DecoderLayerOut(selfAttn, selfWeights, crossAttn, crossWeights, add(x2, down));
    }

    /** softmax(q·kᵀ/√hd) per head: [heads, nq, nkv]; causal rows see keys 0..i. */
    static double[] weights(double[] q, int nq, double[] k, int nkv, boolean causal) {
        int hd = Mini.HEAD_DIM;
        double[] w = new double[Mini.HEADS * nq * nkv];
        for (int h = 0; h < Mini.HEADS; h++) {
            for (int i = 0; i < nq; i++) {
                int visible = causal ? i + 1 : nkv;
                double[] s = new double[visible];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < visible; j++) {
                    double dot = 0;
                    for (int c = 0; c < hd; c++) {
                        dot += q[i * Mini.D + h * hd + c] * k[j * Mini.D + h * hd + c];
                    }
                    s[j] = dot / Math.sqrt(hd);
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < visible; j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int j = 0; j < visible; j++) {
                    w[(h * nq + i) * nkv + j] = s[j] / sum;
                }
            }
        }
        return w;
    }

    /** Σ_j w[h, i, j] · v[j, head h columns] → [nq, d]. */
    private static double[] mix(double[] w, double[] v, int nq, int nkv) {
        int hd = Mini.HEAD_DIM;
        double[] out = new double[nq * Mini.D];
        for (int h = 0; h < Mini.HEADS; h++) {
            for (int i = 0; i < nq; i++) {
                for (int j = 0; j < nkv; j++) {
                    double a = w[(h * nq + i) * nkv + j];
                    if (a == 0) {
                        continue;
                    }
                    for (int c = 0; c < hd; c++) {
                        out[i * Mini.D + h * hd + c] += a * v[j * Mini.D + h * hd + c];
                    }
                }
            }
        }
        return out;
    }

    private double[] linear(double[] x, int n, String prefix, boolean bias) {
        float[] w = m.w(prefix + ".weight");
        float[] b = bias ? m.w(prefix + ".bias") : null;
        int out = w.length / (x.length / n);
        int in = x.length / n;
        double[] y = new double[n * out];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double acc = b == null ? 0 : b[o];
                for (int c = 0; c < in; c++) {
                    acc += x[i * in + c] * w[o * in + c];
                }
                y[i * out + o] = acc;
            }
        }
        return y;
    }

    private double[] layerNorm(double[] x, int n, String prefix) {
        float[] g = m.w(prefix + ".weight");
        float[] b = m.w(prefix + ".bias");
        int d = x.length / n;
        double[] y = new double[x.length];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (int j = 0; j < d; j++) {
                mean += x[i * d + j];
            }
            mean /= d;
            double var = 0;
            for (int j = 0; j < d; j++) {
                double c = x[i * d + j] - mean;
                var += c * c;
            }
            var /= d;
            double inv = 1 / Math.sqrt(var + 1e-5);
            for (int j = 0; j < d; j++) {
                y[i * d + j] = (x[i * d + j] - mean) * inv * g[j] + b[j];
            }
        }
        return y;
    }

    private static double[] add(double[] a, double[] b) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] + b[i];
        }
        return c;
    }

    /** erf to about 1e-12: its Maclaurin series for |x| < 3, and 1 - erfc's continued fraction beyond. */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 3) {
            double term = ax;
            double sum = ax;
            for (int k = 1; k < 200 && Math.abs(term) > 1e-17; k++) {
                term *= -ax * ax / k;
                sum += term / (2 * k + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double f = 0;
            for (int k = 60; k >= 1; k--) {
                f = k / 2.0 / (ax + f);
            }
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
        }
        return x < 0 ? -r : r;
    }
}
