package io.github.asr4j.benchmarks;

import io.github.asr4j.kernels.Reductions;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decoders' per-token reductions over one logits row (Whisper's 51,865 and Qwen3-ASR's 151,936
 * tokens), one thread:
 * <ul>
 *   <li>{@code *Loop}: the loops the decoders ran before {@link Reductions} (log-sum-exp with
 *       {@link Math#exp} summed in order, the maximum by {@link Math#max} in double, argmax by {@code >},
 *       top-k's scan for a value above its k-th);</li>
 *   <li>{@code *Plain}: {@link Reductions#plain()}, the reference (its exp is a polynomial of fused multiply-adds);</li>
 *   <li>{@code *Best}: {@link Reductions#best()}, the Vector API ones with the plain ones' bits.</li>
 * </ul>
 * {@code sample*} is one temperature draw over the row: the total of the weights, then the search
 * for a uniform target, which stops in the block where the target lands (so a draw costs between one
 * and two passes of {@code sumExpBest}, by where the likely tokens lie).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Benchmark)
public class ReductionsBenchmark {
    @Param({"51865", "151936"})
    int n;

    private float[] logits;
    private float top;
    private final Reductions plain = Reductions.plain();
    private final Reductions best = Reductions.best();

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(1);
        logits = new float[n];
        for (int i = 0; i < n; i++) {
            logits[i] = (float) (rnd.nextGaussian() * 4 - 2);
        }
        top = plain.max(logits, 0, n);
    }

    @Benchmark
    public double logSumExpLoop() {
        double max = maxLoop();
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    @Benchmark
    public double logSumExpPlain() {
        return plain.logSumExp(logits, 0, n);
    }

    @Benchmark
    public double logSumExpBest() {
        return best.logSumExp(logits, 0, n);
    }

    @Benchmark
    public double maxLoop() {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        return max;
    }

    @Benchmark
    public float maxBest() {
        return best.max(logits, 0, n);
    }

    @Benchmark
    public int argmaxLoop() {
        int top = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[top]) {
                top = i;
            }
        }
        return top;
    }

    @Benchmark
    public int argmaxBest() {
        return best.argmax(logits, 0, n);
    }

    /** Beam search's top-k scan once its list is full: nothing above the k-th kept value (here the maximum). */
    @Benchmark
    public int firstAboveLoop() {
        float threshold = top;
        int i = 0;
        while (i < n && !(logits[i] > threshold)) {
            i++;
        }
        return i;
    }

    @Benchmark
    public int firstAboveBest() {
        return best.firstAbove(logits, 0, n, top);
    }

    /** The temperature of a draw (Whisper's fallback runs 0.2 … 1.0). */
    private static final double TEMPERATURE = 0.6;
    private final SplittableRandom draws = new SplittableRandom(7);

    /**
     * Temperature sampling as {@code Logits.sample} drew before {@link Reductions#sumExp}: the weights
     * by {@link StrictMath#exp} into a {@code double[n]}, then the inverse CDF over them.
     */
    @Benchmark
    public int sampleLoop() {
        double max = best.max(logits, 0, n) / TEMPERATURE;
        double[] weights = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double w = StrictMath.exp(logits[i] / TEMPERATURE - max);
            weights[i] = w;
            total += w;
        }
        double target = draws.nextDouble() * total;
        double cumulative = 0;
        int lastPossible = -1;
        for (int i = 0; i < n; i++) {
            if (weights[i] > 0) {
                cumulative += weights[i];
                lastPossible = i;
                if (target < cumulative) {
                    return i;
                }
            }
        }
        return lastPossible;
    }

    @Benchmark
    public int samplePlain() {
        return sample(plain);
    }

    @Benchmark
    public int sampleBest() {
        return sample(best);
    }

    /** The draw as {@code Logits.sample} makes it now: the total, then the search. */
    private int sample(Reductions r) {
        double scale = 1 / TEMPERATURE;
        double total = r.sumExp(logits, 0, n, scale);
        return r.searchSumExp(logits, 0, n, scale, draws.nextDouble() * total);
    }

    @Benchmark
    public double sumExpBest() {
        return best.sumExp(logits, 0, n, 1 / TEMPERATURE);
    }
}
