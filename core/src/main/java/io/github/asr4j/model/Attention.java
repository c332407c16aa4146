package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;

/**
 * The projections of one Hugging Face {@code WhisperAttention} module, used for self- and
 * cross-attention alike: {@code out_proj(Attention(q_proj(h), k_proj(·), v_proj(·)))}; {@code kProj}
 * has no bias, as in Whisper.
 */
record Attention(Linear qProj, Linear kProj, Linear vProj, Linear outProj, int heads) {

    /** {@code q, k, v = q_proj(h), k_proj(h), v_proj(h)} in one backend call (a decoder step: one parallel pass). */
    void queryKeyValue(Backend backend, Buffer h, Buffer q, Buffer k, Buffer v) {
        backend.linears(h, new Backend.Matrix[] {qProj.weight(), kProj.weight(), vProj.weight()},
                new Buffer[] {qProj.bias(), kProj.bias(), vProj.bias()}, new Buffer[] {q, k, v});
    }
}
