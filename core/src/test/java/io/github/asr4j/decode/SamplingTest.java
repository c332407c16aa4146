package io.github.asr4j.decode;

import static io.github.asr4j.decode.FakeVocab.EOT;
import static io.github.asr4j.decode.FakeVocab.probs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplingTest {
    /** Every step: w1 .3, w2 .3, w3 .2, end-of-text .2 — sampling gives varied outputs. */
    private static ScriptedModel model() {
        return new ScriptedModel(4).otherwise(sampled -> probs(1, .3, 2, .3, 3, .2, EOT, .2));
    }

    private static DecodingOptions sampling(int bestOf) {
        return DecodingOptions.builder().temperature(1.0).bestOf(bestOf).withoutTimestamps(true)
                .suppressBlank(false).build();
    }

    @Test
    void drawsFollowSoftmaxOfLogitsOverTemperature() {
        float[] logits = probs(1, .2, 2, .5, 3, .3);
        SplittableRandom random = new SplittableRandom(42);
        int[] counts = new int[4];
        int draws = 40_000;
        for (int i = 0; i < draws; i++) {
            counts[Logits.sample(logits, 1.0, random)]++;
        }
        assertThat(counts[1] / (double) draws).isCloseTo(.2, within(.01));
        assertThat(counts[2] / (double) draws).isCloseTo(.5, within(.01));
        assertThat(counts[3] / (double) draws).isCloseTo(.3, within(.01));
        assertThat(counts[0]).as("impossible token").isZero();

        // at T = 0.5 the probabilities are squared and renormalised: .04, .25, .09 over .38
        int[] cold = new int[4];
        for (int i = 0; i < draws; i++) {
            cold[Logits.sample(logits, 0.5, random)]++;
        }
        assertThat(cold[2] / (double) draws).isCloseTo(.25 / .38, within(.01));
        assertThat(cold[1] / (double) draws).isCloseTo(.04 / .38, within(.01));
    }

    /**
     * A 300-token row (so the draws cross the kernels' blocks of 64 and the single elements after the
     * last whole row of 8): 13 likely tokens, a few hundred unlikely ones, some suppressed.
     */
    private static float[] spreadRow() {
        float[] logits = new float[300];
        SplittableRandom rnd = new SplittableRandom(8);
        for (int i = 0; i < logits.length; i++) {
            logits[i] = i % 7 == 0 ? Float.NEGATIVE_INFINITY : (float) (rnd.nextGaussian() - 6);
        }
        int[] likely = {3, 61, 63, 64, 65, 127, 150, 200, 255, 256, 290, 297, 299};
        for (int k = 0; k < likely.length; k++) {
            logits[likely[k]] = 0.25f * k;
        }
        return logits;
    }

    /** The exact probabilities of softmax(logits / T), StrictMath in double. */
    private static double[] exact(float[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double[] p = new double[logits.length];
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = StrictMath.exp((logits[i] - max) / temperature);
            total += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= total;
        }
        return p;
    }

    /**
     * Pearson's chi-square of {@code draws} draws against {@code p}: a bin per token expected 20
     * times or more, the others pooled in one bin (suppressed tokens in none: they have p = 0 and a
     * draw of one makes the statistic infinite). Returns {statistic, degrees of freedom}.
     */
    private static double[] chiSquare(java.util.function.IntSupplier draw, double[] p, int draws) {
        int[] counts = new int[p.length];
        for (int d = 0; d < draws; d++) {
            counts[draw.getAsInt()]++;
        }
        double statistic = 0;
        int bins = 0;
        double pooledP = 0;
        int pooled = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0) {
                statistic += counts[i] == 0 ? 0 : Double.POSITIVE_INFINITY;
            } else if (p[i] * draws >= 20) {
                double expected = p[i] * draws;
                statistic += (counts[i] - expected) * (counts[i] - expected) / expected;
                bins++;
            } else {
                pooledP += p[i];
                pooled += counts[i];
            }
        }
        if (pooledP > 0) {
            double expected = pooledP * draws;
            statistic += (pooled - expected) * (pooled - expected) / expected;
            bins++;
        }
        return new double[] {statistic, bins - 1};
    }

    /** The chi-square distribution's 0.999 quantile for {@code df} degrees of freedom (Wilson–Hilferty). */
    private static double critical(double df) {
        double z = 3.0902;    // the standard normal's 0.999 quantile
        double a = 2 / (9 * df);
        return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
    }

    @Test
    void drawsPassAChiSquareTestAgainstTheExactProbabilities() {
        float[] logits = spreadRow();
        int draws = 60_000;
        for (double temperature : new double[] {0.2, 0.6, 1.0, 3.0}) {
            double[] p = exact(logits, temperature);
            SplittableRandom random = new SplittableRandom(31);
            double[] fit = chiSquare(() -> Logits.sample(logits, temperature, random), p, draws);
            assertThat(fit[0]).as("T " + temperature + ", " + fit[1] + " degrees of freedom").isLessThan(critical(fit[1]));

            // the bound has the power to tell wrong samplers: off by one token, temperature ignored or 10 % off
            SplittableRandom other = new SplittableRandom(31);
            assertThat(chiSquare(() -> Math.min(Logits.sample(logits, temperature, other) + 1, logits.length - 1),
                    p, draws)[0]).as("off by one at T " + temperature).isGreaterThan(critical(fit[1]));
            assertThat(chiSquare(() -> Logits.sample(logits, 1.0, other), p, draws)[0])
                    .as("T ignored at T " + temperature).isGreaterThan(temperature == 1.0 ? -1 : critical(fit[1]));
            assertThat(chiSquare(() -> Logits.sample(logits, temperature * 1.1, other), p, draws)[0])
                    .as("T 10 % off at T " + temperature).isGreaterThan(critical(fit[1]));
        }
    }

    @Test
    void aTinyTemperatureDrawsAmongTheTiedMaximaAndAHugeOneUniformly() {
        float[] logits = spreadRow();
        logits[100] = 10f;
        logits[201] = 10f;
        SplittableRandom random = new SplittableRandom(5);
        for (double tiny : new double[] {1e-12, 1e-300, Double.MIN_VALUE}) {
            int[] counts = new int[logits.length];
            for (int d = 0; d < 4_000; d++) {
                counts[Logits.sample(logits, tiny, random)]++;
            }
            assertThat(counts[100] + counts[201]).as("T " + tiny).isEqualTo(4_000);
            assertThat(counts[100]).as("T " + tiny).isBetween(1_800, 2_200);
        }
        int finite = 0;
        for (float v : logits) {
            finite += v > Float.NEGATIVE_INFINITY ? 1 : 0;
        }
        for (double huge : new double[] {1e12, 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY}) {
            double[] uniform = new double[logits.length];
            for (int i = 0; i < logits.length; i++) {
                uniform[i] = logits[i] > Float.NEGATIVE_INFINITY ? 1.0 / finite : 0;
            }
            double[] fit = chiSquare(() -> Logits.sample(logits, huge, random), uniform, 60_000);
            assertThat(fit[0]).as("T " + huge).isLessThan(critical(fit[1]));   // and no suppressed token drawn
        }
    }

    @Test
    void oddRowsDrawTheArgmaxAndEveryDrawTakesOneDouble() {
        float[] logits = spreadRow();
        float[] nan = logits.clone();
        nan[150] = Float.NaN;
        float[] infinite = logits.clone();
        infinite[88] = Float.POSITIVE_INFINITY;
        infinite[99] = Float.POSITIVE_INFINITY;
        float[] suppressed = new float[300];
        java.util.Arrays.fill(suppressed, Float.NEGATIVE_INFINITY);
        for (float[] row : List.of(nan, infinite, suppressed, new float[0])) {
            SplittableRandom random = new SplittableRandom(3);
            assertThat(Logits.sample(row, 0.6, random)).isEqualTo(Logits.argmax(row));
            assertThat(random.nextLong()).as("one double taken").isEqualTo(afterOneDouble(3));
        }
        assertThat(Logits.argmax(infinite)).isEqualTo(88);
        SplittableRandom random = new SplittableRandom(3);
        Logits.sample(logits, 0.6, random);
        assertThat(random.nextLong()).isEqualTo(afterOneDouble(3));
        for (double bad : new double[] {0, -0.5, Double.NaN, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> Logits.sample(logits, bad, new SplittableRandom(1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static long afterOneDouble(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        random.nextDouble();
        return random.nextLong();
    }

    @Test
    void theSameSeedGivesTheSameResult() {
        WindowDecoder window = FakeVocab.windowDecoder();
        DecodingResult a = window.decode(model().newState(), sampling(3), 1234);
        DecodingResult b = window.decode(model().newState(), sampling(3), 1234);
        assertThat(b.tokens()).containsExactly(a.tokens());
        assertThat(b.sumLogProb()).isEqualTo(a.sumLogProb());

        Set<List<Integer>> outputs = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            outputs.add(ScriptedModel.toList(window.decode(model().newState(), sampling(1), seed).tokens()));
        }
        assertThat(outputs).as("different seeds sample differently").hasSizeGreaterThan(3);
    }

    @Test
    void bestOfKeepsTheBestLengthNormalisedCandidateOfThoseDrawn() {
        long seed = 99;
        // draw the same candidates by hand: one generator per candidate, split in order from the seed
        SplittableRandom random = new SplittableRandom(seed);
        GreedyDecoder sampler = new GreedyDecoder(List.of(), EOT, 1.0);
        List<DecodeResult> drawn = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            DecoderState state = model().newState();
            float[] first = state.step(new int[] {FakeVocab.SOT, FakeVocab.EN, FakeVocab.TRANSCRIBE,
                    FakeVocab.NO_TIMESTAMPS});
            drawn.add(sampler.decode(state, first, 224, 444, random.split()));
        }
        DecodeResult best = drawn.get(0);
        for (DecodeResult c : drawn) {
            if (c.sumLogProb() / c.tokens().length > best.sumLogProb() / best.tokens().length) {
                best = c;
            }
        }
        assertThat(drawn.stream().map(c -> ScriptedModel.toList(c.tokens())).distinct().count())
                .as("the candidates differ, so choosing matters").isGreaterThan(1);

        ScriptedModel model = model();
        DecodingResult result = FakeVocab.windowDecoder().decode(model.newState(), sampling(5), seed);
        assertThat(result.tokens()).containsExactly(best.tokens());
        assertThat(result.sumLogProb()).isEqualTo(best.sumLogProb());
        assertThat(model.forks).as("the prompt is fed once and forked for 4 of 5 candidates").isEqualTo(4);
        assertThat(model.feeds.get(0)).hasSize(4);
        // the candidates step together: call j feeds every candidate that chose more than j tokens
        List<Integer> together = new ArrayList<>();
        for (int j = 0; ; j++) {
            int step = j;
            int live = (int) drawn.stream().filter(c -> c.tokens().length > step).count();
            if (live == 0) {
                break;
            }
            together.add(live);
        }
        assertThat(drawn).allMatch(DecodeResult::reachedEnd);
        assertThat(model.together).isEqualTo(together);
    }
}
