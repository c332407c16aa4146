package io.github.asr4j.decode;

import static io.github.asr4j.decode.FakeVocab.EOT;
import static io.github.asr4j.decode.FakeVocab.probs;
import static org.assertj.core.api.Assertions.assertThat;
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
