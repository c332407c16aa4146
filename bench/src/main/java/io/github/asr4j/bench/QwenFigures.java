package io.github.asr4j.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Qwen3-ASR transcription's stages, as asr4j and the C port both report them: log-mel, encoder,
 * prefill of the prompt (with the first token's logits), a fixed number of greedy decoder steps.
 *
 * @param melMs log-mel, ms
 * @param encoderMs audio encoder, ms
 * @param prefillMs prompt prefill with the first logits, ms
 * @param decodeMs the greedy steps, ms
 * @param decodeTokens the number of steps
 * @param peakRssMb the process's peak RSS, MiB (-1 if unknown)
 */
public record QwenFigures(double melMs, double encoderMs, double prefillMs, double decodeMs, int decodeTokens,
                          double peakRssMb) {

    /** mel + encoder + prefill + steps, ms. */
    public double totalMs() {
        return melMs + encoderMs + prefillMs + decodeMs;
    }

    public double decoderMsPerToken() {
        return decodeMs / decodeTokens;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mel_ms", melMs);
        m.put("encoder_ms", encoderMs);
        m.put("prefill_ms", prefillMs);
        m.put("decode_ms", decodeMs);
        m.put("decode_tokens", decodeTokens);
        m.put("decoder_ms_per_token", decoderMsPerToken());
        m.put("total_ms", totalMs());
        m.put("peak_rss_mb", peakRssMb);
        return m;
    }

    public static QwenFigures fromJson(Map<String, Object> m) {
        return new QwenFigures(AsrFigures.num(m, "mel_ms"), AsrFigures.num(m, "encoder_ms"),
                AsrFigures.num(m, "prefill_ms"), AsrFigures.num(m, "decode_ms"), (int) AsrFigures.num(m, "decode_tokens"),
                AsrFigures.num(m, "peak_rss_mb"));
    }

    /** The C port's figures: its own stage timings, its peak RSS from GNU time. */
    public static QwenFigures of(QwenCPortTimings t, double peakRssMb) {
        return new QwenFigures(t.melMs(), t.encoderMs(), t.prefillMs(), t.decodeMs(), t.decodeTokens(), peakRssMb);
    }
}
