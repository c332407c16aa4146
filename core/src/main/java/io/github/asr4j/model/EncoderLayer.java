package io.github.asr4j.model;

/** Weights of one {@code WhisperEncoderLayer}: pre-norm self attention, then a pre-norm GELU MLP. */
record EncoderLayer(AttentionWeights selfAttn, LayerNorm selfAttnLayerNorm,
                    Linear fc1, Linear fc2, LayerNorm finalLayerNorm) {}
