package io.github.asr4j.bench;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.model.DecoderSession;
import io.github.asr4j.model.WhisperModel;
import io.github.asr4j.profile.Profile;
import io.github.asr4j.profile.ProfileEvent;
import io.github.asr4j.profile.RecordingProfiler;
import io.github.asr4j.profile.Profiler;
import io.github.asr4j.profile.SpanLevel;
import io.github.asr4j.testkit.RandomCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 11's decoder figures on one checkpoint, every case alternated round by round in one JVM on
 * the same weights and audio states: one greedy step, one step of {@code beams} beams together
 * (one window, shared cross-attention cache), one step of {@code files} sessions of different
 * windows together (what {@code transcribeAll} does), per-file time of that batch against one file
 * alone, and the profile of one greedy step, one step of the beams and one of the files (time, bytes
 * and GFLOP/s per op). A program, not a test:
 *
 * <pre>java --add-modules=jdk.incubator.vector -Xmx4g -cp bench/target/asr4j-bench.jar \
 *     io.github.asr4j.bench.DecoderStepFigures ../shared card F16 F16 2 7</pre>
 *
 * Its kernels compile as in a transcription: the vector backend adds the launcher's C2 directive itself
 * (without it, in about a third of the JVMs the 5-row part kernel compiled to three times its size and ran
 * fc2 at two thirds of fc1's rate: docs/notes/2026-12-05g-fc2k.md).
 *
 * Args: shared folder, checkpoint, weights ({@code F32}, {@code F16}, {@code INT8} = F32 quantized at
 * load), KV cache ({@code F32}, {@code F16}, {@code Q8}), threads, rounds, [beams 5], [files 16], [steps 24].
 */
public final class DecoderStepFigures {
    private static final int[] PROMPT = {50258, 50259, 50359, 50363};
    private static final int TOKEN = 440;
    /** Bytes one profiled greedy step moves (set by {@link #profile}). */
    private static final double[] PROFILED_BYTES = new double[1];

    private DecoderStepFigures() {}

    public static void main(String[] args) {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared").toAbsolutePath().normalize();
        String name = args.length > 1 ? args[1] : "card";
        String weights = args.length > 2 ? args[2].toUpperCase(Locale.ROOT) : "F16";
        BufferType kv = BufferType.valueOf(args.length > 3 ? args[3].toUpperCase(Locale.ROOT) : "F32");
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 7;
        int beams = args.length > 6 ? Integer.parseInt(args[6]) : 5;
        int files = args.length > 7 ? Integer.parseInt(args[7]) : 16;
        int steps = args.length > 8 ? Integer.parseInt(args[8]) : 24;
        BenchCheckpoints checkpoints = new BenchCheckpoints(shared.resolve("testdata/models"),
                shared.resolve("testdata/tokenizers/whisper-multilingual"), shared.resolve("tools/checkpoint"),
                BenchCheckpoints.defaultCache());
        boolean int8 = weights.equals("INT8");
        Path dir = checkpoints.huggingFace(name, int8 ? RandomCheckpoint.Precision.F32 : RandomCheckpoint.Precision.valueOf(weights));
        WeightFormat format = int8 ? WeightFormat.INT8 : WeightFormat.STORED;
        try (Backend backend = Backends.cpu(threads, format); WhisperModel model = WhisperModel.load(dir, backend, kv)) {
            float[] audio = model.encode(constantMel(model));
            Sessions sessions = Sessions.of(model, audio, beams, files);
            String[] cases = {"greedy", "beams", "batch", "stream", "streamCpu"};
            double[][] ms = new double[cases.length][rounds];
            double[][] cpu = new double[cases.length][rounds];
            double[][] alloc = new double[cases.length][rounds];
            StreamingRead stream = new StreamingRead(threads);
            long[] jit = new long[rounds];                  // JIT ms during each timed round
            long[] began = new long[rounds + 2];            // JVM uptime (ms) at each round's start, warm-ups first
            for (int r = -2; r < rounds; r++) {            // two warm-up rounds
                int at = Math.max(r, 0);
                began[r + 2] = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
                long jit0 = jitMillis();
                sessions.timeRound(steps, at, ms, cpu, alloc);
                jit[at] = jitMillis() - jit0;
                double[] rate = stream.gbPerSecond();
                ms[3][at] = rate[0];
                ms[4][at] = rate[1];
            }
            double g = median(ms[0]);
            double b = median(ms[1]);
            double f = median(ms[2]);
            double gbs = median(ms[3]);
            double gbsCpu = median(ms[4]);
            System.out.printf(Locale.ROOT, "  calling thread's CPU time per step (all the work at 1 thread): greedy %.3f ms, "
                    + "%d beams %.3f ms (%.2fx), %d files %.3f ms (%.3f ms per file, %.3fx)%n", median(cpu[0]), beams,
                    median(cpu[1]), median(cpu[1]) / median(cpu[0]), files, median(cpu[2]), median(cpu[2]) / files,
                    median(cpu[2]) / files / median(cpu[0]));
            System.out.printf(Locale.ROOT, "  heap allocated per step on the calling thread: greedy %.1f KB, %d beams %.1f KB, %d files %.1f KB"
                    + " (a logits row: %.1f KB)%n", median(alloc[0]) / 1e3, beams, median(alloc[1]) / 1e3,
                    files, median(alloc[2]) / 1e3, model.config().vocabSize() * 4 / 1e3);
            System.out.printf(Locale.ROOT, "  streaming read, %d threads: %.1f GB/s by the wall clock, %.1f GB/s by the readers' CPU time"
                    + " (median; same rounds)%n", threads, gbs, gbsCpu);
            System.out.printf(Locale.ROOT, "  JIT compile time during each timed round (ms): %s%n", Arrays.toString(jit));
            System.out.printf(Locale.ROOT, "  heap allocated per step on the calling thread in each timed round (KB): greedy %s, %d beams %s, "
                    + "%d files %s; rounds began at JVM uptime (ms, two warm-ups first) %s%n", kilobytes(alloc[0]), beams,
                    kilobytes(alloc[1]), files, kilobytes(alloc[2]), Arrays.toString(began));
            System.out.printf(Locale.ROOT, "%s weights %s, kv %s, %s, %d rounds x %d steps (median):%n",
                    name, weights, kv, backend.name(), rounds, steps);
            System.out.printf(Locale.ROOT, "  greedy step           %8.3f ms%n", g);
            System.out.printf(Locale.ROOT, "  %2d beams, one step    %8.3f ms  (%.2fx greedy)%n", beams, b, b / g);
            System.out.printf(Locale.ROOT, "  %2d files, one step    %8.3f ms  (%.3f ms per file, %.3fx one file alone)%n",
                    files, f, f / files, f / files / g);
            profile(model, audio, steps, g, gbs, 1);
            profile(model, audio, steps, b, gbs, beams);
            profileFiles(model, audio, steps, f, gbs, files);
            double cpuReadMs = PROFILED_BYTES[0] / 1e6 / gbsCpu;
            System.out.printf(Locale.ROOT, "  by CPU time: a greedy step's bytes take %.3f ms at the readers' CPU-time rate, %.0f %% of"
                    + " the step's CPU time on its calling thread (%.3f ms; all of the step's work at 1 thread)%n",
                    cpuReadMs, 100 * cpuReadMs / median(cpu[0]), median(cpu[0]));
        }
    }

    /** A window of constant log-mel (the step's cost does not depend on the audio). */
    static float[] constantMel(WhisperModel model) {
        float[] mel = new float[model.config().numMelBins() * 3000];
        Arrays.fill(mel, -0.5f);
        return mel;
    }

    /**
     * The sessions the figures step, each fed the prompt: one greedy; {@code beams} beams of one
     * window (copies sharing its cross-attention cache); {@code files} sessions of windows of their
     * own (each its own cross-attention cache, as {@code transcribeAll}'s files).
     */
    record Sessions(DecoderSession greedy, DecoderSession[] beams, DecoderSession[] batch) {
        static Sessions of(WhisperModel model, float[] audio, int beams, int files) {
            DecoderSession greedy = prompted(model.newSession(audio));
            DecoderSession[] beam = new DecoderSession[beams];
            beam[0] = prompted(model.newSession(audio));
            for (int i = 1; i < beams; i++) {
                beam[i] = beam[0].copy();
            }
            DecoderSession[] batch = new DecoderSession[files];
            for (int i = 0; i < files; i++) {
                batch[i] = prompted(model.newSession(ownWindow(audio, i)));
            }
            return new Sessions(greedy, beam, batch);
        }

        /**
         * One round, the three cases one after another, {@code steps} steps each (as transcription steps:
         * the logits into each session's own row): per step wall ms,
         * calling-thread CPU ms and heap bytes into {@code ms}, {@code cpu}, {@code alloc} {@code [case][at]}
         * (case 0 greedy, 1 the beams together, 2 the files together); each session rewound after.
         */
        void timeRound(int steps, int at, double[][] ms, double[][] cpu, double[][] alloc) {
            time(steps, () -> greedy.stepInPlace(new int[] {TOKEN}), new double[][] {ms[0], cpu[0], alloc[0]}, at, greedy);
            time(steps, () -> DecoderSession.stepBatchInPlace(beams, tokens(beams.length)),
                    new double[][] {ms[1], cpu[1], alloc[1]}, at, beams);
            time(steps, () -> DecoderSession.stepBatchInPlace(batch, tokens(batch.length)),
                    new double[][] {ms[2], cpu[2], alloc[2]}, at, batch);
        }
    }

    /** File {@code i}'s encoded window: {@code audio} changed in one value, so it gets a cross-attention cache of its own. */
    private static float[] ownWindow(float[] audio, int i) {
        float[] other = audio.clone();
        other[i] += 1e-3f;
        return other;
    }

    private static DecoderSession prompted(DecoderSession s) {
        s.step(PROMPT);
        return s;
    }

    private static int[] tokens(int n) {
        int[] t = new int[n];
        Arrays.fill(t, TOKEN);
        return t;
    }

    /**
     * Per step of {@code steps} steps: wall ms, calling-thread CPU ms and calling-thread heap bytes
     * allocated into {@code into[0..2][at]}; each session is rewound to the prompt afterwards.
     */
    private static void time(int steps, Runnable step, double[][] into, int at, DecoderSession... sessions) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long a0 = bean.getCurrentThreadAllocatedBytes();
        long c0 = bean.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            step.run();
        }
        into[0][at] = (System.nanoTime() - t0) / 1e6 / steps;
        into[1][at] = (bean.getCurrentThreadCpuTime() - c0) / 1e6 / steps;
        into[2][at] = (bean.getCurrentThreadAllocatedBytes() - a0) / (double) steps;
        for (DecoderSession s : sessions) {
            s.rewind(PROMPT.length);
        }
    }

    /** One greedy session's steps under a recording profiler: mean time and bytes per step of each op name. */
    private static void profile(WhisperModel model, float[] audio, int steps, double greedyMs, double gbPerSecond, int beams) {
        RecordingProfiler profiler = Profiler.recording();
        DecoderSession[] s = new DecoderSession[beams];
        s[0] = prompted(model.newSession(audio, profiler));
        for (int i = 1; i < beams; i++) {
            s[i] = s[0].copy();
        }
        profile(profiler, s, beams == 1 ? "greedy" : beams + "-beam", steps, greedyMs, gbPerSecond);
    }

    /** As {@link #profile(WhisperModel, float[], int, double, double, int)} for {@code files} sessions of windows of their own stepped together. */
    private static void profileFiles(WhisperModel model, float[] audio, int steps, double batchMs, double gbPerSecond, int files) {
        RecordingProfiler profiler = Profiler.recording();
        DecoderSession[] s = new DecoderSession[files];
        for (int i = 0; i < files; i++) {
            s[i] = prompted(model.newSession(ownWindow(audio, i), profiler));
        }
        profile(profiler, s, files + "-file", steps, batchMs, gbPerSecond);
    }

    private static void profile(RecordingProfiler profiler, DecoderSession[] s, String label, int steps, double stepMs,
                                double gbPerSecond) {
        int beams = s.length;
        Runnable step = beams == 1 ? () -> s[0].stepInPlace(new int[] {TOKEN}) : () -> DecoderSession.stepBatchInPlace(s, tokens(beams));
        batch(step, steps, s);                                  // warm-up
        int tries = 0;
        long jit;
        do {                                                    // until a batch passes with the JIT idle
            profiler.clear();
            long jit0 = jitMillis();
            batch(step, steps, s);
            jit = jitMillis() - jit0;
            tries++;
        } while (jit > QUIET_JIT_MILLIS && tries < MAX_PROFILED_BATCHES);
        Profile p = profiler.snapshot();
        Map<String, long[]> byOp = new LinkedHashMap<>();   // name -> {nanos, bytes, flops, calls}
        long passNanos = 0;
        for (ProfileEvent e : p.events()) {
            if (e.level() == SpanLevel.PASS && e.name().equals("decoder.step")) {
                passNanos += e.durationNanos();
            } else if (e.level() == SpanLevel.OP) {
                long[] a = byOp.computeIfAbsent(e.name(), k -> new long[4]);
                a[0] += e.durationNanos();
                a[1] += e.bytes();
                a[2] += e.flops();
                a[3]++;
            }
        }
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(byOp.entrySet());
        rows.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]));
        long opNanos = 0;
        long opBytes = 0;
        System.out.printf(Locale.ROOT, "  profile of one %s step (%d steps, profiled): %.3f ms per step (batch %d of"
                + " those profiled; JIT compiled %d ms during it)%n", label, steps, passNanos / 1e6 / steps, tries, jit);
        System.out.printf(Locale.ROOT, "    %-28s %9s %7s %10s %8s %8s %6s%n", "op", "ms/step", "share", "MB/step", "GB/s", "GFLOP/s",
                "calls");
        for (Map.Entry<String, long[]> r : rows) {
            long[] a = r.getValue();
            opNanos += a[0];
            opBytes += a[1];
            System.out.printf(Locale.ROOT, "    %-28s %9.3f %6.1f%% %10.2f %8.1f %8.1f %6d%n", r.getKey(), a[0] / 1e6 / steps,
                    100.0 * a[0] / passNanos, a[1] / 1e6 / steps, a[0] > 0 ? (double) a[1] / a[0] : 0,
                    a[0] > 0 ? (double) a[2] / a[0] : 0, a[3] / steps);
        }
        System.out.printf(Locale.ROOT, "    %-28s %9.3f %6.1f%% %10.2f %8.1f   (outside ops: %.3f ms)%n", "all ops",
                opNanos / 1e6 / steps, 100.0 * opNanos / passNanos, opBytes / 1e6 / steps, (double) opBytes / opNanos,
                (passNanos - opNanos) / 1e6 / steps);
        if (beams == 1) {
            PROFILED_BYTES[0] = (double) opBytes / steps;
        }
        double readMs = opBytes / 1e6 / steps / gbPerSecond;
        System.out.printf(Locale.ROOT, "  a %s step moves %.1f MB: %.3f ms at the streaming rate, %.0f %% of the unprofiled step (%.3f ms)%n",
                label, opBytes / 1e6 / steps, readMs, 100 * readMs / stepMs, stepMs);
    }

    /** {@code steps} steps, the sessions rewound after (so every batch steps the same positions as a timed round). */
    private static void batch(Runnable step, int steps, DecoderSession[] sessions) {
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        for (DecoderSession s : sessions) {
            s.rewind(PROMPT.length);
        }
    }

    /**
     * Profiled batches at most, the first with the JIT (nearly) idle kept. A profiled session's first
     * steps take code paths the timed rounds did not (the profiling backend, a second receiver at the
     * model's backend calls); the compiles and deopts that follow come in bursts for seconds, and on a
     * 2-core machine a compile takes a core from the 2-thread kernels: every op of a profiled INT8
     * step ran 1.5-2.5x slower (208 ms of JIT in a 205 ms batch: docs/notes/2026-12-06g-i8g.md).
     */
    private static final int MAX_PROFILED_BATCHES = 40;
    /** JIT time per batch taken as idle (a few small compiles, e.g. of printing code, are). */
    private static final long QUIET_JIT_MILLIS = 5;

    /** The JIT's compile time so far, summed over its threads (ms). */
    /** Bytes as KB with one decimal, for the per-round lines (a kernel left to C1 for part of the rounds shows as one round's figure). */
    private static String kilobytes(double[] bytes) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < bytes.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", bytes[i] / 1e3));
        }
        return b.append(']').toString();
    }

    static long jitMillis() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
