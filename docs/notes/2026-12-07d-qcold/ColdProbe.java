import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.qwen.EncodedAudio;
import io.github.asr4j.qwen.QwenAsrModel;
import io.github.asr4j.qwen.QwenDecoderSession;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * qcold's probe (2026-12-07d): bench qwen's fresh run (QwenBenchmark's sequence: mel, encoder, prefill, greedy
 * steps) with the JVM uptime at each boundary (to line up with -XX:+PrintCompilation), each of the first steps
 * timed alone, and a sampler that polls the worker threads' stacks (per-thread handshakes, every 0.5 ms) during
 * the prefill for the one-row BF16 kernel (BF16Weights$Simd.dotRows): the last-row logits' start and end.
 * Args: MODEL WAV THREADS STEPS RUNS [hash]
 */
public final class ColdProbe {
    private static final int[] PREFIX = {151644, 8948, 198, 151645, 198, 151644, 872, 198, 151669};
    private static final int[] SUFFIX = {151670, 151645, 198, 151644, 77091, 198};

    static double up() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Path wav = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        float[] samples = AudioReader.read(wav).samplesAt(AudioConstants.SAMPLE_RATE);
        try (Backend backend = Backends.cpu(threads); QwenAsrModel m = QwenAsrModel.load(model, backend)) {
            for (int r = 0; r < runs; r++) {
                runNo = r;
                long t0 = System.nanoTime();
                double u0 = up();
                float[] mel = m.logMel(samples);
                int frames = samples.length / AudioConstants.HOP_LENGTH;
                long t1 = System.nanoTime();
                EncodedAudio audio = m.encode(mel, frames);
                long t2 = System.nanoTime();
                double u2 = up();
                int[] prompt = new int[PREFIX.length + audio.tokens() + SUFFIX.length];
                System.arraycopy(PREFIX, 0, prompt, 0, PREFIX.length);
                Arrays.fill(prompt, PREFIX.length, PREFIX.length + audio.tokens(), m.config().audioTokenId());
                System.arraycopy(SUFFIX, 0, prompt, PREFIX.length + audio.tokens(), SUFFIX.length);
                Sampler sampler = new Sampler(Thread.currentThread());
                sampler.start();
                long t3;
                long t4;
                List<Double> stepMs = new ArrayList<>();
                int hash = 0;
                try (QwenDecoderSession s = m.newSession(prompt.length + steps + 1)) {
                    float[] logits = s.prefill(prompt, audio);
                    t3 = System.nanoTime();
                    sampler.prefillEnd = t3;
                    sampler.phase = 1;
                    hash = Arrays.hashCode(logits);
                    long prev = t3;
                    for (int k = 0; k < steps; k++) {
                        logits = s.stepInPlace(argmax(logits));
                        long now = System.nanoTime();
                        stepMs.add((now - prev) / 1e6);
                        prev = now;
                        if (k < 3) {
                            sampler.phase = k + 2;
                        } else if (k == 3) {
                            sampler.stop = true;
                            sampler.join();
                        }
                        if (k < 3) {
                            hash = 31 * hash + Arrays.hashCode(logits);
                        }
                    }
                    t4 = System.nanoTime();
                }
                double prefillStartNs = t2;
                System.out.printf("run %d: uptime %.0f mel %.1f encoder %.1f prefill %.1f (uptime %.0f..%.0f) steps %.1f ms/token%n",
                        r, u0, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, u2, u2 + (t3 - t2) / 1e6, (t4 - t3) / 1e6 / steps);
                if (sampler.first > 0) {
                    System.out.printf("run %d: dotRows seen %.1f..%.1f ms after the prefill began (%d samples); last seen to prefill end %.1f ms; span %.1f ms; uptime at first %.0f%n",
                            r, (sampler.first - prefillStartNs) / 1e6, (sampler.last - prefillStartNs) / 1e6, sampler.hits,
                            (t3 - sampler.last) / 1e6, (sampler.last - sampler.first) / 1e6, u2 + (sampler.first - prefillStartNs) / 1e6);
                } else {
                    System.out.printf("run %d: dotRows never sampled%n", r);
                }
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < Math.min(8, stepMs.size()); k++) {
                    sb.append(String.format(" %.1f", stepMs.get(k)));
                }
                if (System.getProperty("probe.hist") != null) {
                    sampler.top.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(40)
                            .forEach(e -> System.out.printf("run %d: hist %5d %s%n", r2(), e.getValue(), e.getKey()));
                }
                List<Double> sorted = new ArrayList<>(stepMs);
                sorted.sort(null);
                System.out.printf("run %d: first steps (ms)%s; median %.1f; logits hash (prefill + 3 steps) %08x%n", r, sb,
                        sorted.get(sorted.size() / 2), hash);
            }
        }
    }

    static int runNo;

    static int r2() {
        return runNo;
    }

    static final class Sampler extends Thread {
        volatile int phase;
        volatile long prefillEnd;
        final java.util.Map<String, Integer> top = new java.util.HashMap<>();
        final List<Thread> watched = new ArrayList<>();
        volatile boolean stop;
        long first;
        long last;
        int hits;

        Sampler(Thread main) {
            setDaemon(true);
            watched.add(main);
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("asr4j-cpu-")) {
                    watched.add(t);
                }
            }
        }

        @Override
        public void run() {
            while (!stop) {
                for (Thread t : watched) {
                    StackTraceElement[] st = t.getStackTrace();
                    int ph = phase;
                    for (StackTraceElement e : st) {
                        if (e.getClassName().startsWith("io.github.asr4j")) {
                            String c = e.getClassName();
                            top.merge("p" + ph + " " + c.substring(c.lastIndexOf('.') + 1) + "." + e.getMethodName(), 1, Integer::sum);
                            break;
                        }
                    }
                    if (ph != 0) {
                        continue;
                    }
                    for (StackTraceElement e : st) {
                        if (e.getMethodName().equals("dotRows") && e.getClassName().endsWith("BF16Weights$Simd")) {
                            long now = System.nanoTime();
                            if (first == 0) {
                                first = now;
                            }
                            last = now;
                            hits++;
                            break;
                        }
                    }
                }
                try {
                    Thread.sleep(0, 500_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
