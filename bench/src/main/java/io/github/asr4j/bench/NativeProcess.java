package io.github.asr4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a native program the user built (whisper.cpp's tools, the Qwen3-ASR C port) to completion, with
 * its output (stdout and stderr together) and, where GNU time is installed, its peak RSS.
 */
final class NativeProcess {
    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final Pattern PEAK_RSS = Pattern.compile("^peak_rss_kb=(\\d+)\\s*$", Pattern.MULTILINE);

    private NativeProcess() {}

    /** What the program printed, and its peak RSS in MiB (-1 without GNU time). */
    record Result(String output, double peakRssMb) {}

    /** Exit status 128 + 4: the program died of SIGILL (directly, or reported so by GNU time). */
    static final int SIGILL_EXIT = 132;

    /**
     * What an exit status says beyond its number: a native build made for another CPU dies of SIGILL on this
     * one. whisper.cpp built with {@code -DGGML_NATIVE=ON} on a Xeon whose VM lists AMX without granting it
     * dies so at its first 8-bit product (seen: {@code tileloadd} in {@code tinygemm_kernel_amx}).
     */
    static String signalHint(int exit) {
        return exit == SIGILL_EXIT
                ? ", SIGILL: it executed an instruction this CPU or VM does not run; rebuild it for this machine"
                        + " (whisper.cpp on a VM that lists AMX without granting it: -DGGML_NATIVE=OFF with the"
                        + " AVX-512 options and -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF)"
                : "";
    }

    /**
     * Runs {@code command} with {@code env} added to this process's environment.
     *
     * @throws IllegalStateException when it exits non-zero (quoting its last lines) or runs past {@code minutes}
     */
    static Result run(List<String> command, Map<String, String> env, String what, int minutes)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        boolean timed = Files.isExecutable(GNU_TIME);
        if (timed) {
            cmd.addAll(List.of(GNU_TIME.toString(), "-f", "peak_rss_kb=%M"));
        }
        cmd.addAll(command);
        Path log = Files.createTempFile("asr4j-" + what.replaceAll("\\W", "_") + "-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish in " + minutes + " minutes: " + String.join(" ", command));
            }
            String output = Files.readString(log);
            if (p.exitValue() != 0) {
                List<String> lines = output.lines().toList();
                throw new IllegalStateException(what + " failed (exit " + p.exitValue() + signalHint(p.exitValue()) + "): "
                        + String.join(" ", command)
                        + "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size())));
            }
            Matcher rss = PEAK_RSS.matcher(output);
            return new Result(output, timed && rss.find() ? Long.parseLong(rss.group(1)) / 1024.0 : -1);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
