package io.github.asr4j.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-stage timings one run of whisper.cpp's {@code whisper-bench} prints (its
 * {@code whisper_print_timings} block): after two untimed rounds it times one encoder pass, 256
 * single-token decoder steps at positions 0..255, 64 five-token batch steps ({@code batchd}) and
 * 16 prompts of 256 tokens ({@code prompt}).
 *
 * @param encoderMs one encoder pass, ms
 * @param decodeMsPerToken one single-token decoder step (mean of the 256), ms
 * @param batchdMsPerToken one token of a five-token batch step (whisper.cpp divides by tokens), ms; -1 if absent
 * @param promptMsPerToken one token of a 256-token prompt pass, ms; -1 if absent
 * @param loadMs model load, ms; -1 if absent
 * @param systemInfo whisper.cpp's {@code system_info} line (threads, SIMD features); empty if absent
 */
public record WhisperBenchTimings(double encoderMs, double decodeMsPerToken, double batchdMsPerToken,
                                  double promptMsPerToken, double loadMs, String systemInfo) {

    // "whisper_print_timings:   encode time =  3969.58 ms /     1 runs ( 3969.58 ms per run)"
    private static final Pattern STAGE = Pattern.compile(
            "whisper_print_timings:\\s+(\\w+) time\\s*=\\s*([0-9.]+) ms\\s*/\\s*(\\d+) runs\\s*\\(\\s*([0-9.]+) ms per run\\)");
    // "whisper_print_timings:     load time =   223.96 ms"
    private static final Pattern LOAD = Pattern.compile("whisper_print_timings:\\s+load time\\s*=\\s*([0-9.]+) ms");
    private static final Pattern SYSTEM_INFO = Pattern.compile("^system_info:\\s*(.*)$", Pattern.MULTILINE);

    /**
     * Reads the timings from {@code whisper-bench}'s output (stdout and stderr together).
     *
     * @throws IllegalArgumentException when the encoder or the single-token decoder timing is missing or
     *     counts no run, quoting the end of the output
     */
    public static WhisperBenchTimings parse(String output) {
        Map<String, double[]> stages = new LinkedHashMap<>();
        Matcher m = STAGE.matcher(output);
        while (m.find()) {
            stages.put(m.group(1), new double[] {Double.parseDouble(m.group(2)), Long.parseLong(m.group(3)),
                    Double.parseDouble(m.group(4))});
        }
        for (String required : List.of("encode", "decode")) {
            double[] s = stages.get(required);
            if (s == null || s[1] < 1) {
                throw new IllegalArgumentException("whisper-bench output has no '" + required
                        + " time = ... ms / N runs' line with N >= 1; it printed:\n" + excerpt(output));
            }
        }
        Matcher load = LOAD.matcher(output);
        Matcher info = SYSTEM_INFO.matcher(output);
        return new WhisperBenchTimings(stages.get("encode")[2], stages.get("decode")[2],
                stages.containsKey("batchd") ? stages.get("batchd")[2] : -1,
                stages.containsKey("prompt") ? stages.get("prompt")[2] : -1,
                load.find() ? Double.parseDouble(load.group(1)) : -1,
                info.find() ? info.group(1).strip() : "");
    }

    /** The JSON fields of one run. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("encoder_s", encoderMs / 1000);
        m.put("decoder_ms_per_token", decodeMsPerToken);
        m.put("batch5_ms_per_token", batchdMsPerToken);
        m.put("prompt256_ms_per_token", promptMsPerToken);
        m.put("load_ms", loadMs);
        return m;
    }

    /** Its timing lines where it printed some, otherwise its last lines (an error message, usually). */
    private static String excerpt(String s) {
        List<String> timings = s.lines().filter(l -> l.startsWith("whisper_print_timings:")).toList();
        if (!timings.isEmpty()) {
            return String.join("\n", timings);
        }
        List<String> lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
    }
}
