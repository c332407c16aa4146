package io.github.asr4j.model;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;

/**
 * Where one attention call's keys and values come from and which keys each query sees: the
 * pass's own projected rows (encoder self-attention), a cache the pass appends to (decoder
 * self-attention), or keys and values computed once per window (cross-attention).
 */
interface KeyValues {

    /** Whether {@code k} and {@code v} are projected from this pass's rows (else they are held already). */
    boolean projected();

    /** {@code w.attn = Attention(w.q, K, V)} for layer {@code layer}, after {@code w.k}, {@code w.v} are filled when projected. */
    void attend(Backend b, int layer, Work w, int heads);

    /** The attention weights of layer {@code layer} ({@code [heads, n·nkv]}) for capture, and their 3-D shape in {@code shape}. */
    Buffer weights(Backend b, int layer, Work w, int heads, int[] shape);

    /** Self-attention over the pass's own rows, every query seeing every key (the encoder). */
    static KeyValues ownRows() {
        return new KeyValues() {
            @Override
            public boolean projected() {
                return true;
            }

            @Override
            public void attend(Backend b, int layer, Work w, int heads) {
                b.attention(w.q, w.k, w.v, w.rows, heads, heads, AttentionMask.full(), w.attn);
            }

            @Override
            public Buffer weights(Backend b, int layer, Work w, int heads, int[] shape) {
                return weightsOf(b, w.q, w.k, w.rows, heads, AttentionMask.full(), shape);
            }
        };
    }

    /** The weights {@code [heads, n·nkv]} of {@code q} against the first {@code nkv} keys, and {@code [heads, n, nkv]} in {@code shape}. */
    static Buffer weightsOf(Backend b, Buffer q, Buffer k, int nkv, int heads, AttentionMask mask, int[] shape) {
        Buffer out = b.allocate(heads, q.rows() * nkv, BufferType.F32);
        b.attentionWeights(q, k, nkv, heads, heads, mask, out);
        shape[0] = heads;
        shape[1] = q.rows();
        shape[2] = nkv;
        return out;
    }
}
