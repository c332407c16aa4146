package io.github.asr4j.model;

/**
 * The projections of one Hugging Face {@code WhisperAttention} module (self or cross attention).
 * {@code kProj} has no bias, as in Whisper.
 */
record AttentionWeights(Linear qProj, Linear kProj, Linear vProj, Linear outProj) {}
