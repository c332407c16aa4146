package io.github.asr4j.bench;

import java.util.ArrayList;
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
    private final Map<String, Map<String, List<SourceEntry>>> whisperCppSource = new LinkedHashMap<>();
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

    /**
     * One whisper.cpp build's figures or why it has none, for one model and weight type.
     *
     * @param label the build's short name (its folder's)
     * @param figures its medians, or null when it could not be measured
     * @param error why it could not be measured, or null
     */
    private record SourceEntry(String label, WhisperCppSourceFigures figures, String error) {}

    /**
     * whisper.cpp built from source (the build named {@code label}), on the weights of {@code model} in the form
     * matching {@code dtype}. Builds are listed, and shown in columns, in the order they are added; the first
     * one's figures are the JSON's {@code whisper_cpp_source}.
     */
    public void addWhisperCppSource(String model, String dtype, String label, WhisperCppSourceFigures figures) {
        sources(model, dtype).add(new SourceEntry(label, figures, null));
    }

    /** Records why the whisper.cpp build {@code label} could not be measured for {@code model} and {@code dtype}. */
    public void addWhisperCppSourceError(String model, String dtype, String label, String error) {
        sources(model, dtype).add(new SourceEntry(label, null, error));
    }

    private List<SourceEntry> sources(String model, String dtype) {
        return whisperCppSource.computeIfAbsent(model, k -> new LinkedHashMap<>())
                .computeIfAbsent(dtype, k -> new ArrayList<>());
    }

    private List<SourceEntry> sourcesOrNone(String model, String dtype) {
        return whisperCppSource.getOrDefault(model, Map.of()).getOrDefault(dtype, List.of());
    }

    /** The fastest build per figure among those measured for {@code model} and {@code dtype}. */
    public WhisperCppBest bestWhisperCppSource(String model, String dtype) {
        Map<String, WhisperCppSourceFigures> measured = new LinkedHashMap<>();
        for (SourceEntry e : sourcesOrNone(model, dtype)) {
            if (e.figures() != null) {
                measured.put(e.label(), e.figures());
            }
        }
        return WhisperCppBest.of(measured);
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
                List<SourceEntry> sources = sourcesOrNone(model, dtype);
                if (!sources.isEmpty()) {
                    putSources(entry, f, sources, bestWhisperCppSource(model, dtype));
                }
                m.put(dtype, entry);
            });
            root.put(model, m);
        });
        return root;
    }

    /**
     * {@code whisper_cpp_source} and its ratios: the first build's, as when the bench took one build;
     * {@code whisper_cpp_sources}: every build, labelled; {@code whisper_cpp_source_best} and
     * {@code ratio_asr4j_over_whisper_cpp_source_best}: per figure the fastest build and asr4j against it.
     */
    private static void putSources(Map<String, Object> entry, AsrFigures f, List<SourceEntry> sources,
                                   WhisperCppBest best) {
        SourceEntry first = sources.getFirst();
        if (first.figures() != null) {
            WhisperCppSourceFigures src = first.figures();
            entry.put("whisper_cpp_source", src.toJson());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("encoder_s", f.encoderS() / src.encoderS());
            r.put("decoder_ms_per_token", f.decoderMsPerToken() / src.decoderMsPerToken());
            entry.put("ratio_asr4j_over_whisper_cpp_source", r);
        } else {
            entry.put("whisper_cpp_source", Map.of("error", first.error()));
        }
        List<Map<String, Object>> all = new ArrayList<>();
        for (SourceEntry e : sources) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("label", e.label());
            if (e.figures() != null) {
                one.putAll(e.figures().toJson());
            } else {
                one.put("error", e.error());
            }
            all.add(one);
        }
        entry.put("whisper_cpp_sources", all);
        if (!best.byFigure().isEmpty()) {
            entry.put("whisper_cpp_source_best", best.toJson());
            Map<String, Object> r = new LinkedHashMap<>();
            WhisperCppBest.Pick enc = best.get("encoder_s");
            WhisperCppBest.Pick dec = best.get("decoder_ms_per_token");
            if (enc != null) {
                r.put("encoder_s", f.encoderS() / enc.value());
            }
            if (dec != null) {
                r.put("decoder_ms_per_token", f.decoderMsPerToken() / dec.value());
            }
            entry.put("ratio_asr4j_over_whisper_cpp_source_best", r);
        }
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
                List<SourceEntry> sources = sourcesOrNone(model, dtype);
                if (sources.size() == 1) {
                    appendSource(sb, model, dtype, f, sources.getFirst());
                } else if (sources.size() > 1) {
                    appendSources(sb, model, dtype, f, sources, bestWhisperCppSource(model, dtype));
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

    /** One build: a {@code w.src} line under asr4j's, with asr4j's ratios against it. */
    private static void appendSource(StringBuilder sb, String model, String dtype, AsrFigures f, SourceEntry e) {
        WhisperCppSourceFigures src = e.figures();
        if (src == null) {
            sb.append(String.format(Locale.ROOT, "%-12s %-5s %s%n", model, "w.src", "not measured: " + e.error()));
            return;
        }
        sb.append(String.format(Locale.ROOT, "%-12s %-5s %10.3f %12.2f %8s %9.0f %8s  %s%n",
                model, "w.src", src.encoderS(), src.decoderMsPerToken(), "-", src.peakRssMb(), src.ggmlType(),
                String.format(Locale.ROOT, "asr4j %s / whisper.cpp from source %s: enc %.2f, dec %.2f "
                        + "(median of %d rounds)", dtype, src.ggmlType(), f.encoderS() / src.encoderS(),
                        f.decoderMsPerToken() / src.decoderMsPerToken(), src.runs().size())));
    }

    private static final String[][] SOURCE_ROWS = {
            {"encoder_s", "encoder_s", "%.3f"},
            {"decoder_ms_per_token", "dec_ms/tok", "%.2f"},
            {"batch5_ms_per_token", "batch5_ms/tok", "%.2f"},
            {"prompt256_ms_per_token", "prompt256_ms/tok", "%.3f"}};

    /**
     * Several builds: a block of one row per figure, one column per build, the fastest build for that figure
     * named beside its value and asr4j's ratio against it (encoder and one-token step: the figures asr4j has;
     * whisper-bench's five-token batch is five positions of one sequence, not five beams, so it has no ratio).
     */
    private static void appendSources(StringBuilder sb, String model, String dtype, AsrFigures f,
                                      List<SourceEntry> sources, WhisperCppBest best) {
        String ggmlType = sources.stream().filter(e -> e.figures() != null).map(e -> e.figures().ggmlType())
                .findFirst().orElse("?");
        int rounds = sources.stream().filter(e -> e.figures() != null).mapToInt(e -> e.figures().runs().size())
                .max().orElse(0);
        sb.append(String.format(Locale.ROOT, "%-12s %-5s whisper.cpp from source, %s weights (median of %d rounds); "
                + "per figure the fastest build and asr4j / it:%n", model, "w.src", ggmlType, rounds));
        String indent = " ".repeat(19);
        int[] widths = sources.stream().mapToInt(e -> Math.max(10, e.label().length())).toArray();
        int bestWidth = Math.max(16, sources.stream().mapToInt(e -> e.label().length()).max().orElse(0) + 11);
        StringBuilder header = new StringBuilder(indent).append(String.format(Locale.ROOT, "%-16s %10s", "figure", "asr4j"));
        for (int i = 0; i < sources.size(); i++) {
            header.append(String.format(Locale.ROOT, " %" + widths[i] + "s", sources.get(i).label()));
        }
        header.append(String.format(Locale.ROOT, "  %-" + bestWidth + "s %10s", "best whisper.cpp", "asr4j/best"));
        sb.append(header.toString().stripTrailing()).append(System.lineSeparator());
        for (String[] row : SOURCE_ROWS) {
            String figure = row[0];
            String format = row[2];
            double asr = switch (figure) {
                case "encoder_s" -> f.encoderS();
                case "decoder_ms_per_token" -> f.decoderMsPerToken();
                default -> -1;
            };
            StringBuilder line = new StringBuilder(indent).append(String.format(Locale.ROOT, "%-16s %10s", row[1],
                    asr > 0 ? String.format(Locale.ROOT, format, asr) : "-"));
            for (int i = 0; i < sources.size(); i++) {
                WhisperCppSourceFigures src = sources.get(i).figures();
                double v = src == null ? -1 : WhisperCppBest.valueOf(figure).applyAsDouble(src);
                line.append(String.format(Locale.ROOT, " %" + widths[i] + "s",
                        v > 0 ? String.format(Locale.ROOT, format, v) : "-"));
            }
            WhisperCppBest.Pick pick = best.get(figure);
            String bestText = pick == null ? "-" : String.format(Locale.ROOT, format, pick.value()) + " " + pick.build();
            String ratio = pick == null || asr <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", asr / pick.value());
            line.append(String.format(Locale.ROOT, "  %-" + bestWidth + "s %10s", bestText, ratio));
            sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        StringBuilder rss = new StringBuilder(indent).append(String.format(Locale.ROOT, "%-16s %10.0f", "peak_MiB",
                f.peakRssMb()));
        for (int i = 0; i < sources.size(); i++) {
            WhisperCppSourceFigures src = sources.get(i).figures();
            rss.append(String.format(Locale.ROOT, " %" + widths[i] + "s",
                    src == null || src.peakRssMb() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", src.peakRssMb())));
        }
        sb.append(rss).append(System.lineSeparator());
        for (SourceEntry e : sources) {
            if (e.figures() == null) {
                sb.append(String.format(Locale.ROOT, "%-12s %-5s %s not measured: %s%n", model, "w.src", e.label(),
                        e.error()));
            }
        }
    }
}
