package io.github.asr4j.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The decoders' reductions over whole vocabularies (the kernels' SIMD ones where the JVM has them)
 * against the definitions: softmax, argmax with ties to the lowest id, top-k by value then id.
 */
class LogitsTest {
    private static final int WHISPER_VOCABULARY = 51_865;

    @Test
    void logSoftmaxMatchesTheDefinition() {
        float[] logits = row(new SplittableRandom(2), WHISPER_VOCABULARY);
        logits[9] = Float.NEGATIVE_INFINITY;
        double max = Arrays.stream(toDoubles(logits)).max().orElseThrow();
        double sum = 0;
        for (float v : logits) {
            sum += StrictMath.exp(v - max);
        }
        for (int index : new int[] {0, 77, 50_000}) {
            double expected = logits[index] - max - StrictMath.log(sum);
            assertThat(Logits.logSoftmaxAt(logits, index)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(Logits.logSoftmaxAt(logits, 9)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Logits.logSumExp(logits, 5, 5)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Logits.logSumExp(logits, 6, 5)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Logits.max(logits, 6, 5)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void argmaxTakesTheLowestIdAmongEquals() {
        float[] logits = row(new SplittableRandom(4), WHISPER_VOCABULARY);
        logits[40_000] = 50f;
        logits[30_001] = 50f;
        logits[45_000] = 50f;
        assertThat(Logits.argmax(logits)).isEqualTo(30_001);
        assertThat(Logits.argmax(new float[0])).isZero();
    }

    @Test
    void topKOrdersByValueThenLowerIdOverAVocabularyWithTies() {
        SplittableRandom rnd = new SplittableRandom(8);
        for (int round = 0; round < 20; round++) {
            float[] logits = new float[WHISPER_VOCABULARY];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = rnd.nextInt(2000) / 8f;    // many equal values
            }
            if (round % 2 == 1) {
                for (int i = 0; i < logits.length; i += 3) {
                    logits[i] = Float.NEGATIVE_INFINITY;
                }
            }
            for (int k : new int[] {1, 2, 6, 11}) {
                int[] expected = IntStream.range(0, logits.length).boxed()
                        .sorted(Comparator.<Integer>comparingDouble(i -> -logits[i]).thenComparingInt(i -> i))
                        .limit(k).mapToInt(Integer::intValue).toArray();
                assertThat(BeamSearchDecoder.topK(logits, k)).as("round " + round + ", k " + k).containsExactly(expected);
            }
        }
    }

    private static float[] row(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian(-2, 4);
        }
        return x;
    }

    private static double[] toDoubles(float[] x) {
        return IntStream.range(0, x.length).mapToDouble(i -> x[i]).toArray();
    }
}
