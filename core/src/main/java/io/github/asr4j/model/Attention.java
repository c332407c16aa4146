package io.github.asr4j.model;

/**
 * The projections of one Hugging Face {@code WhisperAttention} module, used for self- and
 * cross-attention alike: {@code out_proj(Attention(q_proj(h), k_proj(·), v_proj(·)))}; {@code kProj}
 * has no bias, as in Whisper.
 */
record Attention(Linear qProj, Linear kProj, Linear vProj, Linear outProj, int heads) {}
