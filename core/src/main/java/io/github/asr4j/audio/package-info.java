/**
 * The audio front end: file bytes to Whisper's log-mel features.
 *
 * <pre>
 * AudioReader.read(path)        WAV or FLAC, recognised by content  -> Audio (mono, file's rate)
 * audio.samplesAt(16000)        Resampler, Kaiser-windowed sinc      -> float[] at 16 kHz
 * new LogMel(80).computePadded  Whisper's log_mel_spectrogram        -> [nMels, frames] + windows
 * </pre>
 *
 * <p>Policies: every malformed input ends in an {@link io.github.asr4j.AudioFormatException}
 * naming the source and the byte offset, chunk or sample at fault; declared sizes are never
 * trusted for allocation; a WAV {@code data} chunk cut short yields its complete frames (with a
 * logged warning); empty audio yields zero samples and the caller decides what that means.
 */
package io.github.asr4j.audio;
