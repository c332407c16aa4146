package io.github.asr4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.audio.AudioReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code asr4j bench qwen}: asr4j's Qwen3-ASR network beside the plain-C port antirez/qwen-asr (a build
 * the user made; asr4j ships none of it), same checkpoint, same threads, the same number of greedy
 * steps, alternated round by round: log-mel, encoder, prefill, decoder ms/token, total, peak RSS.
 *
 * <p>Random weights never end a transcript, so both sides decode a fixed number of tokens: asr4j by
 * construction, the C port through the environment variable {@code QWEN_MAX_NEW_TOKENS}, which its
 * binary must honour (upstream fixes the limit at 2048 tokens); a run that decoded another count is
 * refused rather than compared.
 */
@Command(name = "qwen", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time asr4j's Qwen3-ASR (encoder, prefill, decoder ms/token, total, peak RSS), optionally "
                + "alternated with the C port antirez/qwen-asr on the same checkpoint and threads.")
final class QwenBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "--model_dir", "--model-dir"}, required = true, paramLabel = "DIR",
            description = "A Qwen3-ASR folder (config.json, model.safetensors).")
    Path model;

    @Option(names = "--audio", required = true, split = ",", paramLabel = "WAV", description = "Audio files, comma-separated.")
    List<Path> audio;

    @Option(names = {"--qwen_c_bin", "--qwen-c-bin"}, paramLabel = "PATH",
            description = "The qwen_asr executable of an antirez/qwen-asr build that honours QWEN_MAX_NEW_TOKENS.")
    Path cBinary;

    @Option(names = "--threads", paramLabel = "N", description = "Threads of both (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"--tokens_per_second", "--tokens-per-second"}, defaultValue = "3", paramLabel = "N",
            description = "Greedy steps per second of audio, rounded up (about the token rate of English speech) "
                    + "(default: ${DEFAULT-VALUE}).")
    double tokensPerSecond;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "N",
            description = "Rounds of asr4j then the C port per audio file; medians shown (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = {"--warm_runs", "--warm-runs"}, defaultValue = "1", paramLabel = "N",
            description = "Transcriptions after the first in each asr4j process, for the steady state (default: ${DEFAULT-VALUE}).")
    int warmRuns;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    /** The kernel set the C port's OpenBLAS chose, from its last run (null before one, or without OpenBLAS). */
    private OpenBlasCore cBlasCore;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (threads < 1 || rounds < 1 || warmRuns < 0 || !(tokensPerSecond > 0)) {
            throw new IllegalArgumentException("--threads and --rounds must be >= 1, --warm_runs >= 0, "
                    + "--tokens_per_second > 0");
        }
        if (!Files.isRegularFile(model.resolve("config.json"))) {
            throw new IllegalArgumentException("--model " + model + ": no config.json");
        }
        if (cBinary != null && !Files.isExecutable(cBinary)) {
            throw new IllegalArgumentException("--qwen_c_bin " + cBinary + " is not an executable file");
        }
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", model.toString());
        settings.put("threads", threads);
        settings.put("rounds", rounds);
        settings.put("tokens_per_second", tokensPerSecond);
        settings.put("qwen_c_bin", cBinary == null ? null : cBinary.toString());
        settings.put("load_average_start", BenchCommand.loadAverage());
        root.put("settings", settings);
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-16s %-9s %8s %10s %10s %10s %10s %9s%n",
                "audio", "engine", "mel_ms", "encoder_ms", "prefill_ms", "dec_ms/tok", "total_ms", "peak_MiB"));
        List<String> readsByAudio = new ArrayList<>();
        for (Path wav : audio) {
            double seconds = AudioReader.read(wav).samplesAt(AudioConstants.SAMPLE_RATE).length
                    / (double) AudioConstants.SAMPLE_RATE;
            int steps = (int) Math.ceil(seconds * tokensPerSecond);
            List<QwenFigures> cold = new ArrayList<>();
            List<QwenFigures> warm = new ArrayList<>();
            List<QwenFigures> c = new ArrayList<>();
            List<Double> reads = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                err.printf(Locale.ROOT, "bench qwen: asr4j %s round %d ...%n", wav.getFileName(), r + 1);
                err.flush();
                Map<String, Object> child = BenchCommand.runChild(List.of("measure-qwen", "--model", model.toString(),
                        "--audio", wav.toString(), "--threads", "" + threads, "--steps", "" + steps, "--warm_runs", "" + warmRuns));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> runs = (List<Map<String, Object>>) child.get("runs");
                cold.add(QwenFigures.fromJson(runs.getFirst()));
                if (child.get(MAPPED_READ) instanceof Number gb) {
                    reads.add(gb.doubleValue());
                }
                runs.stream().skip(1).map(QwenFigures::fromJson).forEach(warm::add);
                if (cBinary != null) {
                    err.printf(Locale.ROOT, "bench qwen: C port %s round %d ...%n", wav.getFileName(), r + 1);
                    err.flush();
                    c.add(runCPort(wav, steps));
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("audio_s", seconds);
            entry.put("decode_tokens", steps);
            entry.put("asr4j_first", medians(cold));
            if (!warm.isEmpty()) {
                entry.put("asr4j_warm", medians(warm));
            }
            if (!c.isEmpty()) {
                entry.put("qwen_c", medians(c));
                Map<String, Object> ratio = new LinkedHashMap<>();
                for (String key : List.of("encoder_ms", "prefill_ms", "decoder_ms_per_token", "total_ms")) {
                    ratio.put(key, num(medians(cold), key) / num(medians(c), key));
                }
                entry.put("ratio_asr4j_first_over_qwen_c", ratio);
            }
            entry.put(MAPPED_READ, reads);
            if (!reads.isEmpty()) {
                readsByAudio.add(wav.getFileName() + " " + reads.stream()
                        .map(gb -> String.format(Locale.ROOT, "%.1f", gb)).toList());
            }
            entry.put("rounds", Map.of("asr4j_first", cold.stream().map(QwenFigures::toJson).toList(),
                    "qwen_c", c.stream().map(QwenFigures::toJson).toList()));
            root.put(wav.getFileName().toString(), entry);
            row(table, wav, "asr4j", medians(cold));
            if (!warm.isEmpty()) {
                row(table, wav, "asr4j warm", medians(warm));
            }
            if (!c.isEmpty()) {
                row(table, wav, "qwen C", medians(c));
            }
        }
        settings.put("load_average_end", BenchCommand.loadAverage());
        if (cBlasCore != null) {
            settings.put("qwen_c_openblas_core", cBlasCore.name());
            settings.put("qwen_c_openblas_coretype_set", System.getenv(OpenBlasCore.OVERRIDE));
            if (json && cBlasCore.preAvx()) { // the table's footer carries it otherwise
                err.println("bench qwen: " + cBlasCore.warning());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            out.print(table);
            out.printf(Locale.ROOT, "%d threads, %.1f greedy steps per audio second, median of %d round(s); "
                    + "load average %s at start, %s at end%n", threads, tokensPerSecond, rounds,
                    settings.get("load_average_start"), settings.get("load_average_end"));
            if (cBlasCore != null) {
                out.printf(Locale.ROOT, "the C port's OpenBLAS kernels: %s%s%n", cBlasCore.name(),
                        cBlasCore.preAvx() ? " — " + cBlasCore.warning() : "");
            }
            if (!readsByAudio.isEmpty()) {
                out.printf(Locale.ROOT, "mapped read of model.safetensors in each asr4j JVM after its runs, GB/s (%d threads, "
                        + "wall): %s%n", threads, String.join("; ", readsByAudio));
            }
        }
        out.flush();
        return 0;
    }

    private static void row(StringBuilder sb, Path wav, String engine, Map<String, Object> m) {
        sb.append(String.format(Locale.ROOT, "%-16s %-9s %8.0f %10.0f %10.0f %10.1f %10.0f %9.0f%n", wav.getFileName(),
                engine, num(m, "mel_ms"), num(m, "encoder_ms"), num(m, "prefill_ms"), num(m, "decoder_ms_per_token"),
                num(m, "total_ms"), num(m, "peak_rss_mb")));
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    /** JSON key: the mapped read rate of the model file in the asr4j JVM, after its runs. */
    private static final String MAPPED_READ = "mapped_read_gb_per_s";

    /** Each figure the median over the runs. */
    static Map<String, Object> medians(List<QwenFigures> runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : runs.getFirst().toJson().keySet()) {
            m.put(key, Samples.median(runs.stream().mapToDouble(f -> num(f.toJson(), key)).toArray()));
        }
        return m;
    }

    private QwenFigures runCPort(Path wav, int steps) throws IOException, InterruptedException {
        List<String> cmd = List.of(cBinary.toString(), "-d", model.toString(), "-i", wav.toString(), "-t", "" + threads,
                "--debug");
        NativeProcess.Result r = NativeProcess.run(cmd, Map.of("QWEN_MAX_NEW_TOKENS", "" + steps,
                "OPENBLAS_NUM_THREADS", "" + threads, "OMP_NUM_THREADS", "" + threads, OpenBlasCore.VERBOSE, "2"),
                "the C port", 60);
        OpenBlasCore.parse(r.output()).ifPresent(core -> cBlasCore = core);
        QwenCPortTimings t = QwenCPortTimings.parse(r.output());
        if (t.decodeTokens() != steps) {
            throw new IllegalStateException("the C port decoded " + t.decodeTokens() + " tokens, not the " + steps
                    + " asked through QWEN_MAX_NEW_TOKENS: its binary does not honour that variable, so its total "
                    + "is not comparable");
        }
        return QwenFigures.of(t, r.peakRssMb());
    }

    /** Hidden child of {@code bench}: one asr4j process, its first and warm transcriptions as one JSON line. */
    @Command(name = "measure-qwen", hidden = true)
    static final class MeasureQwen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", required = true)
        Path model;

        @Option(names = "--audio", required = true)
        Path audio;

        @Option(names = "--threads", required = true)
        int threads;

        @Option(names = "--steps", required = true)
        int steps;

        @Option(names = "--warm_runs", defaultValue = "1")
        int warmRuns;

        @Override
        public Integer call() throws IOException {
            List<QwenFigures> runs = QwenBenchmark.run(model, audio, threads, steps, warmRuns);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("runs", runs.stream().map(QwenFigures::toJson).toList());
            // The VM's memory rate moves from one JVM to the next: a step is held against its own JVM's read rate.
            Path weights = model.resolve("model.safetensors");
            if (Files.isRegularFile(weights)) {
                result.put(MAPPED_READ, BandwidthCeiling.mapped(weights, threads, 3).wallGbPerS());
            }
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(result));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
