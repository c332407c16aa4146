/**
 * Word-level timestamps from cross-attention, as openai-whisper's {@code whisper/timing.py}.
 *
 * <pre>
 * WordTimestamps.add(segments, model, sot, noTimestamps, splitter, numFrames, lastSpeech, prepend, append)
 *   = textTokens -> model pass (AlignmentPass: attention + logits) -> TokenProbabilities
 *     -> WordAligner.renormalizeOverFrames -> WordAligner.findAlignment (MedianFilter, Dtw, WordSplitter)
 *     -> WordTimestamps.apply (long-word clamps, PunctuationMerger, words dealt to segments)
 * </pre>
 *
 * <p>The pieces are public so a caller with the model's raw attention scores can use
 * {@link io.github.asr4j.timing.WordAligner#softmaxOverFrames} instead. Nothing here depends on the model.
 */
package io.github.asr4j.timing;
