package io.github.asr4j.decode;

import static io.github.asr4j.decode.FakeVocab.EOT;
import static io.github.asr4j.decode.FakeVocab.probs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Beam search against openai's BeamSearchDecoder worked by hand. Tokens A=1, B=2, C=3; every row
 * gives exactly three tokens a probability, so the top beam_size + 1 = 3 proposals are those.
 *
 * <pre>
 * after []    : A .5   B .3   EOT .2
 * after [A]   : EOT .3 C .6   A .1
 * after [B]   : EOT .9 C .05  A .05
 * otherwise   : EOT .5 A .4   C .1
 * </pre>
 * Step 0 (both beams hold the same prefix, so proposals merge): A .5, B .3, EOT .2 -> keep A, B
 * (EOT comes after the second kept proposal and is never looked at).
 * Step 1: [A,C] .3, [B,EOT] .27, [A,EOT] .15, [A,A] .05, [B,C] .015, [B,A] .015 -> keep [A,C], then
 * [B,EOT] and [A,EOT] finish, keep [A,A]. With patience 1 (2 candidates) the search is complete:
 * candidates [B] (ln .27), [A] (ln .15); length-normalised, [B] wins.
 * With patience 2 (4 candidates) it goes on with [A,C] .3 and [A,A] .05 (both continue beam A: one
 * takes its state, one forks it).
 * Step 2: [A,C,EOT] .15, [A,C,A] .12, [A,C,C] .03, [A,A,EOT] .025 ... -> [A,C,EOT] finishes; keep
 * [A,C,A], [A,C,C].
 * Step 3: [A,C,A,EOT] .06, [A,C,A,A] .048, ... -> [A,C,A,EOT] finishes: 4 candidates, done.
 * Candidates: [B] ln .27, [A] ln .15, [A,C] ln .15, [A,C,A] ln .06. Divided by length: -1.309,
 * -1.897, -0.949, -0.938 -> [A,C,A]. With length_penalty 1 the divisors are (5+L)/6 = 1, 1, 7/6, 8/6:
 * -1.309, -1.897, -1.626, -2.110 -> [B].
 * </pre>
 */
class BeamSearchDecoderTest {
    private static final int A = 1;
    private static final int B = 2;
    private static final int C = 3;

    private static ScriptedModel model() {
        return new ScriptedModel(4)
                .after(new int[] {}, probs(A, .5, B, .3, EOT, .2))
                .after(new int[] {A}, probs(EOT, .3, C, .6, A, .1))
                .after(new int[] {B}, probs(EOT, .9, C, .05, A, .05))
                .otherwise(sampled -> probs(EOT, .5, A, .4, C, .1));
    }

    private static DecodingOptions.Builder beam(int size) {
        // no blank suppression and no timestamp rules: the rows above are all the model says
        return DecodingOptions.builder().beamSize(size).withoutTimestamps(true).suppressBlank(false);
    }

    @Test
    void liveBeamsStepTogetherOncePerStep() {
        ScriptedModel model = model();
        List<DecodeResult> candidates = search(model, 2.0, 224);
        assertThat(candidates).hasSize(4);
        // steps 0..3 choose; after each of the first three both live beams are fed in one call
        assertThat(model.together).containsExactly(2, 2, 2);
        assertThat(model.feeds).as("the prompt, then one token per beam per step").hasSize(1 + 3 * 2);
    }

    private static List<DecodeResult> search(ScriptedModel model, Double patience, int maxTokens) {
        DecoderState state = model.newState();
        float[] first = state.step(new int[] {FakeVocab.SOT, FakeVocab.EN, FakeVocab.TRANSCRIBE,
                FakeVocab.NO_TIMESTAMPS});
        return new BeamSearchDecoder(2, patience, List.of(), EOT).search(state, first, maxTokens, 400);
    }

    @Test
    void patienceOneStopsAtBeamSizeFinishedCandidates() {
        List<DecodeResult> candidates = search(model(), null, 224);
        assertThat(candidates).hasSize(2);
        assertThat(candidates.get(0).tokens()).containsExactly(B);
        assertThat(candidates.get(0).sumLogProb()).isCloseTo(Math.log(.27), within(1e-6));
        assertThat(candidates.get(1).tokens()).containsExactly(A);
        assertThat(candidates.get(1).sumLogProb()).isCloseTo(Math.log(.15), within(1e-6));
        assertThat(candidates).allMatch(DecodeResult::reachedEnd);

        DecodingResult result = FakeVocab.windowDecoder().decode(model().newState(), beam(2).build(), 0);
        assertThat(result.tokens()).containsExactly(B);
    }

    @Test
    void patienceTwoCollectsTwiceTheBeamSize() {
        ScriptedModel model = model();
        List<DecodeResult> candidates = search(model, 2.0, 224);
        assertThat(candidates).extracting(c -> ScriptedModel.toList(c.tokens()))
                .containsExactly(List.of(B), List.of(A), List.of(A, C), List.of(A, C, A));
        double[] expected = {Math.log(.27), Math.log(.15), Math.log(.15), Math.log(.06)};
        for (int i = 0; i < expected.length; i++) {
            assertThat(candidates.get(i).sumLogProb()).isCloseTo(expected[i], within(1e-6));
        }
        // step 0 splits the shared start state into A and B (one fork), step 1 continues beam A
        // twice (one fork), step 2 continues [A,C] twice (one fork); the last step needs no states
        assertThat(model.forks).isEqualTo(3);
    }

    @Test
    void lengthNormalisationPrefersTheLongCandidateAndTheNmtPenaltyTheShortOne() {
        WindowDecoder window = FakeVocab.windowDecoder();
        DecodingResult normalised = window.decode(model().newState(), beam(2).patience(2.0).build(), 0);
        assertThat(normalised.tokens()).containsExactly(A, C, A);
        assertThat(normalised.sumLogProb()).isCloseTo(Math.log(.06), within(1e-6));
        assertThat(normalised.avgLogProb()).isCloseTo(Math.log(.06) / 4, within(1e-6));

        DecodingResult penalised = window.decode(model().newState(),
                beam(2).patience(2.0).lengthPenalty(1.0).build(), 0);
        assertThat(penalised.tokens()).containsExactly(B);
    }

    @Test
    void unfinishedBeamsFillTheCandidatesWhenTheBudgetRunsOut() {
        // one step only: A and B are live beams, nothing finished -> both added, best first
        List<DecodeResult> candidates = search(model(), null, 1);
        assertThat(candidates).extracting(c -> ScriptedModel.toList(c.tokens()))
                .containsExactly(List.of(A), List.of(B));
        assertThat(candidates).noneMatch(DecodeResult::reachedEnd);
        assertThat(candidates.get(0).sumLogProb()).isCloseTo(Math.log(.5), within(1e-6));
    }

    @Test
    void maxCandidatesRoundsHalfToEvenAndMustBePositive() {
        assertThat(new BeamSearchDecoder(5, 0.5, List.of(), EOT).maxCandidates()).isEqualTo(2); // round(2.5)
        assertThat(new BeamSearchDecoder(5, 0.0, List.of(), EOT).maxCandidates()).isEqualTo(5); // 0 -> 1.0
        assertThatThrownBy(() -> new BeamSearchDecoder(1, 0.4, List.of(), EOT))
                .hasMessageContaining("Invalid beam size");
    }

    @Test
    void topKOrdersByValueThenByLowerIndex() {
        float[] values = {1, 3, 2, 3, Float.NEGATIVE_INFINITY, 0};
        assertThat(BeamSearchDecoder.topK(values, 3)).containsExactly(1, 3, 2);
        assertThat(BeamSearchDecoder.topK(values, 10)).containsExactly(1, 3, 2, 0, 5, 4);
    }
}
