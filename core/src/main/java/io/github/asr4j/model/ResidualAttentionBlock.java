package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.profile.CaptureSite;
import io.github.asr4j.profile.CaptureSite.Kind;
import io.github.asr4j.profile.Span;

/**
 * One Transformer layer of either stack (openai-whisper's {@code ResidualAttentionBlock}):
 * <pre>
 *   x += SelfAttn(LN(x))
 *   x += CrossAttn(LN(x), audio)        decoder only
 *   x += fc2(GELU(fc1(LN(x))))
 * </pre>
 * Immutable; a pass brings its scratch {@link Work} and the {@link KeyValues} of each attention.
 */
final class ResidualAttentionBlock {
    private final Attention selfAttn;
    private final LayerNorm selfAttnLayerNorm;
    private final Attention crossAttn;            // null in the encoder
    private final LayerNorm crossAttnLayerNorm;
    private final Linear fc1;
    private final Linear fc2;
    private final LayerNorm finalLayerNorm;
    private final int layer;
    private final CaptureSite[] sites;

    ResidualAttentionBlock(String stack, int layer, Attention selfAttn, LayerNorm selfAttnLayerNorm,
                           Attention crossAttn, LayerNorm crossAttnLayerNorm, Linear fc1, Linear fc2,
                           LayerNorm finalLayerNorm) {
        this.selfAttn = selfAttn;
        this.selfAttnLayerNorm = selfAttnLayerNorm;
        this.crossAttn = crossAttn;
        this.crossAttnLayerNorm = crossAttnLayerNorm;
        this.fc1 = fc1;
        this.fc2 = fc2;
        this.finalLayerNorm = finalLayerNorm;
        this.layer = layer;
        this.sites = CaptureSite.ofLayer(stack, layer);
    }

    /** Binds {@code <stack>.layers.<layer>.*} of a Hugging Face Whisper checkpoint. */
    static ResidualAttentionBlock bind(WeightBinder w, String stack, int layer, int d, int heads, int ffn, boolean cross) {
        String p = "model." + stack + ".layers." + layer + ".";
        return new ResidualAttentionBlock(stack, layer,
                w.attention(p + "self_attn", d, heads), w.layerNorm(p + "self_attn_layer_norm", d),
                cross ? w.attention(p + "encoder_attn", d, heads) : null,
                cross ? w.layerNorm(p + "encoder_attn_layer_norm", d) : null,
                w.linear(p + "fc1", ffn, d, true), w.linear(p + "fc2", d, ffn, true),
                w.layerNorm(p + "final_layer_norm", d));
    }

    /** The scope name of this layer, e.g. {@code decoder.layers.3}. */
    String name() {
        return sites[Kind.LAYER.ordinal()].name();
    }

    Attention crossAttention() {
        return crossAttn;
    }

    /** Runs the layer on the residual stream {@code x} in place. */
    void forward(Pass p, Buffer x, Work w, KeyValues self, KeyValues cross) {
        attend(p, "self_attn", selfAttn, selfAttnLayerNorm, x, w, self, Kind.SELF_ATTN, Kind.SELF_ATTN_WEIGHTS);
        if (crossAttn != null) {
            attend(p, "encoder_attn", crossAttn, crossAttnLayerNorm, x, w, cross, Kind.CROSS_ATTN, Kind.CROSS_ATTN_WEIGHTS);
        }
        Backend b = p.backend();
        try (Span s = p.block("mlp")) {
            finalLayerNorm.apply(b, x, w.h);
            fc1.apply(b, w.h, w.mlp);
            p.capture(sites[Kind.FC1.ordinal()], w.mlp);
            b.gelu(w.mlp);
            fc2.apply(b, w.mlp, w.h);
            p.capture(sites[Kind.FC2.ordinal()], w.h);
            b.add(x, w.h);
        }
        p.capture(sites[Kind.LAYER.ordinal()], x);
    }

    /** {@code x += out_proj(Attention(q_proj(LN(x)), K, V))}. */
    private void attend(Pass p, String block, Attention a, LayerNorm norm, Buffer x, Work w, KeyValues kv,
                        Kind output, Kind weights) {
        Backend b = p.backend();
        try (Span s = p.block(block)) {
            norm.apply(b, x, w.h);
            if (kv.projected()) {
                a.queryKeyValue(b, w.h, w.q, w.k, w.v);
            } else {
                a.qProj().apply(b, w.h, w.q);
            }
            kv.attend(b, layer, w, a.heads());
            CaptureSite weightSite = sites[weights.ordinal()];
            if (p.wants(weightSite)) {
                int[] shape = new int[3];
                p.hand(weightSite, kv.weights(b, layer, w, a.heads(), shape), shape);
            }
            a.outProj().apply(b, w.attn, w.h);
            p.capture(sites[output.ordinal()], w.h);
            b.add(x, w.h);
        }
    }
}
