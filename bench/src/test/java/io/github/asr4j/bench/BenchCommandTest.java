package io.github.asr4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.asr4j.testkit.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Percentage;
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
    void measuresMiniInAChildJvmAndPrintsOneJsonObject() throws Exception {
        JsonNode json = bench(List.of("--dtypes", "f32"));

        assertThat(json.path("settings").path("tokens_per_window").asInt()).isEqualTo(120);
        assertForcedFigures(json.path("mini").path("f32"));
        assertStageConditions(json.path("mini").path("f32"), "F32"); // float32 weights: the Transcriber's F32 cache
        assertThat(json.path("mini").path("f32").has("whisper_cpp")).isFalse(); // not asked for
        JsonNode together = json.path("mini").path("f32").path("steps_together");
        assertThat(together.path("greedy_ms_per_step").asDouble()).isPositive();
        assertThat(together.path("beam5_over_greedy").asDouble())
                .isEqualTo(together.path("beam5_ms_per_step").asDouble() / together.path("greedy_ms_per_step").asDouble());
        assertThat(together.path("batch16_per_file_over_greedy").asDouble()).isPositive();
    }

    @Test
    void putsWhisperCppFiguresAndRatiosBesideAsr4j() throws Exception {
        assumeTrue(pythonWithNumpy(), "python3 with numpy is needed to write the ggml checkpoint");
        JsonNode json = bench(List.of("--dtypes", "f16", "--whisper-cpp", "--no-whisper-cpp-full-call", "--no-steps_together"));

        JsonNode f = json.path("mini").path("f16");
        assertThat(f.has("steps_together")).isFalse(); // --no-steps_together
        assertForcedFigures(f);
        assertStageConditions(f, "F16"); // float16 weights: the Transcriber's F16 cache
        assertThat(f.path("whisper_cpp").path("error").isMissingNode())
                .as("whisper.cpp error: " + f.path("whisper_cpp").path("error").asText()).isTrue();
        for (String key : List.of("encoder_s", "decoder_ms_per_token", "rtf")) {
            assertThat(f.path("whisper_cpp").path(key).asDouble()).as("whisper_cpp " + key).isPositive();
            double ratio = f.path("ratio_asr4j_over_whisper_cpp").path(key).asDouble();
            assertThat(ratio).as("ratio " + key)
                    .isCloseTo(f.path(key).asDouble() / f.path("whisper_cpp").path(key).asDouble(),
                            Percentage.withPercentage(1e-6));
        }
        assertThat(f.path("whisper_cpp").path("full_call_s").asDouble()).isEqualTo(-1); // not asked for
    }

    @Test
    void runsEveryBuildEachRoundInATurningOrderAndHoldsEachFigureAgainstTheFastest() throws Exception {
        assumeTrue(pythonWithNumpy(), "python3 with numpy is needed to write the ggml checkpoint");
        // Stand-ins for three whisper.cpp builds: one with the faster encoder, one with the faster step, one that
        // dies of SIGILL as a native build on a VM that lists AMX without granting it. Each notes when it ran.
        Path order = cache.resolve("order.log");
        Path nativeBuild = fakeBuild("native", order, 3000, 12);
        Path avx512Build = fakeBuild("avx512", order, 6000, 9);
        Path amxBuild = Files.createDirectories(cache.resolve("amx"));
        Path amx = Files.writeString(amxBuild.resolve("whisper-bench"),
                "#!/bin/sh\necho amx >> '" + order + "'\nkill -ILL $$\n");
        assertThat(amx.toFile().setExecutable(true)).isTrue();

        JsonNode json = bench(List.of("--dtypes", "f32", "--no-steps_together", "--rounds", "2",
                "--whisper_cpp_build", nativeBuild + "," + amxBuild + "," + avx512Build));

        // Round 1: native, amx (dies), avx512; round 2 turned by one: avx512 first, amx skipped, native.
        assertThat(Files.readAllLines(order)).containsExactly("native", "amx", "avx512", "avx512", "native");
        JsonNode f = json.path("mini").path("f32");
        assertThat(f.path("whisper_cpp_source").path("encoder_s").asDouble()).isEqualTo(3.0); // the first given
        JsonNode all = f.path("whisper_cpp_sources");
        assertThat(all.size()).isEqualTo(3);
        assertThat(all.path(0).path("label").asText()).isEqualTo("native");
        assertThat(all.path(0).path("rounds").size()).isEqualTo(2);
        assertThat(all.path(1).path("label").asText()).isEqualTo("amx");
        assertThat(all.path(1).path("error").asText()).contains("SIGILL");
        assertThat(all.path(2).path("label").asText()).isEqualTo("avx512");
        assertThat(all.path(2).path("decoder_ms_per_token").asDouble()).isEqualTo(9.0);
        assertThat(f.path("whisper_cpp_source_best").path("encoder_s").path("build").asText()).isEqualTo("native");
        assertThat(f.path("whisper_cpp_source_best").path("decoder_ms_per_token").path("build").asText()).isEqualTo("avx512");
        assertThat(f.path("ratio_asr4j_over_whisper_cpp_source_best").path("decoder_ms_per_token").asDouble())
                .isCloseTo(f.path("decoder_ms_per_token").asDouble() / 9.0, Percentage.withPercentage(1e-9));
        assertThat(json.path("settings").path("whisper_cpp_builds").size()).isEqualTo(3);
        assertThat(json.path("settings").path("whisper_cpp_build").asText())
                .isEqualTo(nativeBuild.resolve("whisper-bench") + "," + amxBuild.resolve("whisper-bench") + ","
                        + avx512Build.resolve("whisper-bench"));
    }

    /** A folder with a whisper-bench that notes its name in {@code order} and prints these timings. */
    private Path fakeBuild(String name, Path order, double encoderMs, double stepMs) throws Exception {
        Path folder = Files.createDirectories(cache.resolve(name));
        String timings = String.format(java.util.Locale.ROOT, """
                system_info: n_threads = 2 / 2 | AVX512 = 1 |
                whisper_print_timings:     load time =   100.00 ms
                whisper_print_timings:   encode time = %.2f ms /     1 runs ( %.2f ms per run)
                whisper_print_timings:   decode time = %.2f ms /   256 runs ( %.2f ms per run)
                """, encoderMs, encoderMs, stepMs * 256, stepMs);
        Path bench = Files.writeString(folder.resolve("whisper-bench"),
                "#!/bin/sh\necho " + name + " >> '" + order + "'\ncat <<'EOF'\n" + timings + "EOF\n");
        assertThat(bench.toFile().setExecutable(true)).isTrue();
        return folder;
    }

    @Test
    void rejectsAnUnknownWeightTypeBeforeBuildingAnything() {
        Path shared = SharedData.require("models/mini").getParent().getParent().getParent();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new BenchMain()).setErr(new PrintWriter(err)).execute("bench", "--models", "mini",
                "--dtypes", "f8", "--shared", shared.toString(), "--cache", cache.toString());
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("unknown --dtypes value 'f8'");
        assertThat(cache).isEmptyDirectory();
    }

    /** Every figure positive; jfk.wav (11 s) is one window, with exactly the forced 120 text tokens. */
    private static void assertForcedFigures(JsonNode f) {
        for (String key : FIGURES) {
            assertThat(f.path(key).isNumber()).as(key + " in " + f).isTrue();
            assertThat(f.path(key).asDouble()).as(key).isPositive();
        }
        assertThat(f.path("windows").asInt()).isEqualTo(1);
        assertThat(f.path("tokens_generated").asInt()).isEqualTo(120);
    }

    /** The stage timed the KV cache a Transcriber keeps for these weights, after 1 to 9 warm-up runs (--warmup 1). */
    private static void assertStageConditions(JsonNode f, String kvCache) {
        assertThat(f.path("kv_cache").asText()).isEqualTo(kvCache);
        assertThat(f.path("encoder_warmup_runs").asInt()).isBetween(1, 9);
        assertThat(f.path("decoder_warmup_runs").asInt()).isBetween(1, 9);
        assertThat(f.path("decoder_jit_ms_while_timed").isNumber()).isTrue();
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
        int exit = new CommandLine(new BenchMain()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
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
