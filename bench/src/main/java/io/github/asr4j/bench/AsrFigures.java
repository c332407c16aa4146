package io.github.asr4j.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What {@link AsrBenchmark} measured for one checkpoint and weight type.
 *
 * @param encoderS one 30 s encoder pass, seconds (median)
 * @param decoderMsPerToken one single-token decoder step after a 4-token prompt, milliseconds (median)
 * @param rtf wall time of the whole transcription (file reading, mel, encoder, decoder) / audio seconds;
 *     -1 when not measured
 * @param peakRssMb the process's peak resident memory (VmHWM), MiB
 * @param weightsMb size of the weights file, MiB
 * @param audioSeconds length of the transcribed audio
 * @param windows 30 s windows the transcription decoded
 * @param tokensGenerated text tokens the transcription produced (windows × tokens per window when forced)
 * @param endToEndS the transcription's wall time, seconds (median); -1 when not measured
 * @param backend the kernels' own description
 * @param conditions how the encoder and decoder figures were taken (KV cache, warm-up, JIT activity)
 */
public record AsrFigures(double encoderS, double decoderMsPerToken, double rtf, double peakRssMb, double weightsMb,
                         double audioSeconds, int windows, int tokensGenerated, double endToEndS, String backend,
                         StageConditions conditions) {

    /** Whether the end-to-end transcription was measured. */
    public boolean hasEndToEnd() {
        return endToEndS >= 0;
    }

    /** The JSON fields, in report order. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("encoder_s", encoderS);
        m.put("decoder_ms_per_token", decoderMsPerToken);
        m.put("rtf", rtf);
        m.put("peak_rss_mb", peakRssMb);
        m.put("weights_mb", weightsMb);
        m.put("audio_s", audioSeconds);
        m.put("windows", windows);
        m.put("tokens_generated", tokensGenerated);
        m.put("end_to_end_s", endToEndS);
        m.put("backend", backend);
        conditions.putInto(m);
        return m;
    }

    /** Reads what {@link #toJson()} wrote (numbers may come back as any {@link Number}). */
    public static AsrFigures fromJson(Map<String, Object> m) {
        return new AsrFigures(num(m, "encoder_s"), num(m, "decoder_ms_per_token"), num(m, "rtf"),
                num(m, "peak_rss_mb"), num(m, "weights_mb"), num(m, "audio_s"), (int) num(m, "windows"),
                (int) num(m, "tokens_generated"), num(m, "end_to_end_s"), String.valueOf(m.get("backend")),
                StageConditions.fromJson(m));
    }

    /**
     * Each figure the median over {@code rounds} of the same configuration (counts, names and the KV cache
     * from the first; the warm-ups the most any round took, the JIT time the median).
     */
    public static AsrFigures median(List<AsrFigures> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds to take the median of");
        }
        AsrFigures first = rounds.getFirst();
        return new AsrFigures(med(rounds, AsrFigures::encoderS), med(rounds, AsrFigures::decoderMsPerToken),
                med(rounds, AsrFigures::rtf), med(rounds, AsrFigures::peakRssMb), first.weightsMb(),
                first.audioSeconds(), first.windows(), first.tokensGenerated(), med(rounds, AsrFigures::endToEndS),
                first.backend(), new StageConditions(first.conditions().kvCache(),
                        rounds.stream().mapToInt(r -> r.conditions().encoderWarmups()).max().orElseThrow(),
                        rounds.stream().mapToInt(r -> r.conditions().decoderWarmups()).max().orElseThrow(),
                        med(rounds, r -> r.conditions().decoderJitMs())));
    }

    private static double med(List<AsrFigures> rounds, ToDoubleFunction<AsrFigures> f) {
        return Samples.median(rounds.stream().mapToDouble(f).toArray());
    }

    static double num(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("benchmark result lacks the number '" + key + "': " + m);
        }
        return n.doubleValue();
    }
}
