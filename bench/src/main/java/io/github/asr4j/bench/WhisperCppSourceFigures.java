package io.github.asr4j.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * whisper.cpp built from source, {@code whisper-bench} on the same weights as one asr4j row: the
 * medians over the rounds (each round one whisper-bench process, alternated with asr4j's child JVM),
 * with every round's value kept so the spread shows.
 *
 * @param ggmlType the ggml weight type measured ({@code f32}, {@code f16}, {@code q8_0})
 * @param runs one entry per round
 * @param bench the whisper-bench executable
 */
public record WhisperCppSourceFigures(String ggmlType, List<WhisperCppBuild.Run> runs, String bench) {
    public WhisperCppSourceFigures {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no whisper-bench run to report");
        }
        runs = List.copyOf(runs);
    }

    /** Median seconds of one encoder pass. */
    public double encoderS() {
        return median(r -> r.timings().encoderMs() / 1000);
    }

    /** Median ms of one single-token decoder step (whisper-bench's mean over positions 0..255). */
    public double decoderMsPerToken() {
        return median(r -> r.timings().decodeMsPerToken());
    }

    /** Median ms per token of whisper-bench's five-token batch step ({@code batchd}); -1 where it printed none. */
    public double batch5MsPerToken() {
        return median(r -> r.timings().batchdMsPerToken());
    }

    /** Median ms per token of whisper-bench's 256-token prompt pass; -1 where it printed none. */
    public double prompt256MsPerToken() {
        return median(r -> r.timings().promptMsPerToken());
    }

    /** Median peak RSS of the whisper-bench processes, MiB; -1 without GNU time. */
    public double peakRssMb() {
        return median(WhisperCppBuild.Run::peakRssMb);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ggml_type", ggmlType);
        m.put("encoder_s", encoderS());
        m.put("decoder_ms_per_token", decoderMsPerToken());
        m.put("batch5_ms_per_token", batch5MsPerToken());
        m.put("prompt256_ms_per_token", prompt256MsPerToken());
        m.put("peak_rss_mb", peakRssMb());
        m.put("rounds", runs.stream().map(r -> {
            Map<String, Object> one = r.timings().toJson();
            one.put("peak_rss_mb", r.peakRssMb());
            return one;
        }).toList());
        m.put("system_info", runs.getFirst().timings().systemInfo());
        m.put("bench", bench);
        m.put("note", "whisper-bench: one encoder pass and the mean of 256 single-token steps (positions 0-255) "
                + "per round, after two untimed rounds; flash attention as whisper-bench's default");
        return m;
    }

    private double median(ToDoubleFunction<WhisperCppBuild.Run> f) {
        return Samples.median(runs.stream().mapToDouble(f).toArray());
    }
}
