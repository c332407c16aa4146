package io.github.asr4j.qwen;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * usage: QStep3Map MODEL WAV THREADS WARM STEPS: prefill, WARM greedy steps, then STEPS timed steps; prints the step
 * median, a hash of the timed steps' logits (chained Arrays.hashCode) and, when run with -Dqstep3.timing=true over
 * instrument.patch's classes, the unprofiled per-part map of a step and the pool's hand-off figures.
 */
public final class QStep3Map {
    static final String[] NAMES = {"norm_in", "qkv", "qk_norm_rope", "append", "attention", "o_proj", "add1", "post_norm",
        "gate_up", "down", "add2", "final_norm", "logits", "download", "gather+", "return"};

    public static void main(String[] args) throws Exception {
        float[] samples = AudioReader.read(Path.of(args[1])).samplesAt(AudioConstants.SAMPLE_RATE);
        int threads = Integer.parseInt(args[2]);
        int warm = Integer.parseInt(args[3]);
        int steps = Integer.parseInt(args[4]);
        boolean timing = Boolean.getBoolean("qstep3.timing");
        try (Backend b = Backends.cpu(threads); QwenAsrModel model = QwenAsrModel.load(Path.of(args[0]), b)) {
            EncodedAudio audio = model.encode(model.logMel(samples), samples.length / 160);
            int[] prompt = QwenSpeedBenchmark.autoPrompt(model.config().audioTokenId(), audio.tokens());
            try (QwenDecoderSession s = model.newSession(prompt.length + warm + steps + 1)) {
                float[] logits = s.prefill(prompt, audio);
                for (int k = 0; k < warm; k++) {
                    logits = s.step(QwenParity.argmax(logits));
                }
                if (timing) {
                    reset();
                }
                double[] ms = new double[steps];
                long hash = 0;
                for (int k = 0; k < steps; k++) {
                    int token = QwenParity.argmax(logits);
                    long a = System.nanoTime();
                    logits = s.step(token);
                    ms[k] = (System.nanoTime() - a) / 1e6;
                    hash = hash * 31 + Arrays.hashCode(logits);
                }
                double[] sorted = ms.clone();
                Arrays.sort(sorted);
                double sum = 0;
                for (double m : ms) {
                    sum += m;
                }
                System.out.printf("%s threads %d positions %d..%d: step median %.2f ms, mean %.2f, min %.2f, max %.2f; logits hash %016x%n",
                        Path.of(args[1]).getFileName(), threads, prompt.length + warm, prompt.length + warm + steps, sorted[steps / 2],
                        sum / steps, sorted[0], sorted[steps - 1], hash);
                if (timing) {
                    print(steps, sum);
                }
            }
        }
        System.out.println("load " + java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
    }

    static void reset() throws Exception {
        long[] t = (long[]) field(QwenTextDecoder.class, "T");
        Arrays.fill(t, 0);
        for (long[] r : (long[][]) field(Class.forName("io.github.asr4j.kernels.cpu.WorkerPool"), "STATS")) {
            Arrays.fill(r, 0);
        }
    }

    static Object field(Class<?> c, String name) throws Exception {
        var f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(null);
    }

    static void print(int steps, double sumMs) throws Exception {
        long[] t = (long[]) field(QwenTextDecoder.class, "T");
        long[][] st = (long[][]) field(Class.forName("io.github.asr4j.kernels.cpu.WorkerPool"), "STATS");
        double total = 0;
        System.out.println("part           ms/step  handoffs/step tasks/job  inline/step  callerWait_us/job workerJoin_us/job workerIdleEnd_us/job missed/step");
        for (int i = 0; i < NAMES.length; i++) {
            double msStep = t[i] / 1e6 / steps;
            total += msStep;
            long[] r = st[i];
            double jobs = r[0];
            System.out.printf("%-14s %7.3f %8.1f %8.1f %8.1f %10.2f %10.2f %10.2f %8.2f%n", NAMES[i], msStep, jobs / steps,
                    jobs == 0 ? 0 : r[6] / jobs, (double) r[7] / steps, jobs == 0 ? 0 : r[2] / 1e3 / jobs,
                    jobs - r[5] == 0 ? 0 : r[3] / 1e3 / (jobs - r[5]), jobs - r[5] == 0 ? 0 : r[4] / 1e3 / (jobs - r[5]),
                    (double) r[5] / steps);
        }
        System.out.printf("sum of parts %.3f ms/step; step mean %.3f ms%n", total, sumMs / steps);
    }
}
