package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.loader.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The Whisper audio encoder ({@code WhisperEncoder}): one 30-second log-mel window in, one row of
 * audio states per 20 ms frame out.
 *
 * <pre>
 *   x = GELU(conv1(mel))                 [2·T, d]   k3 s1 p1
 *   x = GELU(conv2(x)) + embed_positions [T, d]     k3 s2 p1
 *   per layer: x += SelfAttn(LN(x));  x += fc2(GELU(fc1(LN(x))))
 *   x = layer_norm(x)
 * </pre>
 *
 * Immutable and thread-safe: every call of {@link #forward} works in its own buffers.
 */
final class Encoder {
    private final Backend backend;
    private final int numMelBins;
    private final int frames;       // T = max_source_positions (1500)
    private final int dModel;
    private final int heads;
    private final int ffnDim;

    private final Backend.ConvKernel conv1;
    private final float[] conv1Bias;
    private final Backend.ConvKernel conv2;
    private final float[] conv2Bias;
    private final float[] embedPositions; // [T, d]
    private final List<EncoderLayer> layers;
    private final LayerNorm layerNorm;

    private Encoder(Backend backend, ModelConfig c, Backend.ConvKernel conv1, float[] conv1Bias,
                    Backend.ConvKernel conv2, float[] conv2Bias, float[] embedPositions,
                    List<EncoderLayer> layers, LayerNorm layerNorm) {
        this.backend = backend;
        this.numMelBins = c.numMelBins();
        this.frames = c.maxSourcePositions();
        this.dModel = c.dModel();
        this.heads = c.encoderAttentionHeads();
        this.ffnDim = c.encoderFfnDim();
        this.conv1 = conv1;
        this.conv1Bias = conv1Bias;
        this.conv2 = conv2;
        this.conv2Bias = conv2Bias;
        this.embedPositions = embedPositions;
        this.layers = List.copyOf(layers);
        this.layerNorm = layerNorm;
    }

    /** Binds {@code model.encoder.*}. */
    static Encoder bind(WeightBinder w, ModelConfig c, Backend backend) {
        int d = c.dModel();
        String p = "model.encoder.";
        List<EncoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < c.encoderLayers(); i++) {
            String l = p + "layers." + i + ".";
            layers.add(new EncoderLayer(
                    w.attention(l + "self_attn", d),
                    w.layerNorm(l + "self_attn_layer_norm", d),
                    w.linear(l + "fc1", c.encoderFfnDim(), d, true),
                    w.linear(l + "fc2", d, c.encoderFfnDim(), true),
                    w.layerNorm(l + "final_layer_norm", d)));
        }
        return new Encoder(backend, c,
                w.convKernel(p + "conv1.weight", d, c.numMelBins(), 3), w.floats(p + "conv1.bias", d),
                w.convKernel(p + "conv2.weight", d, d, 3), w.floats(p + "conv2.bias", d),
                w.floats(p + "embed_positions.weight", c.maxSourcePositions(), d),
                layers, w.layerNorm(p + "layer_norm", d));
    }

    /**
     * Encodes one window.
     *
     * @param mel log-mel {@code [numMelBins, 2·T]}, row-major (one row per mel bin, as the front end produces it)
     * @return audio states {@code [T, d]}, row-major
     */
    float[] forward(float[] mel) {
        int d = dModel;
        int t = frames;
        if (mel.length != numMelBins * 2 * t) {
            throw new IllegalArgumentException("the encoder takes a log-mel of " + numMelBins + " x " + 2 * t
                    + " = " + numMelBins * 2 * t + " values, got " + mel.length);
        }

        // Convolution stem, time-major: [2T, mels] -> [2T, d] -> [T, d].
        float[] melByTime = transpose(mel, numMelBins, 2 * t);
        float[] stem = new float[2 * t * d];
        backend.conv1d(melByTime, 2 * t, conv1, conv1Bias, 1, stem);
        backend.gelu(stem, stem.length);
        float[] x = new float[t * d];
        backend.conv1d(stem, 2 * t, conv2, conv2Bias, 2, x);
        backend.gelu(x, x.length);
        backend.add(x, embedPositions, t * d);

        float[] h = new float[t * d];
        float[] q = new float[t * d];
        float[] k = new float[t * d];
        float[] v = new float[t * d];
        float[] attn = new float[t * d];
        float[] mlp = new float[t * ffnDim];
        for (EncoderLayer layer : layers) {
            // x += out_proj(Attention(q_proj(h), k_proj(h), v_proj(h))), h = LN(x)
            layer.selfAttnLayerNorm().apply(backend, x, t, h);
            AttentionWeights sa = layer.selfAttn();
            sa.qProj().apply(backend, h, t, q);
            sa.kProj().apply(backend, h, t, k);
            sa.vProj().apply(backend, h, t, v);
            backend.attention(q, t, k, v, t, heads, d / heads, false, 0, attn);
            sa.outProj().apply(backend, attn, t, h);
            backend.add(x, h, t * d);

            // x += fc2(GELU(fc1(LN(x))))
            layer.finalLayerNorm().apply(backend, x, t, h);
            layer.fc1().apply(backend, h, t, mlp);
            backend.gelu(mlp, mlp.length);
            layer.fc2().apply(backend, mlp, t, h);
            backend.add(x, h, t * d);
        }
        layerNorm.apply(backend, x, t, x);
        return x;
    }

    private static float[] transpose(float[] a, int rows, int cols) {
        float[] out = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = a[r * cols + c];
            }
        }
        return out;
    }
}
