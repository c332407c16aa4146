package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.loader.ModelConfig;
import io.github.asr4j.profile.ActivationListener;
import io.github.asr4j.profile.OpType;
import io.github.asr4j.profile.Profiler;
import io.github.asr4j.profile.Span;
import io.github.asr4j.profile.SpanLevel;
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
    private final int embedBytes;               // bytes per stored element of embed_tokens
    private final int projOutBytes;             // ... of proj_out
    private final LayerNames[] names;
    private final LayerTaps[] noTaps;

    private Decoder(Backend backend, ModelConfig c, Backend.Matrix embedTokens, float[] embedPositions,
                    List<DecoderLayer> layers, LayerNorm layerNorm, Backend.Matrix projOut,
                    int embedBytes, int projOutBytes) {
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
        this.embedBytes = embedBytes;
        this.projOutBytes = projOutBytes;
        this.names = LayerNames.of("decoder", layers.size());
        this.noTaps = LayerTaps.of(ActivationListener.NONE, names, true);
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
        var storedProjOut = w.optionalMatrix("proj_out.weight", c.vocabSize(), d);
        int embedBytes = w.storedBytes(p + "embed_tokens.weight");
        return new Decoder(backend, c, embedTokens,
                w.floats(p + "embed_positions.weight", c.maxTargetPositions(), d),
                layers, w.layerNorm(p + "layer_norm", d), storedProjOut.orElse(embedTokens),
                embedBytes, storedProjOut.isPresent() ? w.storedBytes("proj_out.weight") : embedBytes);
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

    int heads() {
        return heads;
    }

    int audioFrames() {
        return audioFrames;
    }

    int maxPositions() {
        return maxPositions;
    }

    /** The cross-attention keys and values of every layer for one window of audio states {@code [T, d]}. */
    CrossKv crossKv(float[] audio, Profiler profiler) {
        if (audio.length != audioFrames * dModel) {
            throw new IllegalArgumentException("the decoder attends to " + audioFrames + " x " + dModel
                    + " = " + audioFrames * dModel + " audio states, got " + audio.length + " values");
        }
        if (profiler.enabled()) {
            profiler.backend(backend.name(), backend.threads());
        }
        Span pass = profiler.begin("decoder.cross_kv", SpanLevel.PASS);
        float[][] keys = new float[layers.size()][];
        float[][] values = new float[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            Span layerSpan = profiler.begin(names[l].layer(), SpanLevel.LAYER);
            AttentionWeights ea = layers.get(l).encoderAttn();
            Span op = profiler.op("encoder_attn.kv", OpType.QKV);
            keys[l] = new float[audioFrames * dModel];
            values[l] = new float[audioFrames * dModel];
            ea.kProj().apply(backend, audio, audioFrames, keys[l]);
            ea.vProj().apply(backend, audio, audioFrames, values[l]);
            op.end(ea.kProj().flops(audioFrames) + ea.vProj().flops(audioFrames),
                    ea.kProj().bytes(audioFrames) + ea.vProj().bytes(audioFrames));
            layerSpan.end();
        }
        pass.end();
        return new CrossKv(keys, values);
    }

    /**
     * Feeds {@code tokens} at positions {@code s.position() ..} in one pass, appending their keys and
     * values to the session's cache, and returns the logits of the last position {@code [vocab]}, or
     * of every fed position {@code [n·vocab]} when {@code allPositions}. Does not advance the session.
     * Reports to the session's profiler and hands the {@code decoder.*} values to {@code listener}.
     */
    float[] step(DecoderSession s, int[] tokens, boolean allPositions, ActivationListener listener) {
        int n = tokens.length;
        int d = dModel;
        int hd = d / heads;
        int past = s.position();
        Profiler profiler = s.profiler();
        boolean listening = listener != ActivationListener.NONE;
        LayerTaps[] taps = listening ? LayerTaps.of(listener, names, true) : noTaps;
        DecoderSession.Buffers b = s.buffers(n, ffnDim);
        float[] x = b.x;
        Span pass = profiler.begin("decoder.step", SpanLevel.PASS);

        Span embedSpan = profiler.begin("decoder.embed", SpanLevel.LAYER);
        Span op = profiler.op("embed_tokens+positions", OpType.EMBEDDING);
        for (int i = 0; i < n; i++) {
            embedTokens.row(tokens[i], x, i * d);
            int pos = (past + i) * d;
            for (int j = 0; j < d; j++) {
                x[i * d + j] += embedPositions[pos + j];
            }
        }
        op.end(OpCosts.addFlops((long) n * d), (long) n * d * (embedBytes + 8));
        embedSpan.end();
        if (listening && listener.wants("decoder.embed")) {
            LayerTaps.emit(listener, "decoder.embed", x, 0, n, d);
        }

        for (int l = 0; l < layers.size(); l++) {
            DecoderLayer layer = layers.get(l);
            LayerTaps tap = taps[l];
            LayerNames name = names[l];
            float[] cacheK = s.selfKeys(l);
            float[] cacheV = s.selfValues(l);
            Span layerSpan = profiler.begin(name.layer(), SpanLevel.LAYER);

            // x += out_proj(causal attention over the cached positions and these n)
            op = profiler.op("self_attn_layer_norm", OpType.LAYER_NORM);
            layer.selfAttnLayerNorm().apply(backend, x, n, b.h);
            op.end(OpCosts.layerNormFlops(n, d), OpCosts.layerNormBytes(n, d));
            AttentionWeights sa = layer.selfAttn();
            op = profiler.op("self_attn.qkv", OpType.QKV);
            sa.qProj().apply(backend, b.h, n, b.q);
            sa.kProj().apply(backend, b.h, n, b.k);
            sa.vProj().apply(backend, b.h, n, b.v);
            System.arraycopy(b.k, 0, cacheK, past * d, n * d);
            System.arraycopy(b.v, 0, cacheV, past * d, n * d);
            op.end(sa.qProj().flops(n) + sa.kProj().flops(n) + sa.vProj().flops(n),
                    sa.qProj().bytes(n) + sa.kProj().bytes(n) + sa.vProj().bytes(n));
            op = profiler.op("self_attn.attention", OpType.ATTENTION);
            backend.attention(b.q, n, cacheK, cacheV, past + n, heads, hd, true, past, b.attn);
            op.end(OpCosts.attentionFlops(n, past + n, heads, hd, true, past), OpCosts.attentionBytes(n, past + n, d));
            if (tap.selfAttnWeights()) {
                op = profiler.op("self_attn.weights", OpType.ATTENTION_WEIGHTS);
                float[] w = AttentionProbe.weights(backend, b.q, n, cacheK, past + n, heads, hd, true, past);
                op.end();
                listener.accept(name.selfAttnWeights(), w, new int[] {heads, n, past + n});
            }
            op = profiler.op("self_attn.out_proj", OpType.OUT_PROJ);
            sa.outProj().apply(backend, b.attn, n, b.h);
            op.end(sa.outProj().flops(n), sa.outProj().bytes(n));
            if (tap.selfAttn()) {
                LayerTaps.emit(listener, name.selfAttn(), b.h, 0, n, d);
            }
            op = profiler.op("residual", OpType.RESIDUAL);
            backend.add(x, b.h, n * d);
            op.end(OpCosts.addFlops((long) n * d), OpCosts.addBytes((long) n * d));

            // x += out_proj(attention over the audio states' precomputed keys and values)
            op = profiler.op("encoder_attn_layer_norm", OpType.LAYER_NORM);
            layer.encoderAttnLayerNorm().apply(backend, x, n, b.h);
            op.end(OpCosts.layerNormFlops(n, d), OpCosts.layerNormBytes(n, d));
            AttentionWeights ea = layer.encoderAttn();
            op = profiler.op("encoder_attn.q", OpType.QKV);
            ea.qProj().apply(backend, b.h, n, b.q);
            op.end(ea.qProj().flops(n), ea.qProj().bytes(n));
            op = profiler.op("encoder_attn.attention", OpType.ATTENTION);
            backend.attention(b.q, n, s.cross().keys()[l], s.cross().values()[l], audioFrames,
                    heads, hd, false, 0, b.attn);
            op.end(OpCosts.attentionFlops(n, audioFrames, heads, hd, false, 0),
                    OpCosts.attentionBytes(n, audioFrames, d));
            if (tap.encoderAttnWeights()) {
                op = profiler.op("encoder_attn.weights", OpType.ATTENTION_WEIGHTS);
                float[] w = AttentionProbe.weights(backend, b.q, n, s.cross().keys()[l], audioFrames,
                        heads, hd, false, 0);
                op.end();
                listener.accept(name.encoderAttnWeights(), w, new int[] {heads, n, audioFrames});
            }
            op = profiler.op("encoder_attn.out_proj", OpType.OUT_PROJ);
            ea.outProj().apply(backend, b.attn, n, b.h);
            op.end(ea.outProj().flops(n), ea.outProj().bytes(n));
            if (tap.encoderAttn()) {
                LayerTaps.emit(listener, name.encoderAttn(), b.h, 0, n, d);
            }
            op = profiler.op("residual", OpType.RESIDUAL);
            backend.add(x, b.h, n * d);
            op.end(OpCosts.addFlops((long) n * d), OpCosts.addBytes((long) n * d));

            // x += fc2(GELU(fc1(LN(x))))
            op = profiler.op("final_layer_norm", OpType.LAYER_NORM);
            layer.finalLayerNorm().apply(backend, x, n, b.h);
            op.end(OpCosts.layerNormFlops(n, d), OpCosts.layerNormBytes(n, d));
            op = profiler.op("fc1", OpType.MLP_UP);
            layer.fc1().apply(backend, b.h, n, b.mlp);
            op.end(layer.fc1().flops(n), layer.fc1().bytes(n));
            if (tap.fc1()) {
                LayerTaps.emit(listener, name.fc1(), b.mlp, 0, n, ffnDim);
            }
            op = profiler.op("gelu", OpType.GELU);
            backend.gelu(b.mlp, n * ffnDim);
            op.end(OpCosts.geluFlops((long) n * ffnDim), OpCosts.geluBytes((long) n * ffnDim));
            op = profiler.op("fc2", OpType.MLP_DOWN);
            layer.fc2().apply(backend, b.mlp, n, b.h);
            op.end(layer.fc2().flops(n), layer.fc2().bytes(n));
            if (tap.fc2()) {
                LayerTaps.emit(listener, name.fc2(), b.h, 0, n, d);
            }
            op = profiler.op("residual", OpType.RESIDUAL);
            backend.add(x, b.h, n * d);
            op.end(OpCosts.addFlops((long) n * d), OpCosts.addBytes((long) n * d));
            if (tap.layer()) {
                LayerTaps.emit(listener, name.layer(), x, 0, n, d);
            }
            layerSpan.end();
        }

        Span headSpan = profiler.begin("decoder.logits", SpanLevel.LAYER);
        op = profiler.op("layer_norm", OpType.LAYER_NORM);
        layerNorm.apply(backend, x, n, x);
        op.end(OpCosts.layerNormFlops(n, d), OpCosts.layerNormBytes(n, d));
        if (listening && listener.wants("decoder.layer_norm")) {
            LayerTaps.emit(listener, "decoder.layer_norm", x, 0, n, d);
        }
        int rows = allPositions ? n : 1;
        float[] logits = new float[rows * vocabSize];
        op = profiler.op("logits", OpType.LOGITS);
        if (allPositions) {
            backend.linear(x, n, projOut, null, logits);
        } else {
            System.arraycopy(x, (n - 1) * d, b.last, 0, d);
            backend.linear(b.last, 1, projOut, null, logits);
        }
        op.end(OpCosts.matmulFlops(rows, d, vocabSize),
                (long) vocabSize * d * projOutBytes + 4L * rows * d + 4L * rows * vocabSize);
        headSpan.end();
        if (listening && listener.wants("decoder.logits")) {
            listener.accept("decoder.logits", logits.clone(), new int[] {rows, vocabSize});
        }
        pass.end();
        return logits;
    }

    /** Keys and values {@code [T, d]} of every decoder layer's cross attention, for one window; shared, never written. */
    record CrossKv(float[][] keys, float[][] values) {}
}
