package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.kernels.PortableExp;
import io.github.asr4j.kernels.Reductions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorReductions} against {@link Reductions#plain()} (the same bits, every range length and
 * offset, so every tail shape of both register layouts) and the plain ones against the definitions.
 */
class ReductionsTest {
    private static final Reductions PLAIN = Reductions.plain();
    private static final Reductions VECTOR = new VectorReductions();
    /** Whisper's and Qwen3-ASR's vocabularies. */
    private static final int[] VOCABULARIES = {51_865, 151_936};

    @Test
    void theServiceIsTheVectorOneWhereTheModuleIsPresent() {
        assertThat(Reductions.best()).isInstanceOf(CpuReductions.class);
        assertThat(Reductions.best()).hasToString("vector");
    }

    @Test
    void vectorGivesThePlainBitsForEveryRangeShape() {
        SplittableRandom rnd = new SplittableRandom(11);
        float[] x = logits(rnd, 200);
        x[17] = Float.NEGATIVE_INFINITY;   // suppressed tokens
        x[18] = Float.NEGATIVE_INFINITY;
        x[40] = -0f;
        x[41] = 0f;
        for (int from = 0; from < 20; from++) {
            for (int to = from; to <= x.length; to++) {
                assertSame(x, from, to);
            }
        }
    }

    @Test
    void vectorGivesThePlainBitsOverWholeVocabularies() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int n : VOCABULARIES) {
            float[] x = logits(rnd, n);
            for (int i = 0; i < n; i += 97) {
                x[i] = Float.NEGATIVE_INFINITY;
            }
            assertSame(x, 0, n);
            assertSame(x, 50_257, n);   // Whisper's timestamp range
            assertSame(x, 0, 50_257);
        }
    }

    @Test
    void logSumExpIsWithinTheBoundOfTheExactSum() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n : VOCABULARIES) {
            float[] x = logits(rnd, n);
            double max = Double.NEGATIVE_INFINITY;
            for (float v : x) {
                max = Math.max(max, v);
            }
            // reference: StrictMath.exp per term, compensated (Kahan) sum; both errors ~1e-16
            double sum = 0;
            double carry = 0;
            for (float v : x) {
                double y = StrictMath.exp(v - max) - carry;
                double t = sum + y;
                carry = (t - sum) - y;
                sum = t;
            }
            double reference = max + StrictMath.log(sum);
            // n·1.1e-16 is the worst case of a double sum; random terms stay far inside it
            assertThat(Math.abs(VECTOR.logSumExp(x, 0, n) - reference)).isLessThan(n * 1.1e-16);
            assertThat(Math.abs(VECTOR.logSumExp(x, 0, n) - reference)).isLessThan(1e-13);
        }
    }

    @Test
    void logSumExpOfSmallCases() {
        float[] x = {0f, 0f, Float.NEGATIVE_INFINITY, 3f};
        assertThat(VECTOR.logSumExp(x, 0, 2)).isEqualTo(StrictMath.log(2));
        assertThat(VECTOR.logSumExp(x, 3, 4)).isEqualTo(3.0);
        assertThat(VECTOR.logSumExp(x, 2, 3)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(VECTOR.logSumExp(x, 1, 1)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(VECTOR.logSumExp(new float[] {1f, Float.NaN}, 0, 2)).isNaN();
        assertThat(PLAIN.logSumExp(new float[] {1f, Float.NaN}, 0, 2)).isNaN();
    }

    @Test
    void argmaxTakesTheLowestIndexOfTheMaximum() {
        float[] x = new float[100];
        java.util.Arrays.fill(x, -1f);
        x[70] = 2f;
        x[33] = 2f;
        x[90] = 2f;
        assertThat(VECTOR.argmax(x, 0, 100)).isEqualTo(33);
        assertThat(VECTOR.argmax(x, 34, 100)).isEqualTo(70);
        assertThat(VECTOR.argmax(x, 71, 100)).isEqualTo(90);
        x[20] = -0f;
        x[10] = 0f;
        assertThat(VECTOR.argmax(x, 0, 30)).isEqualTo(PLAIN.argmax(x, 0, 30)).isEqualTo(10);
        java.util.Arrays.fill(x, Float.NEGATIVE_INFINITY);
        assertThat(VECTOR.argmax(x, 5, 100)).isEqualTo(5);
        assertThatThrownBy(() -> VECTOR.argmax(x, 5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VECTOR.max(x, 5, 101)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void argmaxFollowsTheScanWhereThereAreNaNs() {
        float[] x = {1f, Float.NaN, 5f, 2f, 5f};
        assertThat(VECTOR.argmax(x, 0, 5)).isEqualTo(PLAIN.argmax(x, 0, 5)).isEqualTo(2);
        assertThat(VECTOR.argmax(x, 1, 5)).isEqualTo(PLAIN.argmax(x, 1, 5)).isEqualTo(1);
        assertThat(VECTOR.max(x, 0, 5)).isNaN();
        assertThat(VECTOR.max(x, 2, 5)).isEqualTo(5f);
    }

    @Test
    void firstAboveFindsTheFirstGreaterValue() {
        SplittableRandom rnd = new SplittableRandom(9);
        float[] x = logits(rnd, 300);
        x[100] = Float.NaN;
        for (int from = 0; from < 40; from++) {
            for (float t : new float[] {-100f, 0f, 5f, 9f, 1e9f, Float.NaN, Float.NEGATIVE_INFINITY}) {
                int expected = from;
                while (expected < x.length && !(x[expected] > t)) {
                    expected++;
                }
                assertThat(VECTOR.firstAbove(x, from, x.length, t)).as(from + " " + t).isEqualTo(expected);
                assertThat(PLAIN.firstAbove(x, from, x.length, t)).as(from + " " + t).isEqualTo(expected);
            }
        }
        assertThat(VECTOR.firstAbove(x, 7, 7, -100f)).isEqualTo(7);
    }

    /** 1/T for Whisper's fallback temperatures, and the clamps of T → 0 and T → ∞. */
    private static final double[] SCALES = {1.0, 1 / 0.2, 1 / 0.6, 1 / 1.2, Double.MAX_VALUE, Double.MIN_VALUE};

    @Test
    void sumExpAndItsSearchGiveThePlainBitsForEveryRangeShape() {
        SplittableRandom rnd = new SplittableRandom(13);
        float[] x = logits(rnd, 200);
        x[17] = Float.NEGATIVE_INFINITY;
        x[18] = Float.NEGATIVE_INFINITY;
        x[40] = -0f;
        x[41] = 0f;
        for (int from = 0; from < 20; from++) {
            for (int to = from; to <= x.length; to++) {
                for (double scale : new double[] {1.0, 1 / 0.6}) {
                    assertSameDraws(x, from, to, scale, rnd, 4);
                }
            }
        }
    }

    @Test
    void sumExpAndItsSearchGiveThePlainBitsOverWholeVocabularies() {
        SplittableRandom rnd = new SplittableRandom(15);
        for (int n : VOCABULARIES) {
            float[] x = logits(rnd, n);
            for (int i = 0; i < n; i += 97) {
                x[i] = Float.NEGATIVE_INFINITY;
            }
            x[n / 3] = 25f;   // a likely token, as a trained model has
            for (double scale : SCALES) {
                assertSameDraws(x, 0, n, scale, rnd, 200);
                assertSameDraws(x, 0, 50_257, scale, rnd, 20);
                assertSameDraws(x, 50_257, n, scale, rnd, 20);
            }
        }
    }

    @Test
    void sumExpAndItsSearchFollowThePlainCodeOffTheFastPath() {
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        float ninf = Float.NEGATIVE_INFINITY;
        SplittableRandom rnd = new SplittableRandom(17);
        float[] base = logits(rnd, 150);
        for (float odd : new float[] {nan, inf, ninf}) {
            float[] x = base.clone();
            x[77] = odd;
            for (double scale : new double[] {1.0, 0.0, -1.0, nan, inf, Double.NEGATIVE_INFINITY, Double.MIN_VALUE}) {
                assertSameDraws(x, 0, x.length, scale, rnd, 10);
                assertSameDraws(x, 70, 90, scale, rnd, 10);
            }
        }
        float[] suppressed = new float[100];
        java.util.Arrays.fill(suppressed, ninf);
        assertThat(VECTOR.sumExp(suppressed, 0, 100, 1.0)).isZero();
        assertThat(VECTOR.searchSumExp(suppressed, 3, 100, 1.0, 0.0)).isEqualTo(100);
        assertThat(VECTOR.sumExp(suppressed, 5, 5, 1.0)).isZero();
        assertThat(VECTOR.searchSumExp(suppressed, 5, 5, 1.0, 0.0)).isEqualTo(5);
        assertThatThrownBy(() -> VECTOR.sumExp(suppressed, 5, 101, 1.0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> VECTOR.searchSumExp(suppressed, -1, 10, 1.0, 0.0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void sumExpIsWithinTheBoundOfTheExactSum() {
        SplittableRandom rnd = new SplittableRandom(19);
        for (int n : VOCABULARIES) {
            float[] x = logits(rnd, n);
            double max = PLAIN.max(x, 0, n);
            for (double scale : new double[] {1.0, 1 / 0.2, 1 / 1.2}) {
                double sum = 0;
                double carry = 0;
                for (float v : x) {
                    double y = StrictMath.exp((v - max) * scale) - carry;
                    double t = sum + y;
                    carry = (t - sum) - y;
                    sum = t;
                }
                assertThat(Math.abs(VECTOR.sumExp(x, 0, n, scale) / sum - 1)).as("scale " + scale).isLessThan(1e-13);
            }
        }
    }

    @Test
    void searchSumExpIsTheInverseOfTheRunningSum() {
        SplittableRandom rnd = new SplittableRandom(21);
        float[] x = logits(rnd, 5_003);
        x[100] = Float.NEGATIVE_INFINITY;
        double max = PLAIN.max(x, 0, x.length);
        double scale = 1 / 0.6;
        double[] running = new double[x.length + 1];    // exact enough: StrictMath, summed in index order
        for (int i = 0; i < x.length; i++) {
            running[i + 1] = running[i] + StrictMath.exp((x[i] - max) * scale);
        }
        double total = VECTOR.sumExp(x, 0, x.length, scale);
        for (int k = 0; k < 2_000; k++) {
            double target = rnd.nextDouble() * total;
            int i = VECTOR.searchSumExp(x, 0, x.length, scale, target);
            // the draw is the token whose interval holds the target, up to the sums' rounding (~1e-16 of the total)
            double slack = 1e-12 * total;
            assertThat(running[i] - slack).as("target " + target).isLessThanOrEqualTo(target);
            assertThat(running[i + 1] + slack).as("target " + target).isGreaterThan(target);
        }
        assertThat(VECTOR.searchSumExp(x, 0, x.length, scale, 0.0)).as("the first positive weight").isZero();
        int last = x.length - 1;
        assertThat(VECTOR.searchSumExp(x, 0, x.length, scale, total)).as("the target unreached").isEqualTo(last);
        assertThat(VECTOR.searchSumExp(x, 0, x.length, scale, Double.NaN)).isEqualTo(last);
        x[last] = Float.NEGATIVE_INFINITY;
        assertThat(VECTOR.searchSumExp(x, 0, x.length, scale, 1e300)).as("the last positive weight").isEqualTo(last - 1);
        assertThat(PLAIN.searchSumExp(x, 0, x.length, scale, 1e300)).isEqualTo(last - 1);
    }

    @Test
    void whereRoundingLeavesTheTargetShortInItsBlockTheBlocksLastPositiveWeightIsDrawn() {
        // one block of 64 whose weights added one by one fall short of its tree-ordered sum: a target
        // between the two is past every running sum of the walk
        SplittableRandom rnd = new SplittableRandom(23);
        int found = 0;
        for (int attempt = 0; attempt < 2_000 && found < 20; attempt++) {
            float[] x = logits(rnd, Reductions.BLOCK);
            x[Reductions.BLOCK - 1] = Float.NEGATIVE_INFINITY;    // so the last positive weight is not the last element
            double max = PLAIN.max(x, 0, x.length);
            double walked = 0;
            for (float v : x) {
                walked += PortableExp.exp((v - max) * 1.0);
            }
            double total = VECTOR.sumExp(x, 0, x.length, 1.0);
            if (walked < total) {
                found++;
                assertThat(VECTOR.searchSumExp(x, 0, x.length, 1.0, walked)).isEqualTo(Reductions.BLOCK - 2);
                assertThat(PLAIN.searchSumExp(x, 0, x.length, 1.0, walked)).isEqualTo(Reductions.BLOCK - 2);
                assertThat(VECTOR.searchSumExp(x, 0, x.length, 1.0, Math.nextDown(walked))).isLessThan(Reductions.BLOCK - 1);
            }
        }
        assertThat(found).as("rows whose walk falls short").isEqualTo(20);
    }

    /** sumExp's bits and searchSumExp's index at the edges and at {@code draws} random targets. */
    private static void assertSameDraws(float[] x, int from, int to, double scale, SplittableRandom rnd, int draws) {
        String where = "[" + from + ", " + to + ") scale " + scale;
        double total = PLAIN.sumExp(x, from, to, scale);
        assertThat(Double.doubleToRawLongBits(VECTOR.sumExp(x, from, to, scale))).as(where)
                .isEqualTo(Double.doubleToRawLongBits(total));
        double[] targets = new double[draws + 6];
        targets[0] = 0;
        targets[1] = Math.nextDown(total);
        targets[2] = total;
        targets[3] = Double.NaN;
        targets[4] = -1;
        targets[5] = total * 0.5;
        for (int k = 6; k < targets.length; k++) {
            targets[k] = rnd.nextDouble() * total;
        }
        for (double target : targets) {
            assertThat(VECTOR.searchSumExp(x, from, to, scale, target)).as(where + " target " + target)
                    .isEqualTo(PLAIN.searchSumExp(x, from, to, scale, target));
        }
    }

    private static void assertSame(float[] x, int from, int to) {
        String where = "[" + from + ", " + to + ")";
        assertThat(Double.doubleToRawLongBits(VECTOR.logSumExp(x, from, to))).as(where)
                .isEqualTo(Double.doubleToRawLongBits(PLAIN.logSumExp(x, from, to)));
        assertThat(Float.floatToRawIntBits(VECTOR.max(x, from, to))).as(where)
                .isEqualTo(Float.floatToRawIntBits(PLAIN.max(x, from, to)));
        if (from < to) {
            assertThat(VECTOR.argmax(x, from, to)).as(where).isEqualTo(PLAIN.argmax(x, from, to));
        }
        assertThat(VECTOR.firstAbove(x, from, to, 3f)).as(where).isEqualTo(PLAIN.firstAbove(x, from, to, 3f));
    }

    /** Logit-like values: spread ~4 around -2, some far down. */
    private static float[] logits(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() * 4 - 2 - (i % 13 == 0 ? 40 : 0));
        }
        return x;
    }
}
