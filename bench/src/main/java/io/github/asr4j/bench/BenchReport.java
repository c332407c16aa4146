package io.github.asr4j.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects the figures of every model and weight type, with whisper.cpp's beside them (through
 * whisper-jni per model; built from source per weight type), and renders them as one JSON-ready map or
 * as a text table.
 */
public final class BenchReport {
    private final Map<String, Map<String, AsrFigures>> asr = new LinkedHashMap<>();
    private final Map<String, WhisperCppFigures> whisperCpp = new LinkedHashMap<>();
    private final Map<String, String> whisperCppErrors = new LinkedHashMap<>();
    private final Map<String, Map<String, WhisperCppSourceFigures>> whisperCppSource = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> whisperCppSourceErrors = new LinkedHashMap<>();
    private final Map<String, Map<String, List<AsrFigures>>> asrRounds = new LinkedHashMap<>();
    private final Map<String, Map<String, StepsTogether>> stepsTogether = new LinkedHashMap<>();
    private final Map<String, Object> settings;

    /** @param settings shown as the report's {@code settings} entry (threads, runs, machine load...) */
    public BenchReport(Map<String, Object> settings) {
        this.settings = new LinkedHashMap<>(settings);
    }

    /** Adds or replaces one entry of {@code settings}. */
    public void setting(String key, Object value) {
        settings.put(key, value);
    }

    /** The {@code settings} entry {@code key}, or null. */
    public Object setting(String key) {
        return settings.get(key);
    }

    public void add(String model, String dtype, AsrFigures figures) {
        asr.computeIfAbsent(model, k -> new LinkedHashMap<>()).put(dtype, figures);
    }

    /**
     * Adds asr4j's figures of several rounds (alternated with whisper.cpp's): each figure is the median over
     * the rounds; the rounds' encoder and decoder figures are kept for the spread.
     */
    public void addRounds(String model, String dtype, List<AsrFigures> rounds) {
        add(model, dtype, AsrFigures.median(rounds));
        asrRounds.computeIfAbsent(model, k -> new LinkedHashMap<>()).put(dtype, List.copyOf(rounds));
    }

    /** Beams and batched files stepped together against a greedy step, for {@code model} in {@code dtype}. */
    public void addStepsTogether(String model, String dtype, StepsTogether figures) {
        stepsTogether.computeIfAbsent(model, k -> new LinkedHashMap<>()).put(dtype, figures);
    }

    /** whisper.cpp built from source, on the weights of {@code model} in the form matching {@code dtype}. */
    public void addWhisperCppSource(String model, String dtype, WhisperCppSourceFigures figures) {
        whisperCppSource.computeIfAbsent(model, k -> new LinkedHashMap<>()).put(dtype, figures);
    }

    /** Records why whisper.cpp built from source could not be measured for {@code model} and {@code dtype}. */
    public void addWhisperCppSourceError(String model, String dtype, String error) {
        whisperCppSourceErrors.computeIfAbsent(model, k -> new LinkedHashMap<>()).put(dtype, error);
    }

    public void addWhisperCpp(String model, WhisperCppFigures figures) {
        whisperCpp.put(model, figures);
    }

    /** Records why whisper.cpp could not be measured for {@code model}. */
    public void addWhisperCppError(String model, String error) {
        whisperCppErrors.put(model, error);
    }

    /**
     * {@code {"settings": {...}, MODEL: {DTYPE: {encoder_s, decoder_ms_per_token, rtf, peak_rss_mb, ...,
     * "whisper_cpp": {...}, "ratio_asr4j_over_whisper_cpp": {...}}}}}.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", settings);
        asr.forEach((model, byType) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            byType.forEach((dtype, f) -> {
                Map<String, Object> entry = f.toJson();
                WhisperCppFigures w = whisperCpp.get(model);
                if (w != null) {
                    entry.put("whisper_cpp", w.toJson());
                    entry.put("ratio_asr4j_over_whisper_cpp", ratios(f, w));
                } else if (whisperCppErrors.containsKey(model)) {
                    entry.put("whisper_cpp", Map.of("error", whisperCppErrors.get(model)));
                }
                List<AsrFigures> rounds = asrRounds.getOrDefault(model, Map.of()).get(dtype);
                if (rounds != null) {
                    entry.put("rounds", rounds.stream().map(r -> Map.of("encoder_s", r.encoderS(),
                            "decoder_ms_per_token", r.decoderMsPerToken())).toList());
                }
                StepsTogether together = stepsTogether.getOrDefault(model, Map.of()).get(dtype);
                if (together != null) {
                    entry.put("steps_together", together.toJson());
                }
                WhisperCppSourceFigures src = whisperCppSource.getOrDefault(model, Map.of()).get(dtype);
                if (src != null) {
                    entry.put("whisper_cpp_source", src.toJson());
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("encoder_s", f.encoderS() / src.encoderS());
                    r.put("decoder_ms_per_token", f.decoderMsPerToken() / src.decoderMsPerToken());
                    entry.put("ratio_asr4j_over_whisper_cpp_source", r);
                } else if (whisperCppSourceErrors.getOrDefault(model, Map.of()).containsKey(dtype)) {
                    entry.put("whisper_cpp_source", Map.of("error", whisperCppSourceErrors.get(model).get(dtype)));
                }
                m.put(dtype, entry);
            });
            root.put(model, m);
        });
        return root;
    }

    private static Map<String, Object> ratios(AsrFigures f, WhisperCppFigures w) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("encoder_s", f.encoderS() / w.encoderS());
        r.put("decoder_ms_per_token", f.decoderMsPerToken() / w.decoderMsPerToken());
        if (f.hasEndToEnd()) {
            r.put("rtf", f.rtf() / w.rtf());
        }
        r.put("peak_rss_mb", f.peakRssMb() / w.peakRssMb());
        return r;
    }

    /** One line per model and weight type; whisper.cpp's figures on a line of their own, ratios beside asr4j's. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-12s %-5s %10s %12s %8s %9s %8s  %s%n",
                "model", "dtype", "encoder_s", "dec_ms/tok", "rtf", "peak_MiB", "wts_MiB", "asr4j/whisper.cpp (enc, dec, rtf)"));
        asr.forEach((model, byType) -> {
            WhisperCppFigures w = whisperCpp.get(model);
            byType.forEach((dtype, f) -> {
                String ratio = w == null ? "" : String.format(Locale.ROOT, "%.2f, %.2f, %s",
                        f.encoderS() / w.encoderS(), f.decoderMsPerToken() / w.decoderMsPerToken(),
                        f.hasEndToEnd() ? String.format(Locale.ROOT, "%.2f", f.rtf() / w.rtf()) : "-");
                String rtf = f.hasEndToEnd() ? String.format(Locale.ROOT, "%.4f", f.rtf()) : "-";
                sb.append(String.format(Locale.ROOT, "%-12s %-5s %10.3f %12.2f %8s %9.0f %8.0f  %s%n",
                        model, dtype, f.encoderS(), f.decoderMsPerToken(), rtf, f.peakRssMb(), f.weightsMb(), ratio));
                WhisperCppSourceFigures src = whisperCppSource.getOrDefault(model, Map.of()).get(dtype);
                if (src != null) {
                    sb.append(String.format(Locale.ROOT, "%-12s %-5s %10.3f %12.2f %8s %9.0f %8s  %s%n",
                            model, "w.src", src.encoderS(), src.decoderMsPerToken(), "-",
                            src.toJson().get("peak_rss_mb"), src.ggmlType(),
                            String.format(Locale.ROOT, "asr4j %s / whisper.cpp from source %s: enc %.2f, dec %.2f "
                                    + "(median of %d rounds)", dtype, src.ggmlType(), f.encoderS() / src.encoderS(),
                                    f.decoderMsPerToken() / src.decoderMsPerToken(), src.runs().size())));
                } else if (whisperCppSourceErrors.getOrDefault(model, Map.of()).containsKey(dtype)) {
                    sb.append(String.format(Locale.ROOT, "%-12s %-5s %s%n", model, "w.src",
                            "not measured: " + whisperCppSourceErrors.get(model).get(dtype)));
                }
                StepsTogether together = stepsTogether.getOrDefault(model, Map.of()).get(dtype);
                if (together != null) {
                    sb.append(String.format(Locale.ROOT, "%-12s %-5s steps together: greedy %.2f ms, %d beams %.2f ms (%.2fx greedy),"
                                    + " %d files %.2f ms per file (%.3fx greedy)%n", model, dtype, together.greedyMs(),
                            StepsTogether.BEAMS, together.beamsMs(), together.beamsMs() / together.greedyMs(), StepsTogether.FILES,
                            together.batchMs() / StepsTogether.FILES, together.batchMs() / StepsTogether.FILES / together.greedyMs()));
                }
            });
            if (w != null) {
                sb.append(String.format(Locale.ROOT, "%-12s %-5s %10.3f %12.2f %8.4f %9.0f %8s  %s%n",
                        model, "w.cpp", w.encoderS(), w.decoderMsPerToken(), w.rtf(), w.peakRssMb(), "f16",
                        w.fullCallS() < 0 ? "rtf estimated from stages"
                                : String.format(Locale.ROOT, "rtf from stages; whisper_full call: %.1f s, rtf %.4f, %d segments",
                                        w.fullCallS(), w.fullCallRtf(), w.fullCallSegments())));
            } else if (whisperCppErrors.containsKey(model)) {
                sb.append(String.format(Locale.ROOT, "%-12s %-5s %s%n", model, "w.cpp",
                        "not measured: " + whisperCppErrors.get(model)));
            }
        });
        return sb.toString();
    }
}
