package io.github.asr4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading whisper-bench's output: a captured run of a from-source build (whisper.cpp 233fe1f, AVX-512,
 * the {@code mini} checkpoint as F16 ggml, 2 threads on a heavily loaded machine — the figures are what
 * it printed, not a speed claim), and outputs that lack what the report needs.
 */
class WhisperBenchTimingsTest {
    @TempDir
    Path dir;

    private static String captured() throws IOException {
        try (InputStream in = WhisperBenchTimingsTest.class.getResourceAsStream("whisper-bench-mini-f16.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsEveryStageOfACapturedRun() throws IOException {
        WhisperBenchTimings t = WhisperBenchTimings.parse(captured());

        assertThat(t.encoderMs()).isEqualTo(2522.16);
        assertThat(t.decodeMsPerToken()).isEqualTo(524.85);
        assertThat(t.batchdMsPerToken()).isEqualTo(139.43);
        assertThat(t.promptMsPerToken()).isEqualTo(7.15);
        assertThat(t.loadMs()).isEqualTo(1074.21);
        assertThat(t.systemInfo()).startsWith("n_threads = 2 / 2").contains("AVX512 = 1");
        assertThat(t.toJson()).containsEntry("encoder_s", 2.52216).containsEntry("decoder_ms_per_token", 524.85);
    }

    @Test
    void toleratesOtherSpacingAndMissingOptionalStages() {
        String minimal = "whisper_print_timings: encode time=10.5 ms/1 runs (10.5 ms per run)\r\n"
                + "whisper_print_timings:\tdecode time = 300 ms /  100 runs (3 ms per run)\n";
        WhisperBenchTimings t = WhisperBenchTimings.parse(minimal);

        assertThat(t.encoderMs()).isEqualTo(10.5);
        assertThat(t.decodeMsPerToken()).isEqualTo(3);
        assertThat(t.batchdMsPerToken()).isEqualTo(-1);
        assertThat(t.promptMsPerToken()).isEqualTo(-1);
        assertThat(t.loadMs()).isEqualTo(-1);
        assertThat(t.systemInfo()).isEmpty();
    }

    @Test
    void namesTheMissingStageAndQuotesTheOutput() throws IOException {
        String withoutDecode = captured().lines().filter(l -> !l.contains("decode time")).reduce("", (a, b) -> a + b + "\n");
        assertThatThrownBy(() -> WhisperBenchTimings.parse(withoutDecode))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no 'decode time")
                .hasMessageContaining("total time");
        assertThatThrownBy(() -> WhisperBenchTimings.parse("error: failed to initialize whisper context\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no 'encode time")
                .hasMessageContaining("failed to initialize");
        String zeroRuns = "whisper_print_timings:   encode time =     0.00 ms /     0 runs (     0.00 ms per run)\n";
        assertThatThrownBy(() -> WhisperBenchTimings.parse(zeroRuns)).hasMessageContaining("N >= 1");
    }

    @Test
    void medianOverRoundsWithEveryRoundKept() throws IOException {
        WhisperBenchTimings a = WhisperBenchTimings.parse(captured());
        WhisperBenchTimings b = new WhisperBenchTimings(1000, 10, 5, 1, 200, "");
        WhisperBenchTimings c = new WhisperBenchTimings(3000, 30, 6, 2, 300, "");
        WhisperCppSourceFigures f = new WhisperCppSourceFigures("f16",
                List.of(new WhisperCppBuild.Run(a, 138.4), new WhisperCppBuild.Run(b, 100), new WhisperCppBuild.Run(c, 120)),
                "/x/whisper-bench");

        assertThat(f.encoderS()).isEqualTo(2.52216);
        assertThat(f.decoderMsPerToken()).isEqualTo(30);
        Map<String, Object> json = f.toJson();
        assertThat(json).containsEntry("ggml_type", "f16").containsEntry("peak_rss_mb", 120.0);
        assertThat((List<?>) json.get("rounds")).hasSize(3);
        assertThat(json.get("system_info").toString()).contains("AVX512 = 1");
    }

    @Test
    void findsTheBuildOrSaysWhereItLooked() throws IOException {
        assertThatThrownBy(() -> WhisperCppBuild.at(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no executable whisper-bench")
                .hasMessageContaining(dir.resolve("build").resolve("bin").toString());

        Path bin = Files.createDirectories(dir.resolve("build/bin"));
        Path bench = Files.writeString(bin.resolve("whisper-bench"), "#!/bin/sh\n");
        assertThat(bench.toFile().setExecutable(true)).isTrue();
        WhisperCppBuild build = WhisperCppBuild.at(dir);
        assertThat(build.bench()).isEqualTo(bench);
        assertThat(build.quantize()).isEmpty();
        assertThatThrownBy(() -> build.quantize(bench, dir.resolve("q.bin"), "q8_0"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no whisper-quantize");
    }

    @Test
    void runsAWhisperBenchAndReadsItsOutput() throws Exception {
        // A stand-in executable that prints the captured output, to test the process handling end to end.
        Path fixture = Files.writeString(dir.resolve("out.txt"), captured());
        Path bench = Files.writeString(dir.resolve("whisper-bench"), "#!/bin/sh\ncat '" + fixture + "'\n");
        assertThat(bench.toFile().setExecutable(true)).isTrue();
        WhisperCppBuild.Run run = WhisperCppBuild.at(dir).run(dir.resolve("model.bin"), 2);
        assertThat(run.timings().decodeMsPerToken()).isEqualTo(524.85);

        Path failing = Files.writeString(bench, "#!/bin/sh\necho boom; exit 3\n");
        assertThat(failing.toFile().setExecutable(true)).isTrue();
        assertThatThrownBy(() -> WhisperCppBuild.at(dir).run(dir.resolve("model.bin"), 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exit 3").hasMessageContaining("boom");
    }
}
