package io.github.asr4j.decode;

import io.github.asr4j.kernels.Reductions;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Small numeric helpers over a logits row, computed in double for stability. */
public final class Logits {
    /**
     * Run once per token over the whole vocabulary (per beam in beam search): the SIMD ones where the
     * JVM has the Vector API, with the plain ones' bits.
     */
    private static final Reductions REDUCTIONS = Reductions.best();

    private Logits() {}

    static void suppress(float[] logits, int from, int to) {
        int end = Math.min(to, logits.length);
        if (from < end) {
            Arrays.fill(logits, Math.max(from, 0), end, Float.NEGATIVE_INFINITY);
        }
    }

    /** -inf when the range is empty (also when {@code from > to}). */
    static double max(float[] logits, int from, int to) {
        return from < to ? REDUCTIONS.max(logits, from, to) : Double.NEGATIVE_INFINITY;
    }

    /**
     * log(sum(exp(logits[from..to)))); -inf when the range is empty or all -inf. In double, with
     * the same bits on every machine and JIT tier ({@link Reductions}).
     */
    static double logSumExp(float[] logits, int from, int to) {
        return from < to ? REDUCTIONS.logSumExp(logits, from, to) : Double.NEGATIVE_INFINITY;
    }

    /** The first index in {@code [from, to)} whose value is above {@code threshold}; {@code to} if none. */
    static int firstAbove(float[] logits, int from, int to, float threshold) {
        return REDUCTIONS.firstAbove(logits, from, to, threshold);
    }

    /** {@code log_softmax(logits)[index]}. */
    public static double logSoftmaxAt(float[] logits, int index) {
        return logits[index] - logSumExp(logits, 0, logits.length);
    }

    /** {@code softmax(logits)[index]}. */
    static double softmaxAt(float[] logits, int index) {
        return Math.exp(logSoftmaxAt(logits, index));
    }

    /** Index of the largest value; the lowest index among equals (as torch's argmax on CPU). */
    public static int argmax(float[] logits) {
        return logits.length == 0 ? 0 : REDUCTIONS.argmax(logits, 0, logits.length);
    }

    /**
     * One draw from {@code Categorical(logits / temperature)}: inverse CDF over the weights
     * {@code e^((l_i − max)/T)} ({@link Reductions#sumExp}, {@link Reductions#searchSumExp}), so the
     * same generator state always gives the same token, on every machine, vector width and JIT tier.
     * Takes one {@code nextDouble()} per draw. A -inf logit is never drawn; where a logit is NaN or
     * +inf, or all are -inf, the draw is {@link #argmax}.
     *
     * @throws IllegalArgumentException unless {@code temperature > 0}
     */
    static int sample(float[] logits, double temperature, RandomGenerator random) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        // 1/T kept finite and above 0: T → 0 then draws among the tied maxima, T → ∞ uniformly, never NaN
        double scale = Math.min(Math.max(1 / temperature, Double.MIN_VALUE), Double.MAX_VALUE);
        double total = REDUCTIONS.sumExp(logits, 0, logits.length, scale);
        double target = random.nextDouble() * total;
        // total is at least 1 (the maximum's weight) unless a logit is NaN or +inf (NaN) or all are -inf (0)
        return total >= 1 ? REDUCTIONS.searchSumExp(logits, 0, logits.length, scale, target) : argmax(logits);
    }
}
