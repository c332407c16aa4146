/**
 * The Whisper network: weights bound by their Hugging Face names ({@link io.github.asr4j.model.WhisperModel#load}),
 * the audio encoder ({@code Encoder.forward}: one 30-second log-mel window to audio states) and the
 * text decoder ({@code Decoder.step}: tokens to next-token logits, through a
 * {@link io.github.asr4j.model.DecoderSession} that holds one sequence's KV cache).
 *
 * <p>Field and record names mirror the modules of Hugging Face's {@code modeling_whisper.py}
 * ({@code self_attn} → {@code selfAttn}, {@code encoder_attn_layer_norm} → {@code encoderAttnLayerNorm}), so a
 * tensor name maps to one field and every load error names the exact tensor. All arithmetic goes
 * through a {@link io.github.asr4j.kernels.Backend}.
 */
package io.github.asr4j.model;
