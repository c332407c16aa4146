package io.github.asr4j.profile;

/** Nesting levels of a profile tree: window → pass (encoder, decoder step) → layer → op. */
public enum SpanLevel {
    /** One 30-second audio window: its encoder pass and its decoder steps. */
    WINDOW,
    /** One encoder pass, one decoder step, or the cross-attention key/value projection of a window. */
    PASS,
    /** One Transformer layer (or the convolution stem, the embedding, the final norm and logits). */
    LAYER,
    /** One backend operation (or a few fused ones, such as the Q, K and V projections). */
    OP
}
