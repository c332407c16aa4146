package io.github.asr4j.qwen;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.profile.Profile;
import io.github.asr4j.profile.ProfileEvent;
import io.github.asr4j.profile.ProfileSummary;
import io.github.asr4j.profile.Profiler;
import io.github.asr4j.profile.ProfilingBackend;
import io.github.asr4j.profile.RecordingProfiler;
import io.github.asr4j.profile.Span;
import io.github.asr4j.profile.SpanLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Times the Qwen3-ASR network on one wav: log-mel, encoder, prefill of the official {@code auto}
 * prompt, and greedy decoder steps (median ms/token), then prints the peak RSS (VmHWM) beside the
 * mapped weights. With {@code profile} the steps run under a {@link ProfilingBackend} and the op
 * table of the step pass is printed. Not a test: run it with the test class path,
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp core/target/test-classes:core/target/classes:$(cat cp.txt) \
 *       io.github.asr4j.qwen.QwenSpeedBenchmark MODEL_DIR WAV [threads=2] [steps=32] [profile|ab]
 * </pre>
 *
 * With {@code ab} the steps alternate between the backend's one-pass {@code linears}/{@code linearSwiglu} and the
 * interface's defaults (one op per product), in the same JVM, and each form's median is printed.
 */
public final class QwenSpeedBenchmark {
    private QwenSpeedBenchmark() {}

    static final int[] PREFIX = {151644, 8948, 198, 151645, 198, 151644, 872, 198, 151669};
    static final int[] SUFFIX = {151670, 151645, 198, 151644, 77091, 198};

    /** The official prompt with no context and no language, {@code n} audio pads. */
    static int[] autoPrompt(int audioTokenId, int n) {
        int[] p = new int[PREFIX.length + n + SUFFIX.length];
        System.arraycopy(PREFIX, 0, p, 0, PREFIX.length);
        Arrays.fill(p, PREFIX.length, PREFIX.length + n, audioTokenId);
        System.arraycopy(SUFFIX, 0, p, PREFIX.length + n, SUFFIX.length);
        return p;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path wav = Path.of(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        boolean profile = args.length > 4 && args[4].equals("profile");
        boolean ab = args.length > 4 && args[4].equals("ab");
        float[] samples = AudioReader.read(wav).samplesAt(AudioConstants.SAMPLE_RATE);
        long mapped = Files.size(dir.resolve("model.safetensors"));
        try (Backend plain = Backends.cpu(threads)) {
            RecordingProfiler recorder = Profiler.recording();
            boolean[] apart = {false};
            Backend backend = profile ? ProfilingBackend.wrap(plain, recorder) : ab ? switchable(plain, apart) : plain;
            long t0 = System.nanoTime();
            try (QwenAsrModel model = QwenAsrModel.load(dir, backend)) {
                long t1 = System.nanoTime();
                float[] mel = model.logMel(samples);
                int frames = samples.length / 160;
                long t2 = System.nanoTime();
                EncodedAudio audio;
                audio = model.encode(mel, frames);
                long t3 = System.nanoTime();
                // Again, with the kernels compiled: the steady-state figure, the fastest of three
                // passes (the last one profiled).
                long warm = Long.MAX_VALUE;
                for (int r = 0; r < 3; r++) {
                    long w0 = System.nanoTime();
                    if (r < 2) {
                        model.encode(mel, frames);
                    } else {
                        try (Span pass = ProfilingBackend.scopes(backend).pass("encoder")) {
                            model.encode(mel, frames);
                        }
                    }
                    warm = Math.min(warm, System.nanoTime() - w0);
                }
                long t3b = System.nanoTime();
                int[] prompt = autoPrompt(model.config().audioTokenId(), audio.tokens());
                try (QwenDecoderSession s = model.newSession(prompt.length + steps + 1)) {
                    float[] logits;
                    try (Span pass = ProfilingBackend.scopes(backend).pass("prefill")) {
                        logits = s.prefill(prompt, audio);   // cold: its first matrix pass of this shape
                    }
                    long t4 = System.nanoTime();
                    double[] ms = new double[steps];
                    for (int k = 0; k < steps; k++) {
                        int token = QwenParity.argmax(logits);
                        apart[0] = ab && k % 2 == 1;
                        long a = System.nanoTime();
                        try (Span pass = ProfilingBackend.scopes(backend).pass("decoder.step")) {
                            logits = s.step(token);
                        }
                        ms[k] = (System.nanoTime() - a) / 1e6;
                    }
                    double[] sorted = ms.clone();
                    Arrays.sort(sorted);
                    if (ab) {
                        System.out.printf("steps alternated: one pass (linears, linearSwiglu) median %.2f ms, one op per product "
                                + "(the interface's defaults) median %.2f ms, over %d steps each%n",
                                medianOf(ms, 0), medianOf(ms, 1), steps / 2);
                    }
                    System.out.printf("%s: %d samples, %d frames, %d audio tokens, prompt %d, %s, %d threads%n",
                            wav.getFileName(), samples.length, frames, audio.tokens(), prompt.length, plain.name(), threads);
                    System.out.printf("load %.0f ms, log-mel %.0f ms, encoder %.0f ms (again: %.0f ms), prefill %.0f ms "
                                    + "(%.1f ms/token), step median %.1f ms (min %.1f, max %.1f) over %d%n",
                            (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, warm / 1e6, (t4 - t3b) / 1e6,
                            (t4 - t3b) / 1e6 / prompt.length, sorted[steps / 2], sorted[0], sorted[steps - 1], steps);
                    System.out.printf("peak RSS %s; mapped weights %.0f MB; load average %s%n", vmHwm(), mapped / 1e6,
                            Files.readString(Path.of("/proc/loadavg")).trim());
                    if (profile) {
                        ProfileSummary summary = ProfileSummary.of(recorder.snapshot(), 0);
                        for (String pass : new String[] {"encoder", "prefill", "decoder.step"}) {
                            int calls = pass.equals("decoder.step") ? steps : 1;
                            System.out.println(pass + " (per pass):");
                            summary.ops().stream().filter(o -> o.pass().equals(pass))
                                    .forEach(o -> System.out.printf("  %-12s %5d calls %8.2f ms %5.1f%% %6.1f GFLOP/s %6.1f GB/s%n",
                                            o.type(), o.calls(), o.totalNanos() / 1e6 / calls, 100 * o.shareOfPass(),
                                            o.gflops(), o.gbPerSecond()));
                        }
                        printStepOpsByName(recorder.snapshot(), steps);
                    }
                }
            }
        }
    }

    /** The step pass's ops by name (consecutive ops of one name are one span: q, k and v are one {@code qkv}). */
    private static void printStepOpsByName(Profile profile, int steps) {
        Map<String, long[]> byName = new LinkedHashMap<>();   // spans, nanos, bytes
        for (ProfileEvent e : profile.events()) {
            ProfileEvent pass = profile.passOf(e);
            if (e.level() == SpanLevel.OP && pass != null && pass.name().equals("decoder.step")) {
                long[] a = byName.computeIfAbsent(e.name(), k -> new long[3]);
                a[0]++;
                a[1] += e.durationNanos();
                a[2] += e.bytes();
            }
        }
        System.out.println("decoder.step by op name (per step):");
        byName.forEach((name, a) -> System.out.printf("  %-12s %5d spans %8.3f ms %6.1f GB/s %8.2f us/span%n",
                name, a[0] / steps, a[1] / 1e6 / steps, a[1] == 0 ? 0 : (double) a[2] / a[1], a[1] / 1e3 / a[0]));
    }

    /**
     * {@code backend} behind a proxy that runs {@link Backend#linears} and {@link Backend#linearSwiglu} as the
     * interface's defaults (one op per product) while {@code apart[0]}, else as the backend's one pass: both forms in
     * one JVM, alternated step by step (the proxy's cost is the same for both).
     */
    private static Backend switchable(Backend backend, boolean[] apart) {
        return (Backend) java.lang.reflect.Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    boolean fused = method.getName().equals("linears") || method.getName().equals("linearSwiglu");
                    try {
                        return fused && apart[0] ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args)
                                : method.invoke(backend, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The median of {@code ms[from], ms[from + 2], ...}. */
    private static double medianOf(double[] ms, int from) {
        double[] every = new double[(ms.length - from + 1) / 2];
        for (int i = 0; i < every.length; i++) {
            every[i] = ms[from + 2 * i];
        }
        Arrays.sort(every);
        return every[every.length / 2];
    }

    private static String vmHwm() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .map(l -> l.replaceAll("\\s+", " ")).findFirst().orElse("?");
    }
}
