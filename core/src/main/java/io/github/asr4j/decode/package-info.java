/**
 * openai-whisper's decoding semantics ({@code decoding.py}, {@code transcribe.py}), independent of
 * the network and the audio.
 *
 * <ul>
 *   <li>Logit filters, applied in openai's order: {@link io.github.asr4j.decode.SuppressAtBegin}
 *       (SuppressBlank), {@link io.github.asr4j.decode.SuppressTokens} (with
 *       {@link io.github.asr4j.decode.NonSpeechTokens} for {@code -1}),
 *       {@link io.github.asr4j.decode.ApplyTimestampRules}.</li>
 *   <li>Search: one loop, {@link io.github.asr4j.decode.DecodingLoop}, asks a token selector —
 *       {@link io.github.asr4j.decode.GreedyDecoder} (argmax, or sampling with a seeded
 *       generator) or {@link io.github.asr4j.decode.BeamSearchDecoder} — and steps the live
 *       sequences together; the candidates are ranked by {@link io.github.asr4j.decode.SequenceRanker}.</li>
 *   <li>{@link io.github.asr4j.decode.WindowDecoder}: one 30 s window (prompt, filters, search,
 *       no-speech probability, compression ratio) — openai's {@code DecodingTask}.</li>
 *   <li>{@link io.github.asr4j.decode.FallbackDecoder}: {@code decode_with_fallback}.</li>
 *   <li>{@link io.github.asr4j.decode.LongFormDecoder}: the seek loop of {@code transcribe}.</li>
 * </ul>
 *
 * <p>The network is reached only through {@link io.github.asr4j.decode.TokenStepper} and
 * {@link io.github.asr4j.decode.DecoderState}; tests drive everything with a scripted fake.
 *
 * <p>Deliberate differences from openai-whisper: a beam continued twice forks its state instead
 * of reordering a batched KV cache; log-probabilities are summed in double (openai:
 * float32); sampling uses {@link java.util.SplittableRandom} seeded per window (openai: torch's
 * global generator); equal-probability beam proposals are ordered by token id; an empty candidate
 * ranks last (openai: ZeroDivisionError); a window that would not advance the seek is passed
 * (openai decodes it again, possibly forever); clip timestamps past the audio are clamped to its end.
 */
package io.github.asr4j.decode;
