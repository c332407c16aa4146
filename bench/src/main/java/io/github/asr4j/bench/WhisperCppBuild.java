package io.github.asr4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whisper.cpp build made from source by the user (its CMake build folder, or the source folder
 * holding {@code build/}): runs its {@code whisper-bench} on a ggml file and its
 * {@code whisper-quantize} to make the Q8_0 file. asr4j ships none of it.
 *
 * @param bench the {@code whisper-bench} executable
 * @param quantize the {@code whisper-quantize} executable, if built
 */
public record WhisperCppBuild(Path bench, Optional<Path> quantize) {

    /**
     * Finds the executables under {@code dir}: in {@code dir}, {@code dir/bin} or {@code dir/build/bin}.
     *
     * @throws IllegalArgumentException when there is no executable {@code whisper-bench} in any of them
     */
    public static WhisperCppBuild at(Path dir) {
        List<Path> places = List.of(dir, dir.resolve("bin"), dir.resolve("build").resolve("bin"));
        Path bench = find(places, "whisper-bench").orElseThrow(() -> new IllegalArgumentException(
                "--whisper_cpp_build " + dir + ": no executable whisper-bench in " + places
                        + " (build the whisper-bench target of whisper.cpp there)"));
        return new WhisperCppBuild(bench, find(places, "whisper-quantize"));
    }

    private static Optional<Path> find(List<Path> places, String name) {
        return places.stream().map(p -> p.resolve(name)).filter(Files::isExecutable).findFirst();
    }

    /** One run of whisper-bench and, where GNU time is installed, its peak RSS in MiB (-1 otherwise). */
    public record Run(WhisperBenchTimings timings, double peakRssMb) {}

    /**
     * Runs {@code whisper-bench -m GGML -t THREADS} once (it encodes twice and decodes untimed before the
     * timed stages) and parses what it printed.
     *
     * @throws IllegalStateException when it fails, does not finish within 30 minutes, or prints no timings
     */
    public Run run(Path ggml, int threads) throws IOException, InterruptedException {
        List<String> cmd = List.of(bench.toString(), "-m", ggml.toString(), "-t", Integer.toString(threads));
        NativeProcess.Result r = NativeProcess.run(cmd, Map.of(), "whisper-bench", 30);
        try {
            return new Run(WhisperBenchTimings.parse(r.output()), r.peakRssMb());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code out} as {@code whisper-quantize IN OUT TYPE} does. */
    public void quantize(Path in, Path out, String type) throws IOException, InterruptedException {
        Path q = quantize.orElseThrow(() -> new IllegalStateException("no whisper-quantize beside " + bench
                + ": build that target too to compare the 8-bit weights"));
        NativeProcess.run(List.of(q.toString(), in.toString(), out.toString(), type), Map.of(), "whisper-quantize", 30);
        if (!Files.isRegularFile(out)) {
            throw new IllegalStateException("whisper-quantize wrote no " + out);
        }
    }
}
