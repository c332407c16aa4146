package io.github.asr4j.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * whisper.cpp's figures for one checkpoint, comparable with {@link AsrFigures}.
 *
 * @param encoderS one 30 s encoder pass, seconds (median, {@code whisper_encode})
 * @param decoderMsPerToken one single-token step after a 4-token prompt, ms (median, {@code whisper_decode})
 * @param rtf the real-time factor of the same work asr4j's {@code rtf} does (the audio's windows, each
 *     with the fixed token count), computed from the stage timings: whisper.cpp offers no way to force
 *     the token count of a real transcription
 * @param melS log-mel of the whole audio, seconds
 * @param fullCallS wall time of one real {@code whisper_full} call through whisper-jni on the audio
 *     (greedy, no timestamps, no fallback), where the random weights decide how many tokens each window
 *     produces, so it is not comparable with asr4j's rtf; -1 when not run
 * @param fullCallRtf that call's wall time / audio seconds; -1 when not run
 * @param fullCallSegments segments that call returned
 * @param peakRssMb the measuring process's peak RSS, MiB
 * @param version the whisper.cpp build, as its system info describes it
 */
public record WhisperCppFigures(double encoderS, double decoderMsPerToken, double rtf, double melS,
                               double fullCallS, double fullCallRtf, int fullCallSegments, double peakRssMb,
                               String version) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("encoder_s", encoderS);
        m.put("decoder_ms_per_token", decoderMsPerToken);
        m.put("rtf", rtf);
        m.put("rtf_source", "estimated from the stage timings for the same windows and tokens per window");
        m.put("mel_s", melS);
        m.put("full_call_s", fullCallS);
        m.put("full_call_rtf", fullCallRtf);
        m.put("full_call_segments", fullCallSegments);
        m.put("full_call_note", "whisper_full via whisper-jni; token count decided by the random weights");
        m.put("peak_rss_mb", peakRssMb);
        m.put("system_info", version);
        return m;
    }

    public static WhisperCppFigures fromJson(Map<String, Object> m) {
        return new WhisperCppFigures(AsrFigures.num(m, "encoder_s"), AsrFigures.num(m, "decoder_ms_per_token"),
                AsrFigures.num(m, "rtf"), AsrFigures.num(m, "mel_s"), AsrFigures.num(m, "full_call_s"),
                AsrFigures.num(m, "full_call_rtf"), (int) AsrFigures.num(m, "full_call_segments"),
                AsrFigures.num(m, "peak_rss_mb"), String.valueOf(m.get("system_info")));
    }
}
