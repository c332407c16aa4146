package io.github.asr4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    private static final StageConditions CONDITIONS = new StageConditions("F16", 1, 3, 12.0);
    private static final AsrFigures ASR = new AsrFigures(1.5, 6.0, 0.05, 900, 350, 127.4, 5, 600, 6.37, "cpu", CONDITIONS);
    private static final WhisperCppFigures CPP = new WhisperCppFigures(3.0, 12.0, 0.2, 0.3, 40, 0.31, 5, 450, "AVX2");

    @Test
    @SuppressWarnings("unchecked")
    void putsWhisperCppAndRatiosBesideEachWeightType() {
        BenchReport report = new BenchReport(Map.of("threads", 2));
        report.add("card", "f32", ASR);
        report.add("card", "f16", ASR);
        report.addWhisperCpp("card", CPP);

        Map<String, Object> json = report.toJson();
        assertThat(json).containsKeys("settings", "card");
        Map<String, Object> f16 = (Map<String, Object>) ((Map<String, Object>) json.get("card")).get("f16");
        assertThat(f16).containsKeys("encoder_s", "decoder_ms_per_token", "rtf", "peak_rss_mb", "whisper_cpp");
        Map<String, Object> ratio = (Map<String, Object>) f16.get("ratio_asr4j_over_whisper_cpp");
        assertThat((double) ratio.get("encoder_s")).isEqualTo(0.5);
        assertThat((double) ratio.get("decoder_ms_per_token")).isEqualTo(0.5);
        assertThat((double) ratio.get("rtf")).isCloseTo(0.25, within(1e-12));
        assertThat((double) ratio.get("peak_rss_mb")).isEqualTo(2.0);

        assertThat(report.toTable()).contains("card", "f16", "w.cpp", "0.50, 0.50, 0.25");
    }

    @Test
    @SuppressWarnings("unchecked")
    void putsTheStepsTogetherBesideTheirWeightTypeAndReadsThemBack() {
        BenchReport report = new BenchReport(Map.of("threads", 2));
        report.add("card", "f16", ASR);
        report.addStepsTogether("card", "f16", new StepsTogether(10.0, 15.0, 48.0));

        Map<String, Object> f16 = (Map<String, Object>) ((Map<String, Object>) report.toJson().get("card")).get("f16");
        assertThat(f16).containsKeys("encoder_s", "decoder_ms_per_token", "rtf", "peak_rss_mb");  // the old keys stay
        Map<String, Object> together = (Map<String, Object>) f16.get("steps_together");
        assertThat(together).containsEntry("greedy_ms_per_step", 10.0).containsEntry("beam5_ms_per_step", 15.0)
                .containsEntry("beam5_over_greedy", 1.5).containsEntry("batch16_ms_per_file", 3.0)
                .containsEntry("batch16_per_file_over_greedy", 0.3);
        assertThat(StepsTogether.fromJson(together)).isEqualTo(new StepsTogether(10.0, 15.0, 48.0));
        assertThat(report.toTable()).contains("5 beams 15.00 ms (1.50x greedy)", "16 files 3.00 ms per file (0.300x greedy)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void putsWhisperCppFromSourceBesideItsWeightTypeWithTheRoundsKept() {
        BenchReport report = new BenchReport(Map.of("threads", 2));
        AsrFigures slower = new AsrFigures(2.5, 8.0, 0.07, 950, 350, 127.4, 5, 600, 8.9, "cpu", CONDITIONS);
        AsrFigures fastest = new AsrFigures(1.0, 5.0, 0.04, 800, 350, 127.4, 5, 600, 5.1, "cpu", CONDITIONS);
        report.addRounds("card", "int8", java.util.List.of(ASR, slower, fastest));
        WhisperBenchTimings a = new WhisperBenchTimings(4000, 10, 3, 1, 200, "AVX512 = 1");
        WhisperBenchTimings b = new WhisperBenchTimings(3000, 12, 3, 1, 200, "AVX512 = 1");
        report.addWhisperCppSource("card", "int8", "build", new WhisperCppSourceFigures("q8_0",
                java.util.List.of(new WhisperCppBuild.Run(a, 500), new WhisperCppBuild.Run(b, 520)), "/b/whisper-bench"));
        report.add("card", "f16", ASR);
        report.addWhisperCppSourceError("card", "f16", "build", "whisper-bench failed (exit 2)");

        Map<String, Object> card = (Map<String, Object>) report.toJson().get("card");
        Map<String, Object> int8 = (Map<String, Object>) card.get("int8");
        assertThat((double) int8.get("encoder_s")).isEqualTo(1.5);          // the median round, per figure
        assertThat((double) int8.get("decoder_ms_per_token")).isEqualTo(6.0);
        assertThat((java.util.List<?>) int8.get("rounds")).hasSize(3);
        Map<String, Object> src = (Map<String, Object>) int8.get("whisper_cpp_source");
        assertThat(src).containsEntry("ggml_type", "q8_0").containsEntry("encoder_s", 3.5)
                .containsEntry("decoder_ms_per_token", 11.0).containsEntry("peak_rss_mb", 510.0);
        Map<String, Object> ratio = (Map<String, Object>) int8.get("ratio_asr4j_over_whisper_cpp_source");
        assertThat((double) ratio.get("encoder_s")).isCloseTo(1.5 / 3.5, within(1e-12));
        assertThat((double) ratio.get("decoder_ms_per_token")).isCloseTo(6.0 / 11.0, within(1e-12));
        assertThat(((Map<String, Object>) card.get("f16")).get("whisper_cpp_source"))
                .isEqualTo(Map.of("error", "whisper-bench failed (exit 2)"));

        assertThat(report.toTable()).contains("w.src", "q8_0", "enc 0.43, dec 0.55 (median of 2 rounds)",
                "not measured: whisper-bench failed");
        // One build: the new keys name it, the best of one is that build, and the table keeps its one w.src line.
        java.util.List<Map<String, Object>> all = (java.util.List<Map<String, Object>>) int8.get("whisper_cpp_sources");
        assertThat(all).hasSize(1);
        assertThat(all.getFirst()).containsEntry("label", "build").containsEntry("encoder_s", 3.5);
        assertThat((Map<String, Object>) int8.get("whisper_cpp_source_best"))
                .containsEntry("decoder_ms_per_token", Map.of("build", "build", "value", 11.0));
        assertThat(report.toTable()).doesNotContain("best whisper.cpp");
    }

    // Two builds that win different figures, as a native (FP16) and an AVX-512 whisper.cpp build do on an
    // AVX512-FP16 CPU, and a third that died of SIGILL.
    private static final WhisperCppSourceFigures NATIVE = source("f16", 3000, 12, 7.5, 1.0, 300);
    private static final WhisperCppSourceFigures AVX512 = source("f16", 6000, 9, -1, 1.2, 310);

    private static WhisperCppSourceFigures source(String type, double encMs, double decMs, double batchMs,
                                                  double promptMs, double rssMb) {
        WhisperBenchTimings t = new WhisperBenchTimings(encMs, decMs, batchMs, promptMs, 100, "AVX512 = 1");
        return new WhisperCppSourceFigures(type, java.util.List.of(new WhisperCppBuild.Run(t, rssMb),
                new WhisperCppBuild.Run(t, rssMb)), "/w/whisper-bench");
    }

    @Test
    @SuppressWarnings("unchecked")
    void holdsEachFigureAgainstTheFastestBuildForIt() {
        BenchReport report = new BenchReport(Map.of("threads", 2));
        report.add("card", "f16", ASR);  // encoder 1.5 s, step 6.0 ms
        report.addWhisperCppSource("card", "f16", "build", NATIVE);
        report.addWhisperCppSource("card", "f16", "build-avx512", AVX512);
        report.addWhisperCppSourceError("card", "f16", "build-amx", "whisper-bench failed (exit 132, SIGILL: ...)");

        Map<String, Object> f16 = (Map<String, Object>) ((Map<String, Object>) report.toJson().get("card")).get("f16");
        // whisper_cpp_source keeps its meaning: the first build given, and asr4j against it.
        assertThat((Map<String, Object>) f16.get("whisper_cpp_source")).containsEntry("encoder_s", 3.0)
                .containsEntry("decoder_ms_per_token", 12.0);
        assertThat((double) ((Map<String, Object>) f16.get("ratio_asr4j_over_whisper_cpp_source"))
                .get("decoder_ms_per_token")).isEqualTo(0.5);
        java.util.List<Map<String, Object>> all = (java.util.List<Map<String, Object>>) f16.get("whisper_cpp_sources");
        assertThat(all).extracting(m -> m.get("label")).containsExactly("build", "build-avx512", "build-amx");
        assertThat(all.get(1)).containsEntry("decoder_ms_per_token", 9.0).containsEntry("ggml_type", "f16");
        assertThat(all.get(2)).isEqualTo(Map.of("label", "build-amx", "error", "whisper-bench failed (exit 132, SIGILL: ...)"));

        Map<String, Object> best = (Map<String, Object>) f16.get("whisper_cpp_source_best");
        assertThat(best).containsEntry("encoder_s", Map.of("build", "build", "value", 3.0))
                .containsEntry("decoder_ms_per_token", Map.of("build", "build-avx512", "value", 9.0))
                // the AVX-512 build printed no batch figure (-1): not a faster one
                .containsEntry("batch5_ms_per_token", Map.of("build", "build", "value", 7.5))
                .containsEntry("prompt256_ms_per_token", Map.of("build", "build", "value", 1.0));
        Map<String, Object> ratio = (Map<String, Object>) f16.get("ratio_asr4j_over_whisper_cpp_source_best");
        assertThat((double) ratio.get("encoder_s")).isEqualTo(0.5);
        assertThat((double) ratio.get("decoder_ms_per_token")).isCloseTo(6.0 / 9.0, within(1e-12));

        String table = report.toTable();
        assertThat(table).contains("whisper.cpp from source, f16 weights (median of 2 rounds)", "best whisper.cpp",
                "build-avx512", "w.src build-amx not measured: whisper-bench failed (exit 132, SIGILL");
        assertThat(row(table, "encoder_s")).contains("1.500", "3.000", "6.000", "3.000 build ").endsWith(" 0.50");
        assertThat(row(table, "dec_ms/tok")).contains("6.00", "12.00", "9.00 build-avx512").endsWith(" 0.67");
        assertThat(row(table, "batch5_ms/tok")).contains("7.50 build").endsWith(" -");
        assertThat(row(table, "peak_MiB")).contains("900", "300", "310");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFastestBuildDoesNotDependOnTheOrderGiven() {
        BenchReport report = new BenchReport(Map.of());
        report.add("card", "f16", ASR);
        report.addWhisperCppSource("card", "f16", "build-avx512", AVX512);
        report.addWhisperCppSource("card", "f16", "build", NATIVE);

        WhisperCppBest best = report.bestWhisperCppSource("card", "f16");
        assertThat(best.get("encoder_s")).isEqualTo(new WhisperCppBest.Pick("build", 3.0));
        assertThat(best.get("decoder_ms_per_token")).isEqualTo(new WhisperCppBest.Pick("build-avx512", 9.0));
        assertThat(best.get("batch5_ms_per_token")).isEqualTo(new WhisperCppBest.Pick("build", 7.5));
        Map<String, Object> f16 = (Map<String, Object>) ((Map<String, Object>) report.toJson().get("card")).get("f16");
        assertThat((Map<String, Object>) f16.get("whisper_cpp_source")).containsEntry("encoder_s", 6.0); // first given
    }

    @Test
    void aBuildThatPrintedNoFigureIsNoBestAndEqualFiguresGoToTheFirstListed() {
        WhisperCppSourceFigures same = source("q8_0", 3000, 12, -1, -1, 300);
        Map<String, WhisperCppSourceFigures> measured = new java.util.LinkedHashMap<>();
        measured.put("b", same);
        measured.put("a", same);
        WhisperCppBest best = WhisperCppBest.of(measured);
        assertThat(best.get("encoder_s").build()).isEqualTo("b");
        assertThat(best.get("batch5_ms_per_token")).isNull();
        assertThat(best.toJson()).containsOnlyKeys("encoder_s", "decoder_ms_per_token");
        assertThat(WhisperCppBest.of(Map.of()).byFigure()).isEmpty();
    }

    /** The line of the several-builds block whose figure is {@code figure}. */
    private static String row(String table, String figure) {
        return table.lines().filter(l -> l.strip().startsWith(figure + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + figure + " in\n" + table)).stripTrailing();
    }

    @Test
    @SuppressWarnings("unchecked")
    void recordsWhyWhisperCppWasNotMeasured() {
        BenchReport report = new BenchReport(Map.of());
        report.add("mini", "f32", ASR);
        report.addWhisperCppError("mini", "UnsatisfiedLinkError: libgomp.so.1");

        Map<String, Object> mini = (Map<String, Object>) ((Map<String, Object>) report.toJson().get("mini")).get("f32");
        assertThat(mini.get("whisper_cpp")).isEqualTo(Map.of("error", "UnsatisfiedLinkError: libgomp.so.1"));
        assertThat(mini).doesNotContainKey("ratio_asr4j_over_whisper_cpp");
        assertThat(report.toTable()).contains("not measured: UnsatisfiedLinkError");
    }

    @Test
    @SuppressWarnings("unchecked")
    void leavesOutTheRatioOfAnUnmeasuredRealTimeFactor() {
        var stagesOnly = new AsrFigures(1.5, 3.0, -1, 800, 180, 127.4, 0, 0, -1, "cpu int8", CONDITIONS);
        BenchReport report = new BenchReport(Map.of());
        report.add("card", "int8", stagesOnly);
        report.addWhisperCpp("card", CPP);

        Map<String, Object> int8 = (Map<String, Object>) ((Map<String, Object>) report.toJson().get("card")).get("int8");
        assertThat((Map<String, Object>) int8.get("ratio_asr4j_over_whisper_cpp"))
                .containsKeys("encoder_s", "decoder_ms_per_token").doesNotContainKey("rtf");
        assertThat(report.toTable()).contains("0.50, 0.25, -");
        assertThat(WeightType.parse(" INT8 ")).isEqualTo(WeightType.INT8);
        assertThatThrownBy(() -> WeightType.parse("q4")).hasMessageContaining("unknown --dtypes value 'q4'");
    }

    @Test
    void figuresSurviveTheirJsonForm() {
        assertThat(AsrFigures.fromJson(ASR.toJson())).isEqualTo(ASR);
        assertThat(WhisperCppFigures.fromJson(CPP.toJson())).isEqualTo(CPP);
        assertThatThrownBy(() -> AsrFigures.fromJson(Map.of("encoder_s", 1.0)))
                .hasMessageContaining("decoder_ms_per_token");
    }

    @Test
    void estimatesWhisperCppsRealTimeFactorFromItsStages() {
        var stages = new WhisperCppStages.Stages(0.5, 4.0, 20, 10);
        // (0.5 + 5 * (4 + 0.02 + 120 * 0.010)) / 127 = 26.6 / 127
        assertThat(stages.estimatedRtf(5, 120, 127)).isCloseTo(26.6 / 127, within(1e-12));
    }

    @Test
    void medianOfTimings() {
        assertThat(Samples.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Samples.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        int[] calls = {0};
        double m = Samples.medianSeconds(2, 3, () -> ++calls[0]);
        assertThat(calls[0]).isEqualTo(5);     // warm-ups run, not recorded
        assertThat(m).isEqualTo(4);            // median of 3, 4, 5
        assertThatThrownBy(() -> Samples.medianSeconds(0, 0, () -> 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void peakRssIsReportedOnLinux() {
        double mb = PeakRss.megabytes();
        assertThat(mb == -1 || mb > 1).as("VmHWM %s MiB", mb).isTrue();
    }
}
