package io.github.asr4j.model;

/**
 * Weights of one {@code WhisperDecoderLayer}: pre-norm causal self attention, pre-norm cross
 * attention over the encoder output, then a pre-norm GELU MLP.
 */
record DecoderLayer(AttentionWeights selfAttn, LayerNorm selfAttnLayerNorm,
                    AttentionWeights encoderAttn, LayerNorm encoderAttnLayerNorm,
                    Linear fc1, Linear fc2, LayerNorm finalLayerNorm) {}
