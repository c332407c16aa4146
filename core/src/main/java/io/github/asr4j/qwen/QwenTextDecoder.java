package io.github.asr4j.qwen;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.QwenAsrConfig;
import io.github.asr4j.model.WeightBinder;
import java.util.ArrayList;
import java.util.List;

/**
 * The Qwen3 text decoder of Qwen3-ASR ({@code thinker.model} and {@code thinker.lm_head}): tokens
 * (and the audio rows in place of the {@code <|audio_pad|>} embeddings) in, next-token logits out.
 *
 * <pre>
 *   x = embed_tokens[ids], audio rows replacing the audio_pad rows
 *   per layer:
 *     h = RMSNorm(x);  q, k, v = h·Wq, h·Wk, h·Wv
 *     q, k = RoPE(RMSNorm_head(q), RMSNorm_head(k))          per-head norms before the rotation
 *     x += o_proj(CausalAttention(q, K, V))                   grouped-query: head h reads kv head h / (nh / nkv)
 *     x += down(SiLU(gate(RMSNorm(x))) · up(RMSNorm(x)))
 *   logits = RMSNorm(x) · lm_headᵀ                           lm_head = embed_tokens when not stored
 * </pre>
 *
 * Immutable and thread-safe: the per-sequence state (KV caches, scratch) lives in a {@link QwenDecoderSession}.
 */
final class QwenTextDecoder {
    private static final String P = "thinker.model.";

    private final Backend backend;
    private final QwenAsrConfig.TextDecoder c;
    private final int audioTokenId;
    private final float eps;
    private final Backend.Matrix embedTokens;   // [vocab, H]
    private final List<Layer> layers;
    private final Buffer norm;
    private final Backend.Matrix lmHead;        // [vocab, H]

    private record Layer(Buffer inputNorm, Backend.Matrix q, Backend.Matrix k, Backend.Matrix v, Buffer qNorm,
                         Buffer kNorm, Backend.Matrix o, Buffer postNorm, Backend.Matrix gate, Backend.Matrix up,
                         Backend.Matrix down) {}

    QwenTextDecoder(WeightBinder w, QwenAsrConfig.TextDecoder c, int audioTokenId, Backend backend) {
        this.backend = backend;
        this.c = c;
        this.audioTokenId = audioTokenId;
        this.eps = (float) c.rmsNormEps();
        int hidden = c.hiddenSize();
        int qWidth = Math.multiplyExact(c.heads(), c.headDim());
        int kvWidth = Math.multiplyExact(c.kvHeads(), c.headDim());
        embedTokens = w.matrix(P + "embed_tokens.weight", c.vocabSize(), hidden);
        List<Layer> ls = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            String p = P + "layers." + i + ".";
            ls.add(new Layer(w.vector(p + "input_layernorm.weight", hidden),
                    w.matrix(p + "self_attn.q_proj.weight", qWidth, hidden),
                    w.matrix(p + "self_attn.k_proj.weight", kvWidth, hidden),
                    w.matrix(p + "self_attn.v_proj.weight", kvWidth, hidden),
                    w.vector(p + "self_attn.q_norm.weight", c.headDim()),
                    w.vector(p + "self_attn.k_norm.weight", c.headDim()),
                    w.matrix(p + "self_attn.o_proj.weight", hidden, qWidth),
                    w.vector(p + "post_attention_layernorm.weight", hidden),
                    w.matrix(p + "mlp.gate_proj.weight", c.intermediateSize(), hidden),
                    w.matrix(p + "mlp.up_proj.weight", c.intermediateSize(), hidden),
                    w.matrix(p + "mlp.down_proj.weight", hidden, c.intermediateSize())));
        }
        layers = List.copyOf(ls);
        norm = w.vector(P + "norm.weight", hidden);
        // The release stores the tied head; transformers also accepts a file without it.
        lmHead = w.optionalMatrix("thinker.lm_head.weight", c.vocabSize(), hidden).orElse(embedTokens);
    }

    QwenAsrConfig.TextDecoder config() {
        return c;
    }

    Backend backend() {
        return backend;
    }

    int audioTokenId() {
        return audioTokenId;
    }

    /** The key (or value) width of one cached position: {@code kvHeads · headDim}. */
    int kvWidth() {
        return c.kvHeads() * c.headDim();
    }

    /**
     * Feeds {@code ids} at positions {@code s.position() ..} in one pass (appending to the session's
     * caches, which must hold them) and returns the logits of the last one. Rows whose id is
     * {@code <|audio_pad|>} take the next row of {@code audio} instead of their embedding. The logits go
     * into {@code into} ({@code [vocab]}) where given, else into a new array.
     */
    float[] forward(QwenDecoderSession s, int[] ids, EncodedAudio audio, float[] into) {
        Backend b = backend;
        int n = ids.length;
        int past = s.position();
        QwenDecoderSession.Scratch w = s.scratch(n);
        b.gather(embedTokens, ids, w.x);
        if (audio != null && audio.tokens() > 0) {
            placeAudio(w.x, ids, audio);
        }
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = past + i;
        }
        AttentionMask causal = AttentionMask.causal(past);
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            queryKeyValue(layer, w, positions);
            Buffer keys = s.keys(l);
            Buffer values = s.values(l);
            b.copyRows(w.k, 0, keys, past, n);
            b.copyRows(w.v, 0, values, past, n);
            b.attention(w.q, keys, values, past + n, c.heads(), c.kvHeads(), causal, w.attn);
            outputAndMlp(layer, w);
        }
        b.copyRows(w.x, n - 1, w.last, 0, 1);
        b.rmsNorm(w.last, norm, eps, w.last);
        b.linear(w.last, lmHead, null, w.logits);
        float[] logits = into != null ? into : new float[c.vocabSize()];
        b.download(w.logits, 0, 1, logits);
        return logits;
    }

    /**
     * Feeds {@code tokens[i]} to {@code sessions[i]} (each at its own position, caches reserved) in
     * one pass: every projection and the logits read their weights once for the whole batch (a
     * decoder step is memory-bound, so B rows cost little more than one); attention runs per session
     * on its own cache. Returns each session's logits, in {@code into[i]} where {@code into} is given.
     */
    float[][] forwardBatch(QwenDecoderSession[] sessions, int[] tokens, float[][] into) {
        Backend b = backend;
        int n = sessions.length;
        QwenDecoderSession.Scratch w = batchScratch(n);
        QwenDecoderSession.Scratch one = sessions[0].scratch(1);   // per-session attention rows
        int[] positions = new int[n];
        AttentionMask[] causal = new AttentionMask[n];
        for (int i = 0; i < n; i++) {
            positions[i] = sessions[i].position();
            causal[i] = AttentionMask.causal(positions[i]);
        }
        b.gather(embedTokens, tokens, w.x);
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            queryKeyValue(layer, w, positions);
            for (int i = 0; i < n; i++) {
                QwenDecoderSession s = sessions[i];
                int past = positions[i];
                b.copyRows(w.k, i, s.keys(l), past, 1);
                b.copyRows(w.v, i, s.values(l), past, 1);
                b.copyRows(w.q, i, one.q, 0, 1);
                b.attention(one.q, s.keys(l), s.values(l), past + 1, c.heads(), c.kvHeads(), causal[i], one.attn);
                b.copyRows(one.attn, 0, w.attn, i, 1);
            }
            outputAndMlp(layer, w);
        }
        b.rmsNorm(w.x, norm, eps, w.x);
        b.linear(w.x, lmHead, null, w.logits);
        float[][] logits = into != null ? into : new float[n][c.vocabSize()];
        for (int i = 0; i < n; i++) {
            b.download(w.logits, i, 1, logits[i]);
        }
        return logits;
    }

    /**
     * The buffers of a batched one-token pass over {@code n} sessions, kept per thread while the batch
     * size repeats (the files of {@code transcribeAll} step many times at one size): a new set per
     * step would allocate and zero {@code n × vocab} logits and every activation each time.
     */
    private QwenDecoderSession.Scratch batchScratch(int n) {
        QwenDecoderSession.Scratch w = batchScratch.get();
        if (w == null || w.x.rows() != n) {
            w = new QwenDecoderSession.Scratch(backend, c, n, n);
            batchScratch.set(w);
        }
        return w;
    }

    private final ThreadLocal<QwenDecoderSession.Scratch> batchScratch = new ThreadLocal<>();

    /** {@code w.q, w.k, w.v} of the rows {@code w.x}: projected, q and k normalised per head, then rotated. */
    private void queryKeyValue(Layer layer, QwenDecoderSession.Scratch w, int[] positions) {
        Backend b = backend;
        float theta = (float) c.ropeTheta();
        b.rmsNorm(w.x, layer.inputNorm, eps, w.h);
        b.linears(w.h, new Backend.Matrix[] {layer.q, layer.k, layer.v}, null, new Buffer[] {w.q, w.k, w.v});
        b.rmsNorm(w.q, layer.qNorm, eps, w.q);
        b.rmsNorm(w.k, layer.kNorm, eps, w.k);
        b.rope(w.q, c.headDim(), positions, theta);
        b.rope(w.k, c.headDim(), positions, theta);
    }

    /** {@code x += o_proj(attn)}, then {@code x += down(SiLU(gate(RMSNorm(x))) · up(RMSNorm(x)))}. */
    private void outputAndMlp(Layer layer, QwenDecoderSession.Scratch w) {
        Backend b = backend;
        b.linear(w.attn, layer.o, null, w.h);
        b.add(w.x, w.h);
        b.rmsNorm(w.x, layer.postNorm, eps, w.h);
        b.linearSwiglu(w.h, layer.gate, layer.up, w.gate, w.up);
        b.linear(w.gate, layer.down, null, w.h);
        b.add(w.x, w.h);
    }

    /** Overwrites the {@code <|audio_pad|>} rows of {@code x} with the audio rows, in order, a run of pads at a time. */
    private void placeAudio(Buffer x, int[] ids, EncodedAudio audio) {
        Buffer rows = backend.upload(audio.rows(), audio.tokens(), audio.width());
        int next = 0;
        for (int i = 0; i < ids.length; ) {
            if (ids[i] != audioTokenId) {
                i++;
                continue;
            }
            int run = 1;
            while (i + run < ids.length && ids[i + run] == audioTokenId) {
                run++;
            }
            backend.copyRows(rows, next, x, i, run);
            next += run;
            i += run;
        }
    }
}
