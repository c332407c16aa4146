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
        return forward(new DecoderSession[] {s}, new int[][] {tokens}, allPositions, listener)[0];
    }

    /**
     * Feeds one token to each of several sessions in one pass: every projection reads its weights
     * once for all of them (the decoder is memory-bound, so a batch costs little more than one
     * step); attention runs per session on its own caches. Returns each session's logits.
     */
    float[][] stepBatch(DecoderSession[] sessions, int[] tokens) {
        int[][] perSession = new int[sessions.length][];
        for (int i = 0; i < sessions.length; i++) {
            perSession[i] = new int[] {tokens[i]};
        }
        return forward(sessions, perSession, false, ActivationListener.NONE);
    }

    /**
     * The decoder pass over the tokens of one or more sessions, their rows stacked: row block
     * {@code i} holds session {@code i}'s tokens at its positions {@code position() ..}.
     * Returns per session the logits of its last token, or of all its tokens when {@code allPositions}.
     * Activation capture is for a single session only.
     */
    private float[][] forward(DecoderSession[] ss, int[][] tokens, boolean allPositions, ActivationListener listener) {
        int count = ss.length;
        int[] first = new int[count + 1];   // row block of session i: first[i] .. first[i + 1] - 1
        for (int i = 0; i < count; i++) {
            first[i + 1] = first[i] + tokens[i].length;
        }
        int n = first[count];
        int d = dModel;
        int hd = d / heads;
        DecoderSession s = ss[0];
        int past = s.position();
        Profiler profiler = s.profiler();
        boolean listening = listener != ActivationListener.NONE && count == 1;
        LayerTaps[] taps = listening ? LayerTaps.of(listener, names, true) : noTaps;
        DecoderSession.Buffers b = count == 1 ? s.buffers(n, ffnDim) : new DecoderSession.Buffers(n, d, ffnDim);
        float[] x = b.x;
        Span pass = profiler.begin("decoder.step", SpanLevel.PASS);

        Span embedSpan = profiler.begin("decoder.embed", SpanLevel.LAYER);
        Span op = profiler.op("embed_tokens+positions", OpType.EMBEDDING);
        for (int i = 0; i < count; i++) {
            for (int t = 0; t < tokens[i].length; t++) {
                int row = first[i] + t;
                embedTokens.row(tokens[i][t], x, row * d);
                int pos = (ss[i].position() + t) * d;
                for (int j = 0; j < d; j++) {
                    x[row * d + j] += embedPositions[pos + j];
                }
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
            for (int i = 0; i < count; i++) {
                int rows = tokens[i].length;
                System.arraycopy(b.k, first[i] * d, ss[i].selfKeys(l), ss[i].position() * d, rows * d);
                System.arraycopy(b.v, first[i] * d, ss[i].selfValues(l), ss[i].position() * d, rows * d);
            }
            op.end(sa.qProj().flops(n) + sa.kProj().flops(n) + sa.vProj().flops(n),
                    sa.qProj().bytes(n) + sa.kProj().bytes(n) + sa.vProj().bytes(n));
            op = profiler.op("self_attn.attention", OpType.ATTENTION);
            for (int i = 0; i < count; i++) {
                DecoderSession si = ss[i];
                int filled = si.position() + tokens[i].length;
                attendRows(b, first[i], tokens[i].length, si.selfKeys(l), si.selfValues(l), filled, true,
                        si.position(), count == 1);
            }
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
            for (int i = 0; i < count; i++) {
                attendRows(b, first[i], tokens[i].length, ss[i].cross().keys()[l], ss[i].cross().values()[l],
                        audioFrames, false, 0, count == 1);
            }
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
        int rows = allPositions ? n : count;
        float[] logits = new float[rows * vocabSize];
        op = profiler.op("logits", OpType.LOGITS);
        if (allPositions) {
            backend.linear(x, n, projOut, null, logits);
        } else if (count == 1) {
            System.arraycopy(x, (n - 1) * d, b.last, 0, d);
            backend.linear(b.last, 1, projOut, null, logits);
        } else {
            float[] last = new float[count * d];
            for (int i = 0; i < count; i++) {
                System.arraycopy(x, (first[i + 1] - 1) * d, last, i * d, d);
            }
            backend.linear(last, count, projOut, null, logits);
        }
        op.end(OpCosts.matmulFlops(rows, d, vocabSize),
                (long) vocabSize * d * projOutBytes + 4L * rows * d + 4L * rows * vocabSize);
        headSpan.end();
        if (listening && listener.wants("decoder.logits")) {
            listener.accept("decoder.logits", logits.clone(), new int[] {rows, vocabSize});
        }
        pass.end();
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            int from = allPositions ? first[i] : i;
            int to = allPositions ? first[i + 1] : i + 1;
            out[i] = count == 1 ? logits : java.util.Arrays.copyOfRange(logits, from * vocabSize, to * vocabSize);
        }
        return out;
    }

    /**
     * Attention of rows {@code first .. first + rows - 1} of {@code b.q} into the same rows of
     * {@code b.attn}. A lone session's rows are all of them, passed as they are; in a batch they
     * are copied out and back, since the backend's attention reads its queries from row 0.
     */
    private void attendRows(DecoderSession.Buffers b, int first, int rows, float[] keys, float[] values, int nkv,
                            boolean causal, int past, boolean whole) {
        int d = dModel;
        if (whole) {
            backend.attention(b.q, rows, keys, values, nkv, heads, d / heads, causal, past, b.attn);
            return;
        }
        float[] q = java.util.Arrays.copyOfRange(b.q, first * d, (first + rows) * d);
        float[] out = new float[rows * d];
        backend.attention(q, rows, keys, values, nkv, heads, d / heads, causal, past, out);
        System.arraycopy(out, 0, b.attn, first * d, rows * d);
    }

    /** Keys and values {@code [T, d]} of every decoder layer's cross attention, for one window; shared, never written. */
    record CrossKv(float[][] keys, float[][] values) {}
}
