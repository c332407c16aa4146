package io.github.asr4j.decode;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Small numeric helpers over a logits row, computed in double for stability. */
public final class Logits {
    private Logits() {}

    static void suppress(float[] logits, int from, int to) {
        int end = Math.min(to, logits.length);
        if (from < end) {
            Arrays.fill(logits, Math.max(from, 0), end, Float.NEGATIVE_INFINITY);
        }
    }

    static double max(float[] logits, int from, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            max = Math.max(max, logits[i]);
        }
        return max;
    }

    /** log(sum(exp(logits[from..to)))); -inf when the range is empty or all -inf. */
    static double logSumExp(float[] logits, int from, int to) {
        double max = max(logits, from, to);
        if (max == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.exp(logits[i] - max);
        }
        return max + Math.log(sum);
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
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * One draw from {@code Categorical(logits / temperature)}: inverse CDF over the probabilities, so
     * the same generator state always gives the same token. StrictMath keeps the weights, and so the
     * draws, identical on every machine.
     */
    static int sample(float[] logits, double temperature, RandomGenerator random) {
        double max = max(logits, 0, logits.length) / temperature;
        double[] weights = new double[logits.length];
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            double w = StrictMath.exp(logits[i] / temperature - max);
            weights[i] = w;
            total += w;
        }
        double target = random.nextDouble() * total;
        double cumulative = 0;
        int lastPossible = -1;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                cumulative += weights[i];
                lastPossible = i;
                if (target < cumulative) {
                    return i;
                }
            }
        }
        // rounding left target at the very top: the last token with any probability
        return lastPossible >= 0 ? lastPossible : argmax(logits);
    }
}
