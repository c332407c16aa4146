package io.github.asr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.asr4j.testkit.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Smoke test of {@code asr4j bench}: the tiny {@code mini} checkpoint on jfk.wav with one warm-up and
 * one run, through the real child JVMs. Checks the JSON's shape and that every figure is positive;
 * asserts no speed.
 */
class BenchCommandTest {
    private static final List<String> FIGURES = List.of("encoder_s", "decoder_ms_per_token", "rtf", "peak_rss_mb");

    @TempDir
    Path cache;

    @Test
    void measuresMiniInChildJvmsAndPrintsOneJsonObject() throws Exception {
        JsonNode json = bench(List.of("--dtypes", "f32,f16"));

        assertThat(json.path("settings").path("tokens_per_window").asInt()).isEqualTo(120);
        for (String dtype : List.of("f32", "f16")) {
            JsonNode f = json.path("mini").path(dtype);
            for (String key : FIGURES) {
                assertThat(f.path(key).isNumber()).as(dtype + " " + key + " in " + f).isTrue();
                assertThat(f.path(key).asDouble()).as(dtype + " " + key).isPositive();
            }
            // jfk.wav is 11 s: one window, in which exactly the forced 120 text tokens were generated
            assertThat(f.path("windows").asInt()).isEqualTo(1);
            assertThat(f.path("tokens_generated").asInt()).isEqualTo(120);
        }
        // the float16 checkpoint really is stored at half the size
        assertThat(json.path("mini").path("f16").path("weights_mb").asDouble())
                .isCloseTo(json.path("mini").path("f32").path("weights_mb").asDouble() / 2,
                        org.assertj.core.data.Percentage.withPercentage(5));
    }

    @Test
    void putsWhisperCppFiguresAndRatiosBesideAsr4j() throws Exception {
        assumeTrue(pythonWithNumpy(), "python3 with numpy is needed to write the ggml checkpoint");
        JsonNode json = bench(List.of("--dtypes", "f32", "--whisper-cpp", "--no-whisper-cpp-full-call"));

        JsonNode f = json.path("mini").path("f32");
        assertThat(f.path("whisper_cpp").path("error").isMissingNode())
                .as("whisper.cpp error: " + f.path("whisper_cpp").path("error").asText()).isTrue();
        for (String key : List.of("encoder_s", "decoder_ms_per_token", "rtf")) {
            assertThat(f.path("whisper_cpp").path(key).asDouble()).as("whisper_cpp " + key).isPositive();
            double ratio = f.path("ratio_asr4j_over_whisper_cpp").path(key).asDouble();
            assertThat(ratio).as("ratio " + key)
                    .isCloseTo(f.path(key).asDouble() / f.path("whisper_cpp").path(key).asDouble(),
                            org.assertj.core.data.Percentage.withPercentage(1e-6));
        }
        assertThat(f.path("whisper_cpp").path("full_call_s").asDouble()).isEqualTo(-1); // not asked for
    }

    private JsonNode bench(List<String> extra) throws Exception {
        Path shared = SharedData.require("models/mini").getParent().getParent().getParent();
        Path jfk = SharedData.require("audio/jfk/jfk.wav");
        List<String> args = new ArrayList<>(List.of("bench", "--models", "mini", "--threads", "2",
                "--warmup", "1", "--runs", "1", "--e2e-runs", "1", "--decoder-steps", "8",
                "--audio", jfk.toString(), "--shared", shared.toString(), "--cache", cache.toString(), "--json"));
        args.addAll(extra);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args.toArray(String[]::new));
        assertThat(exit).as("exit code; stderr:\n" + err).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    private static boolean pythonWithNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
