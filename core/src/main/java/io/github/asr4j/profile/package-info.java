/**
 * Looking inside forward passes, for researchers.
 *
 * <p><b>Profiling.</b> A {@link io.github.asr4j.profile.Profiler} passed to
 * {@code WhisperModel.encode(mel, profiler)} or {@code WhisperModel.newSession(encoderOut, profiler)}
 * receives a tree of spans: window → pass ({@code encoder}, {@code decoder.cross_kv},
 * {@code decoder.step}) → layer → op, each with wall time and the FLOPs and bytes it must do.
 * {@link io.github.asr4j.profile.Profiler#off()} costs nothing measurable;
 * {@link io.github.asr4j.profile.RecordingProfiler#snapshot()} gives a {@link io.github.asr4j.profile.Profile}
 * for {@link io.github.asr4j.profile.ChromeTrace} (Perfetto), {@link io.github.asr4j.profile.ProfileSummary}
 * with {@link io.github.asr4j.profile.SummaryWriter} (CSV, JSON) and {@link io.github.asr4j.profile.HtmlReport}.
 * {@link io.github.asr4j.profile.ProfileRun} profiles one window of a file end to end.
 *
 * <p><b>Activation capture.</b> An {@link io.github.asr4j.profile.ActivationListener} passed to
 * {@code encode(mel, listener)} or {@code DecoderSession.step(tokens, listener)} receives copies of the
 * named layer outputs and attention weights it asks for (see its documentation for the names);
 * {@link io.github.asr4j.profile.ActivationRecorder} keeps those matching glob patterns.
 */
package io.github.asr4j.profile;
