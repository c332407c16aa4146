package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.loader.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The Whisper text decoder ({@code WhisperDecoder} plus the tied {@code proj_out}): tokens in,
 * next-token logits out, attending to its own earlier positions (the self-attention KV cache of a
 * {@link DecoderSession}) and to one window of audio states (its {@link CrossKv}).
 *
 * <pre>
 *   x = embed_tokens[token] + embed_positions[position]
 *   per layer: x += SelfAttn(LN(x)) (causal);  x += CrossAttn(LN(x), audio);  x += fc2(GELU(fc1(LN(x))))
 *   logits = layer_norm(x) · embed_tokensᵀ
 * </pre>
 *
 * Immutable and thread-safe; all per-sequence state lives in the session passed to {@link #step}.
 */
final class Decoder {
    private final Backend backend;
    private final int dModel;
    private final int heads;
    private final int ffnDim;
    private final int vocabSize;
    private final int maxPositions;
    private final int audioFrames;

    private final Backend.Matrix embedTokens;   // [vocab, d]
    private final float[] embedPositions;       // [maxPositions, d]
    private final List<DecoderLayer> layers;
    private final LayerNorm layerNorm;
    private final Backend.Matrix projOut;       // [vocab, d]; embed_tokens itself unless stored apart

    private Decoder(Backend backend, ModelConfig c, Backend.Matrix embedTokens, float[] embedPositions,
                    List<DecoderLayer> layers, LayerNorm layerNorm, Backend.Matrix projOut) {
        this.backend = backend;
        this.dModel = c.dModel();
        this.heads = c.decoderAttentionHeads();
        this.ffnDim = c.decoderFfnDim();
        this.vocabSize = c.vocabSize();
        this.maxPositions = c.maxTargetPositions();
        this.audioFrames = c.maxSourcePositions();
        this.embedTokens = embedTokens;
        this.embedPositions = embedPositions;
        this.layers = List.copyOf(layers);
        this.layerNorm = layerNorm;
        this.projOut = projOut;
    }

    /** Binds {@code model.decoder.*} and {@code proj_out.weight} (tied to the token embedding when absent). */
    static Decoder bind(WeightBinder w, ModelConfig c, Backend backend) {
        int d = c.dModel();
        String p = "model.decoder.";
        List<DecoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < c.decoderLayers(); i++) {
            String l = p + "layers." + i + ".";
            layers.add(new DecoderLayer(
                    w.attention(l + "self_attn", d),
                    w.layerNorm(l + "self_attn_layer_norm", d),
                    w.attention(l + "encoder_attn", d),
                    w.layerNorm(l + "encoder_attn_layer_norm", d),
                    w.linear(l + "fc1", c.decoderFfnDim(), d, true),
                    w.linear(l + "fc2", d, c.decoderFfnDim(), true),
                    w.layerNorm(l + "final_layer_norm", d)));
        }
        Backend.Matrix embedTokens = w.matrix(p + "embed_tokens.weight", c.vocabSize(), d);
        Backend.Matrix projOut = w.optionalMatrix("proj_out.weight", c.vocabSize(), d).orElse(embedTokens);
        return new Decoder(backend, c, embedTokens,
                w.floats(p + "embed_positions.weight", c.maxTargetPositions(), d),
                layers, w.layerNorm(p + "layer_norm", d), projOut);
    }

    int layerCount() {
        return layers.size();
    }

    int dModel() {
        return dModel;
    }

    int vocabSize() {
        return vocabSize;
    }

    int maxPositions() {
        return maxPositions;
    }

    /** The cross-attention keys and values of every layer for one window of audio states {@code [T, d]}. */
    CrossKv crossKv(float[] audio) {
        if (audio.length != audioFrames * dModel) {
            throw new IllegalArgumentException("the decoder attends to " + audioFrames + " x " + dModel
                    + " = " + audioFrames * dModel + " audio states, got " + audio.length + " values");
        }
        float[][] keys = new float[layers.size()][];
        float[][] values = new float[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            AttentionWeights ea = layers.get(l).encoderAttn();
            keys[l] = new float[audioFrames * dModel];
            values[l] = new float[audioFrames * dModel];
            ea.kProj().apply(backend, audio, audioFrames, keys[l]);
            ea.vProj().apply(backend, audio, audioFrames, values[l]);
        }
        return new CrossKv(keys, values);
    }

    /**
     * Feeds {@code tokens} at positions {@code s.position() ..} in one pass, appending their keys and
     * values to the session's cache, and returns the logits of the last position {@code [vocab]}, or
     * of every fed position {@code [n·vocab]} when {@code allPositions}. Does not advance the session.
     */
    float[] step(DecoderSession s, int[] tokens, boolean allPositions) {
        int n = tokens.length;
        int d = dModel;
        int past = s.position();
        DecoderSession.Buffers b = s.buffers(n, ffnDim);
        float[] x = b.x;

        for (int i = 0; i < n; i++) {
            embedTokens.row(tokens[i], x, i * d);
            int pos = (past + i) * d;
            for (int j = 0; j < d; j++) {
                x[i * d + j] += embedPositions[pos + j];
            }
        }

        for (int l = 0; l < layers.size(); l++) {
            DecoderLayer layer = layers.get(l);
            float[] cacheK = s.selfKeys(l);
            float[] cacheV = s.selfValues(l);

            // x += out_proj(causal attention over the cached positions and these n)
            layer.selfAttnLayerNorm().apply(backend, x, n, b.h);
            AttentionWeights sa = layer.selfAttn();
            sa.qProj().apply(backend, b.h, n, b.q);
            sa.kProj().apply(backend, b.h, n, b.k);
            sa.vProj().apply(backend, b.h, n, b.v);
            System.arraycopy(b.k, 0, cacheK, past * d, n * d);
            System.arraycopy(b.v, 0, cacheV, past * d, n * d);
            backend.attention(b.q, n, cacheK, cacheV, past + n, heads, d / heads, true, past, b.attn);
            sa.outProj().apply(backend, b.attn, n, b.h);
            backend.add(x, b.h, n * d);

            // x += out_proj(attention over the audio states' precomputed keys and values)
            layer.encoderAttnLayerNorm().apply(backend, x, n, b.h);
            AttentionWeights ea = layer.encoderAttn();
            ea.qProj().apply(backend, b.h, n, b.q);
            backend.attention(b.q, n, s.cross().keys()[l], s.cross().values()[l], audioFrames,
                    heads, d / heads, false, 0, b.attn);
            ea.outProj().apply(backend, b.attn, n, b.h);
            backend.add(x, b.h, n * d);

            // x += fc2(GELU(fc1(LN(x))))
            layer.finalLayerNorm().apply(backend, x, n, b.h);
            layer.fc1().apply(backend, b.h, n, b.mlp);
            backend.gelu(b.mlp, n * ffnDim);
            layer.fc2().apply(backend, b.mlp, n, b.h);
            backend.add(x, b.h, n * d);
        }

        layerNorm.apply(backend, x, n, x);
        if (allPositions) {
            float[] logits = new float[n * vocabSize];
            backend.linear(x, n, projOut, null, logits);
            return logits;
        }
        System.arraycopy(x, (n - 1) * d, b.last, 0, d);
        float[] logits = new float[vocabSize];
        backend.linear(b.last, 1, projOut, null, logits);
        return logits;
    }

    /** Keys and values {@code [T, d]} of every decoder layer's cross attention, for one window; shared, never written. */
    record CrossKv(float[][] keys, float[][] values) {}
}
