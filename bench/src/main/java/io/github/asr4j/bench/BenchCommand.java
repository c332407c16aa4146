package io.github.asr4j.bench;

import io.github.asr4j.audio.AudioConstants;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.kernels.WeightFormat;
import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code asr4j bench}: speed of asr4j on deterministic random checkpoints, per model and weight type,
 * with whisper.cpp on the same weights beside it: through whisper-jni (what a Java user has today) and,
 * given the folder of a whisper.cpp build made from source, its {@code whisper-bench}, alternated with
 * asr4j round by round.
 *
 * <p>Every configuration runs in a child JVM of its own (same java, class path and flags, a hidden
 * subcommand), so each peak RSS is that configuration's alone; the children print one JSON line.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure encoder time per 30 s window, decoder ms/token, end-to-end real-time factor "
                + "(fixed tokens per window) and peak RSS on random checkpoints; optionally beside whisper.cpp.",
        subcommands = {CeilingsCommand.class, QwenBenchCommand.class, QwenBenchCommand.MeasureQwen.class, BenchCommand.MeasureAsr.class, BenchCommand.MeasureWhisperCpp.class,
                BenchCommand.MeasureSteps.class})
final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--models", split = ",", defaultValue = "tiny-shape,card", paramLabel = "NAMES",
            description = "Checkpoints of shared/testdata/models (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--dtypes", split = ",", defaultValue = "f32,f16,int8", paramLabel = "TYPES",
            description = "Weight types: f32, f16, int8 (the f32 checkpoint quantized at load; stage figures only "
                    + "until the Transcriber takes a weight format) (default: ${DEFAULT-VALUE}).")
    List<String> dtypes;

    @Option(names = "--audio", paramLabel = "FILE",
            description = "Audio for the end-to-end figure (default: SHARED/testdata/audio/long/gb0.wav).")
    Path audio;

    @Option(names = "--shared", paramLabel = "DIR",
            description = "The shared test data folder (default: $ASR4J_SHARED, -Dasr4j.shared or ../shared).")
    Path shared;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where built checkpoints are kept and reused (default: ~/.cache/asr4j/bench).")
    Path cache;

    @Option(names = {"--whisper_cpp", "--whisper-cpp"}, description = "Also measure whisper.cpp (whisper-jni) on the same weights.")
    boolean whisperCpp;

    @Option(names = {"--whisper_cpp_full_call", "--whisper-cpp-full-call"}, negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With --whisper_cpp, also time one real whisper_full call on the audio (default: true).")
    boolean whisperCppFullCall;

    @Option(names = {"--whisper_cpp_build", "--whisper-cpp-build"}, split = ",", paramLabel = "DIR",
            description = "whisper.cpp builds made from source, comma-separated (each its CMake build folder, or the "
                    + "source folder with build/): runs each one's whisper-bench on the same weights and threads beside "
                    + "each weight type (f32 -> ggml F32, f16 -> F16, int8 -> Q8_0 made by a whisper-quantize), "
                    + "alternated with asr4j; with several, each figure is also held against the fastest build for it "
                    + "(on an AVX512-FP16 CPU give a -DGGML_NATIVE=ON and an AVX-512 build).")
    List<Path> whisperCppBuild;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "N",
            description = "With --whisper_cpp_build: rounds of asr4j then each build's whisper-bench (their order "
                    + "rotated round by round) per weight type; medians shown, every round kept in --json "
                    + "(default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = {"--steps_together", "--steps-together"}, negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also time 5 beams and 16 files stepped together against a greedy step, alternated in a child "
                    + "JVM of their own (default: ${DEFAULT-VALUE}).")
    boolean stepsTogether;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Mixin
    Measurement measurement;

    /** How each configuration is measured; shared by the command and its hidden children. */
    static final class Measurement {
        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
        int threads = Runtime.getRuntime().availableProcessors();

        @Option(names = "--warmup", defaultValue = "1", paramLabel = "N",
                description = "Untimed runs before the timed ones, at least; the encoder and decoder stages take up to 8 more "
                        + "while the JIT compilers still work (0: none, a cold measurement) (default: ${DEFAULT-VALUE}).")
        int warmups;

        @Option(names = "--runs", defaultValue = "3", paramLabel = "N",
                description = "Timed encoder passes and decoder runs; the median is shown (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = {"--e2e_runs", "--e2e-runs"}, defaultValue = "1", paramLabel = "N",
                description = "Timed transcriptions of the audio (default: ${DEFAULT-VALUE}).")
        int endToEndRuns;

        @Option(names = {"--tokens_per_window", "--tokens-per-window"}, defaultValue = "120", paramLabel = "N",
                description = "Tokens generated per 30 s window, end-of-text suppressed (default: ${DEFAULT-VALUE}).")
        int tokensPerWindow;

        @Option(names = {"--decoder_steps", "--decoder-steps"}, defaultValue = "64", paramLabel = "N",
                description = "Single-token steps timed after a 4-token prompt (default: ${DEFAULT-VALUE}).")
        int decoderSteps;

        BenchSettings settings() {
            return new BenchSettings(threads, warmups, runs, endToEndRuns, tokensPerWindow, decoderSteps);
        }

        List<String> asArgs() {
            return List.of("--threads", "" + threads, "--warmup", "" + warmups, "--runs", "" + runs,
                    "--e2e_runs", "" + endToEndRuns, "--tokens_per_window", "" + tokensPerWindow,
                    "--decoder_steps", "" + decoderSteps);
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        BenchSettings settings = measurement.settings();
        Path sharedDir = shared != null ? shared : defaultShared();
        Path audioFile = audio != null ? audio : sharedDir.resolve("testdata/audio/long/gb0.wav");
        if (!Files.isRegularFile(audioFile)) {
            throw new IllegalArgumentException("no audio file " + audioFile + " (give --audio or --shared)");
        }
        List<WeightType> types = dtypes.stream().map(WeightType::parse).toList();
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
        }
        List<WhisperCppBuilds.Labelled> sources = whisperCppBuild == null ? List.of() : WhisperCppBuilds.at(whisperCppBuild);
        BenchCheckpoints checkpoints = new BenchCheckpoints(sharedDir.resolve("testdata/models"),
                sharedDir.resolve("testdata/tokenizers/whisper-multilingual"), sharedDir.resolve("tools/checkpoint"),
                cache != null ? cache : BenchCheckpoints.defaultCache());
        PrintWriter err = spec.commandLine().getErr();
        BenchReport report = new BenchReport(settingsJson(settings, audioFile));
        report.setting("rounds", rounds);
        if (!sources.isEmpty()) {
            // One build: its whisper-bench, as before several were taken; several: theirs, comma-separated.
            report.setting("whisper_cpp_build", String.join(",", sources.stream().map(b -> b.build().bench().toString()).toList()));
            report.setting("whisper_cpp_builds", sources.stream().map(b -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("label", b.label());
                m.put("bench", b.build().bench().toString());
                m.put("quantize", b.build().quantize().map(Path::toString).orElse(null));
                return m;
            }).toList());
        }
        for (String model : models) {
            for (WeightType type : types) {
                Path dir = checkpoints.huggingFace(model, type.stored());
                List<String> args = new ArrayList<>(List.of("measure-asr", "--model-dir", dir.toString(),
                        "--audio", audioFile.toString(), "--weight-format", type.format().name()));
                args.addAll(measurement.asArgs());
                List<AsrFigures> asrRounds = new ArrayList<>();
                Map<String, SourceRuns> sourceRuns = prepareSources(sources, checkpoints, model, type);
                // asr4j then every build, round after round: a change of machine load falls on all alike; the
                // builds' order turns each round, so that none always runs right after asr4j's JVM.
                for (int round = 0; round < rounds; round++) {
                    err.printf(Locale.ROOT, "bench: asr4j %s %s%s ...%n", model, type.label(),
                            rounds > 1 ? " round " + (round + 1) : "");
                    err.flush();
                    asrRounds.add(AsrFigures.fromJson(runChild(args)));
                    for (WhisperCppBuilds.Labelled b : WhisperCppBuilds.rotated(sources, round)) {
                        SourceRuns s = sourceRuns.get(b.label());
                        if (s.error != null) {
                            continue; // a build that failed (SIGILL at Q8_0, say) is skipped; the others go on
                        }
                        err.printf(Locale.ROOT, "bench: whisper.cpp (from source) %s %s %s round %d ...%n", b.label(),
                                model, type.ggmlType(), round + 1);
                        err.flush();
                        try {
                            s.runs.add(b.build().run(s.ggml, settings.threads()));
                        } catch (RuntimeException e) {
                            s.error = e.getMessage();
                        }
                    }
                }
                AsrFigures f = AsrFigures.median(asrRounds);
                if (f.hasEndToEnd() && f.tokensGenerated() != f.windows() * settings.tokensPerWindow()) {
                    // Text tokens of blank (cleared) segments are not counted: the work done was still fixed.
                    err.printf(Locale.ROOT, "bench: warning: %s %s kept %d text tokens in %d windows, not %d each%n",
                            model, type.label(), f.tokensGenerated(), f.windows(), settings.tokensPerWindow());
                }
                report.addRounds(model, type.label(), asrRounds);
                if (stepsTogether) {
                    err.printf(Locale.ROOT, "bench: asr4j %s %s, %d beams and %d files stepped together ...%n", model,
                            type.label(), StepsTogether.BEAMS, StepsTogether.FILES);
                    err.flush();
                    List<String> stepArgs = new ArrayList<>(List.of("measure-steps", "--model-dir", dir.toString(),
                            "--weight-format", type.format().name()));
                    stepArgs.addAll(measurement.asArgs());
                    report.addStepsTogether(model, type.label(), StepsTogether.fromJson(runChild(stepArgs)));
                }
                for (WhisperCppBuilds.Labelled b : sources) { // reported in the order given
                    SourceRuns s = sourceRuns.get(b.label());
                    if (s.error != null) {
                        err.printf(Locale.ROOT, "bench: whisper.cpp (from source) %s %s %s could not be measured: %s%n",
                                b.label(), model, type.ggmlType(), s.error);
                        report.addWhisperCppSourceError(model, type.label(), b.label(), s.error);
                    } else if (!s.runs.isEmpty()) {
                        report.addWhisperCppSource(model, type.label(), b.label(),
                                new WhisperCppSourceFigures(type.ggmlType(), s.runs, b.build().bench().toString()));
                    }
                }
            }
            if (whisperCpp) {
                err.printf(Locale.ROOT, "bench: whisper.cpp %s ...%n", model);
                err.flush();
                try {
                    Path ggml = checkpoints.ggml(model);
                    List<String> args = new ArrayList<>(List.of("measure-whisper-cpp", "--ggml", ggml.toString(),
                            "--audio", audioFile.toString(), whisperCppFullCall ? "--full-call" : "--no-full-call"));
                    args.addAll(measurement.asArgs());
                    report.addWhisperCpp(model, WhisperCppFigures.fromJson(runChild(args)));
                } catch (RuntimeException e) {
                    err.printf(Locale.ROOT, "bench: whisper.cpp %s could not be measured: %s%n", model, e.getMessage());
                    report.addWhisperCppError(model, e.getMessage());
                }
            }
        }
        // The load average says how much of the machine others took while this ran.
        report.setting("load_average_end", loadAverage());
        PrintWriter out = spec.commandLine().getOut();
        if (this.json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report.toJson()));
        } else {
            out.print(report.toTable());
            out.printf(Locale.ROOT, "threads %d, %d warm-up + %d runs (median), %d tokens/window, audio %s; "
                            + "load average %s at start, %s at end%n", settings.threads(), settings.warmups(),
                    settings.runs(), settings.tokensPerWindow(), audioFile.getFileName(),
                    report.setting("load_average_start"), report.setting("load_average_end"));
        }
        out.flush();
        return 0;
    }

    /** One build's whisper-bench runs on one weight type: its ggml file, the runs so far, or why it has none. */
    private static final class SourceRuns {
        Path ggml;
        final List<WhisperCppBuild.Run> runs = new ArrayList<>();
        String error;
    }

    /**
     * Each build's ggml file for {@code model} in {@code type}. The Q8_0 file is made by a build's
     * whisper-quantize once and cached for all; builds that have one go first, so that one without still
     * finds the file made.
     */
    private static Map<String, SourceRuns> prepareSources(List<WhisperCppBuilds.Labelled> sources,
                                                          BenchCheckpoints checkpoints, String model, WeightType type) {
        Map<String, SourceRuns> runs = new LinkedHashMap<>();
        sources.forEach(b -> runs.put(b.label(), new SourceRuns()));
        List<WhisperCppBuilds.Labelled> quantizersFirst = sources.stream()
                .sorted(java.util.Comparator.comparing(b -> b.build().quantize().isEmpty())).toList();
        for (WhisperCppBuilds.Labelled b : quantizersFirst) {
            SourceRuns s = runs.get(b.label());
            try {
                s.ggml = checkpoints.ggml(model, type, b.build());
            } catch (RuntimeException e) {
                s.error = e.getMessage();
            }
        }
        return runs;
    }

    private static Map<String, Object> settingsJson(BenchSettings settings, Path audioFile) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threads", settings.threads());
        m.put("warmups", settings.warmups());
        m.put("runs", settings.runs());
        m.put("end_to_end_runs", settings.endToEndRuns());
        m.put("tokens_per_window", settings.tokensPerWindow());
        m.put("decoder_steps", settings.decoderSteps());
        m.put("prompt_tokens", BenchSettings.PROMPT_TOKENS);
        m.put("audio", audioFile.toString());
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("java", Runtime.version().toString());
        m.put("load_average_start", loadAverage());
        return m;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** As the test kit finds it: $ASR4J_SHARED, else -Dasr4j.shared, else ../shared. */
    static Path defaultShared() {
        String env = System.getenv("ASR4J_SHARED");
        String prop = System.getProperty("asr4j.shared");
        return Path.of(env != null && !env.isBlank() ? env : prop != null && !prop.isBlank() ? prop : "../shared");
    }

    /**
     * Runs {@code asr4j bench ARGS} in a child JVM started like this one and returns the JSON object it
     * printed last on stdout. Its stderr is kept and quoted when it fails.
     */
    static Map<String, Object> runChild(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib:jdwp")) { // a second debugger on the same port would not start
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchMain.class.getName(), "bench"));
        cmd.addAll(args);
        Path stderr = Files.createTempFile("asr4j-bench-", ".err");
        try {
            Process child = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
            child.getOutputStream().close();
            String stdout = new String(child.getInputStream().readAllBytes());
            int exit = child.waitFor();
            String json = stdout.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
            if (exit != 0 || json == null) {
                List<String> lines = Files.readAllLines(stderr);
                String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
                throw new IllegalStateException("child JVM `bench " + String.join(" ", args) + "` failed (exit "
                        + exit + "):\n" + tail);
            }
            return JSON.readValue(json, new TypeReference<>() {});
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** Hidden child: measures one asr4j model folder and prints {@link AsrFigures} as one JSON line. */
    @Command(name = "measure-asr", hidden = true)
    static final class MeasureAsr implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model-dir", required = true)
        Path modelDir;

        @Option(names = "--audio", required = true)
        Path audio;

        @Option(names = "--weight-format", defaultValue = "STORED")
        WeightFormat weightFormat;

        @Mixin
        Measurement measurement;

        @Override
        public Integer call() throws IOException {
            AsrFigures f = AsrBenchmark.run(modelDir, audio, measurement.settings(), weightFormat);
            spec.commandLine().getOut().println(JSON.writeValueAsString(f.toJson()));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** Hidden child: times {@link StepsTogether} on one asr4j model folder, prints one JSON line. */
    @Command(name = "measure-steps", hidden = true)
    static final class MeasureSteps implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model-dir", required = true)
        Path modelDir;

        @Option(names = "--weight-format", defaultValue = "STORED")
        WeightFormat weightFormat;

        @Mixin
        Measurement measurement;

        @Override
        public Integer call() throws IOException {
            StepsTogether f = StepsTogether.measure(modelDir, measurement.settings(), weightFormat);
            spec.commandLine().getOut().println(JSON.writeValueAsString(f.toJson()));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** Hidden child: measures whisper.cpp through whisper-jni on one ggml file, prints one JSON line. */
    @Command(name = "measure-whisper-cpp", hidden = true)
    static final class MeasureWhisperCpp implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--ggml", required = true)
        Path ggml;

        @Option(names = "--audio", required = true)
        Path audio;

        @Option(names = "--full-call", negatable = true, defaultValue = "true", fallbackValue = "true")
        boolean fullCall;

        @Option(names = "--verbose", description = "Keep whisper.cpp's own log on stderr.")
        boolean verbose;

        @Mixin
        Measurement measurement;

        @Override
        public Integer call() throws IOException {
            BenchSettings settings = measurement.settings();
            WhisperJNI.loadLibrary();
            Path library = WhisperCppStages.loadedLibrary().orElseThrow(() ->
                    new IllegalStateException("whisper-jni loaded, but no libwhisper.so is mapped in this process"));
            if (!verbose) {
                WhisperCppStages.silenceLog(library);
            }
            WhisperJNI jni = new WhisperJNI();
            float[] samples = AudioReader.read(audio).samplesAt(AudioConstants.SAMPLE_RATE);
            double audioSeconds = samples.length / (double) AudioConstants.SAMPLE_RATE;
            // As the Transcriber seeks: one window per 3000 content frames, the last one partial.
            int windows = (int) Math.ceil((samples.length / AudioConstants.HOP_LENGTH) / (double) AudioConstants.N_FRAMES);

            WhisperCppStages.Stages stages = WhisperCppStages.measure(library, ggml, samples, settings);
            double fullS = -1;
            int segments = -1;
            if (fullCall) {
                WhisperContext ctx = jni.init(ggml);
                try {
                    WhisperFullParams p = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
                    p.nThreads = settings.threads();
                    p.language = "en";
                    p.noTimestamps = true;
                    p.noContext = true;          // like condition_on_previous_text=false
                    p.temperatureInc = 0;        // one temperature: no fallback re-decodes
                    p.printProgress = false;
                    p.printRealtime = false;
                    p.printTimestamps = false;
                    long t = System.nanoTime();
                    int status = jni.full(ctx, p, samples, samples.length);
                    fullS = Samples.since(t);
                    if (status != 0) {
                        throw new IllegalStateException("whisper_full returned " + status);
                    }
                    segments = jni.fullNSegments(ctx);
                } finally {
                    jni.free(ctx);
                }
            }
            WhisperCppFigures f = new WhisperCppFigures(stages.encoderS(), stages.decoderMsPerToken(),
                    stages.estimatedRtf(windows, settings.tokensPerWindow(), audioSeconds), stages.melS(), fullS,
                    fullS < 0 ? -1 : fullS / audioSeconds, segments, PeakRss.megabytes(), jni.getSystemInfo().strip());
            spec.commandLine().getOut().println(JSON.writeValueAsString(f.toJson()));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
