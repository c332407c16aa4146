package io.github.asr4j.model;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
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
    private final Buffer embedPositions;        // [maxPositions, d]
    private final List<DecoderLayer> layers;
    private final LayerNorm layerNorm;
    private final Backend.Matrix projOut;       // [vocab, d]; embed_tokens itself unless stored apart
    private final int embedBytes;               // bytes per stored element of embed_tokens
    private final int projOutBytes;             // ... of proj_out
    private final LayerNames[] names;
    private final LayerTaps[] noTaps;

    private Decoder(Backend backend, ModelConfig c, Backend.Matrix embedTokens, Buffer embedPositions,
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
                w.table(p + "embed_positions.weight", c.maxTargetPositions(), d),
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

    Backend backend() {
        return backend;
    }

    /**
     * The cross-attention keys and values of every layer for one window of audio states {@code [T, d]},
     * kept as {@code cacheType} (F16 halves what each step reads).
     */
    CrossKv crossKv(float[] audio, BufferType cacheType, Profiler profiler) {
        if (audio.length != audioFrames * dModel) {
            throw new IllegalArgumentException("the decoder attends to " + audioFrames + " x " + dModel
                    + " = " + audioFrames * dModel + " audio states, got " + audio.length + " values");
        }
        if (profiler.enabled()) {
            profiler.backend(backend.name(), backend.threads());
        }
        Span pass = profiler.begin("decoder.cross_kv", SpanLevel.PASS);
        Buffer states = backend.upload(audio, audioFrames, dModel);
        Buffer[] keys = new Buffer[layers.size()];
        Buffer[] values = new Buffer[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            Span layerSpan = profiler.begin(names[l].layer(), SpanLevel.LAYER);
            AttentionWeights ea = layers.get(l).encoderAttn();
            Span op = profiler.op("encoder_attn.kv", OpType.QKV);
            keys[l] = project(ea.kProj(), states, cacheType);
            values[l] = project(ea.vProj(), states, cacheType);
            op.end(ea.kProj().flops(audioFrames) + ea.vProj().flops(audioFrames),
                    ea.kProj().bytes(audioFrames) + ea.vProj().bytes(audioFrames));
            layerSpan.end();
        }
        pass.end();
        return new CrossKv(keys, values);
    }

    private Buffer project(Linear proj, Buffer x, BufferType type) {
        Buffer y = backend.allocate(x.rows(), proj.weight().rows(), BufferType.F32);
        proj.apply(backend, x, y);
        if (type == BufferType.F32) {
            return y;
        }
        Buffer converted = backend.allocate(y.rows(), y.cols(), type);
        backend.copyRows(y, 0, converted, 0, y.rows());
        return converted;
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
        int logitRows = allPositions ? n : count;
        DecoderSession.Buffers b = count == 1 && !allPositions ? s.buffers(n, ffnDim, vocabSize)
                : new DecoderSession.Buffers(backend, n, d, ffnDim, logitRows, vocabSize);
        Buffer x = b.x;
        Span pass = profiler.begin("decoder.step", SpanLevel.PASS);

        Span embedSpan = profiler.begin("decoder.embed", SpanLevel.LAYER);
        Span op = profiler.op("embed_tokens+positions", OpType.EMBEDDING);
        int[] ids = new int[n];
        int[] positions = new int[n];
        for (int i = 0; i < count; i++) {
            for (int t = 0; t < tokens[i].length; t++) {
                ids[first[i] + t] = tokens[i][t];
                positions[first[i] + t] = ss[i].position() + t;
            }
        }
        backend.gather(embedTokens, ids, x);
        backend.gather(embedPositions, positions, b.h);
        backend.add(x, b.h);
        op.end(OpCosts.addFlops((long) n * d), (long) n * d * (embedBytes + 8));
        embedSpan.end();
        if (listening && listener.wants("decoder.embed")) {
            LayerTaps.emit(listener, "decoder.embed", backend, x);
        }

        for (int l = 0; l < layers.size(); l++) {
            DecoderLayer layer = layers.get(l);
            LayerTaps tap = taps[l];
            LayerNames name = names[l];
            Span layerSpan = profiler.begin(name.layer(), SpanLevel.LAYER);

            // x += out_proj(causal attention over the cached positions and these n)
            op = profiler.op("self_attn_layer_norm", OpType.LAYER_NORM);
            layer.selfAttnLayerNorm().apply(backend, x, b.h);
            op.end(OpCosts.layerNormFlops(n, d), OpCosts.layerNormBytes(n, d));
            AttentionWeights sa = layer.selfAttn();
            op = profiler.op("self_attn.qkv", OpType.QKV);
            sa.qProj().apply(backend, b.h, b.q);
            sa.kProj().apply(backend, b.h, b.k);
            sa.vProj().apply(backend, b.h, b.v);
            for (int i = 0; i < count; i++) {
                int rows = tokens[i].length;
                backend.copyRows(b.k, first[i], ss[i].selfKeys(l), ss[i].position(), rows);
                backend.copyRows(b.v, first[i], ss[i].selfValues(l), ss[i].position(), rows);
            }
            op.end(sa.qProj().flops(n) + sa.kProj().flops(n) + sa.vProj().flops(n),
                    sa.qProj().bytes(n) + sa.kProj().bytes(n) + sa.vProj().bytes(n));
            op = profiler.op("self_attn.attention", OpType.ATTENTION);
            for (int i = 0; i < count; i++) {
                DecoderSession si = ss[i];
                attendRows(b, first[i], tokens[i].length, si.selfKeys(l), si.selfValues(l),
                        si.position() + tokens[i].length, AttentionMask.causal(si.position()), count == 1);
            }
            op.end(OpCosts.attentionFlops(n, past + n, heads, hd, true, past), OpCosts.attentionBytes(n, past + n, d));
            if (tap.selfAttnWeights()) {
                op = profiler.op("self_attn.weights", OpType.ATTENTION_WEIGHTS);
                Buffer w = backend.allocate(heads, n * (past + n), BufferType.F32);
                backend.attentionWeights(b.q, s.selfKeys(l), past + n, heads, heads, AttentionMask.causal(past), w);
                op.end();
                LayerTaps.emit(listener, name.selfAttnWeights(), backend, w, heads, n, past + n);
            }
            op = profiler.op("self_attn.out_proj", OpType.OUT_PROJ);
            sa.outProj().apply(backend, b.attn, b.h);
            op.end(sa.outProj().flops(n), sa.outProj().bytes(n));
            if (tap.selfAttn()) {
                LayerTaps.emit(listener, name.selfAttn(), backend, b.h);
            }
            op = profiler.op("residual", OpType.RESIDUAL);
            backend.add(x, b.h);
            op.end(OpCosts.addFlops((long) n * d), OpCosts.addBytes((long) n * d));

            // x += out_proj(attention over the audio states' precomputed keys and values)
            op = profiler.op("encoder_attn_layer_norm", OpType.LAYER_NORM);
            layer.encoderAttnLayerNorm().apply(backend, x, b.h);
            op.end(OpCosts.layerNormFlops(n, d), OpCosts.layerNormBytes(n, d));
            AttentionWeights ea = layer.encoderAttn();
            op = profiler.op("encoder_attn.q", OpType.QKV);
            ea.qProj().apply(backend, b.h, b.q);
            op.end(ea.qProj().flops(n), ea.qProj().bytes(n));
            op = profiler.op("encoder_attn.attention", OpType.ATTENTION);
            for (int i = 0; i < count; i++) {
                attendRows(b, first[i], tokens[i].length, ss[i].cross().keys()[l], ss[i].cross().values()[l],
                        audioFrames, AttentionMask.full(), count == 1);
            }
            op.end(OpCosts.attentionFlops(n, audioFrames, heads, hd, false, 0),
                    OpCosts.attentionBytes(n, audioFrames, d));
            if (tap.encoderAttnWeights()) {
                op = profiler.op("encoder_attn.weights", OpType.ATTENTION_WEIGHTS);
                Buffer w = backend.allocate(heads, n * audioFrames, BufferType.F32);
                backend.attentionWeights(b.q, s.cross().keys()[l], audioFrames, heads, heads, AttentionMask.full(), w);
                op.end();
                LayerTaps.emit(listener, name.encoderAttnWeights(), backend, w, heads, n, audioFrames);
            }
            op = profiler.op("encoder_attn.out_proj", OpType.OUT_PROJ);
            ea.outProj().apply(backend, b.attn, b.h);
            op.end(ea.outProj().flops(n), ea.outProj().bytes(n));
            if (tap.encoderAttn()) {
                LayerTaps.emit(listener, name.encoderAttn(), backend, b.h);
            }
            op = profiler.op("residual", OpType.RESIDUAL);
            backend.add(x, b.h);
            op.end(OpCosts.addFlops((long) n * d), OpCosts.addBytes((long) n * d));

            // x += fc2(GELU(fc1(LN(x))))
            op = profiler.op("final_layer_norm", OpType.LAYER_NORM);
            layer.finalLayerNorm().apply(backend, x, b.h);
            op.end(OpCosts.layerNormFlops(n, d), OpCosts.layerNormBytes(n, d));
            op = profiler.op("fc1", OpType.MLP_UP);
            layer.fc1().apply(backend, b.h, b.mlp);
            op.end(layer.fc1().flops(n), layer.fc1().bytes(n));
            if (tap.fc1()) {
                LayerTaps.emit(listener, name.fc1(), backend, b.mlp);
            }
            op = profiler.op("gelu", OpType.GELU);
            backend.gelu(b.mlp);
            op.end(OpCosts.geluFlops((long) n * ffnDim), OpCosts.geluBytes((long) n * ffnDim));
            op = profiler.op("fc2", OpType.MLP_DOWN);
            layer.fc2().apply(backend, b.mlp, b.h);
            op.end(layer.fc2().flops(n), layer.fc2().bytes(n));
            if (tap.fc2()) {
                LayerTaps.emit(listener, name.fc2(), backend, b.h);
            }
            op = profiler.op("residual", OpType.RESIDUAL);
            backend.add(x, b.h);
            op.end(OpCosts.addFlops((long) n * d), OpCosts.addBytes((long) n * d));
            if (tap.layer()) {
                LayerTaps.emit(listener, name.layer(), backend, x);
            }
            layerSpan.end();
        }

        Span headSpan = profiler.begin("decoder.logits", SpanLevel.LAYER);
        op = profiler.op("layer_norm", OpType.LAYER_NORM);
        layerNorm.apply(backend, x, x);
        op.end(OpCosts.layerNormFlops(n, d), OpCosts.layerNormBytes(n, d));
        if (listening && listener.wants("decoder.layer_norm")) {
            LayerTaps.emit(listener, "decoder.layer_norm", backend, x);
        }
        op = profiler.op("logits", OpType.LOGITS);
        if (allPositions) {
            backend.linear(x, projOut, null, b.logits);
        } else {
            for (int i = 0; i < count; i++) {
                backend.copyRows(x, first[i + 1] - 1, b.last, i, 1);
            }
            backend.linear(b.last, projOut, null, b.logits);
        }
        op.end(OpCosts.matmulFlops(logitRows, d, vocabSize),
                (long) vocabSize * d * projOutBytes + 4L * logitRows * d + 4L * logitRows * vocabSize);
        headSpan.end();
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            int from = allPositions ? first[i] : i;
            int rows = allPositions ? tokens[i].length : 1;
            out[i] = new float[rows * vocabSize];
            backend.download(b.logits, from, rows, out[i]);
        }
        if (listening && listener.wants("decoder.logits")) {
            listener.accept("decoder.logits", out[0].clone(), new int[] {logitRows, vocabSize});
        }
        pass.end();
        return out;
    }

    /**
     * Attention of rows {@code first .. first + rows - 1} of {@code b.q} into the same rows of
     * {@code b.attn}. A lone session's rows are all of them, passed as they are; in a batch they
     * are copied out and back, since attention takes whole buffers.
     */
    private void attendRows(DecoderSession.Buffers b, int first, int rows, Buffer keys, Buffer values, int nkv,
                            AttentionMask mask, boolean whole) {
        if (whole) {
            backend.attention(b.q, keys, values, nkv, heads, heads, mask, b.attn);
            return;
        }
        Buffer q = backend.allocate(rows, dModel, BufferType.F32);
        Buffer out = backend.allocate(rows, dModel, BufferType.F32);
        backend.copyRows(b.q, first, q, 0, rows);
        backend.attention(q, keys, values, nkv, heads, heads, mask, out);
        backend.copyRows(out, 0, b.attn, first, rows);
    }

    /** Keys and values {@code [T, d]} of every decoder layer's cross attention, for one window; shared, never written. */
    record CrossKv(Buffer[] keys, Buffer[] values) {}
}
