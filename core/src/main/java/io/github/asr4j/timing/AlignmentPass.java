package io.github.asr4j.timing;

/**
 * What word timing needs from one decoder pass over {@code sot_sequence + [no_timestamps] + text + [eot]}.
 *
 * @param attention the alignment heads' cross-attention, softmaxed over all encoder positions:
 *     {@code [heads][tokens][positions]} (as {@code WhisperModel.crossAttentionWeights} gives it)
 * @param logits {@code [tokens][vocabulary]} of the same pass
 */
public record AlignmentPass(float[][][] attention, float[][] logits) {}
