package io.github.asr4j.qwen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Greedy decoding and the loop guard on synthetic logits sequences. */
class GreedyDecodingTest {
    static final int VOCAB = 64;
    static final int END = 63;
    static QwenTokens tokens;

    @BeforeAll
    static void load() {
        tokens = QwenTokens.of(QwenTestData.tokens().tokenizer(), END);
    }

    /** Logits whose argmax is script[k] at step k (END after the script), with a distractor one below. */
    static float[][] scripted(int... script) {
        float[][] rows = new float[script.length + 1][];
        for (int k = 0; k <= script.length; k++) {
            float[] row = new float[VOCAB];
            int best = k < script.length ? script[k] : END;
            row[best] = 5f;
            row[(best + 1) % VOCAB] = 4f;
            rows[k] = row;
        }
        return rows;
    }

    static GreedyDecoding.Result run(float[][] rows, int maxNew, int[] fed) {
        int[] step = {0};
        IntFunction<float[]> next = token -> {
            fed[step[0]] = token;
            return rows[++step[0]];
        };
        return GreedyDecoding.run(rows[0], next, tokens, maxNew);
    }

    @Test
    void stopsAtTheEndTokenAndFeedsEachChosenToken() {
        int[] script = {5, 6, 7, 8};
        int[] fed = new int[10];
        GreedyDecoding.Result r = run(scripted(script), 100, fed);
        assertThat(r.tokens()).containsExactly(script);
        assertThat(r.stop()).isEqualTo(GreedyDecoding.Stop.END_TOKEN);
        assertThat(Arrays.copyOf(fed, 4)).containsExactly(script);
        double expected = -Math.log(1 + Math.exp(-1) + (VOCAB - 2) * Math.exp(-5));
        assertThat(r.logProbs()).containsOnly(new double[] {expected}, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void stopsAtTheLimitWithoutAnExtraStep() {
        int[] fed = new int[10];
        GreedyDecoding.Result r = run(scripted(1, 2, 3, 4, 5, 6), 3, fed);
        assertThat(r.tokens()).containsExactly(1, 2, 3);
        assertThat(r.stop()).isEqualTo(GreedyDecoding.Stop.LIMIT);
        assertThat(fed[2]).isZero(); // the third token was not fed: its logits are not needed
    }

    @Test
    void tiesGoToTheLowestId() {
        float[] row = new float[VOCAB];
        row[9] = 3f;
        row[4] = 3f;
        assertThat(io.github.asr4j.decode.Logits.argmax(row)).isEqualTo(4);
    }

    @Test
    void aPhraseRepeatedUntilTheLimitIsStoppedAndTrimmedToOneCopy() {
        int[] lead = {11, 12, 13};
        int[] phrase = {20, 21, 22, 23, 24};
        int[] script = IntStream.concat(Arrays.stream(lead),
                IntStream.range(0, 40).flatMap(i -> Arrays.stream(phrase))).toArray();
        GreedyDecoding.Result r = run(scripted(script), 1000, new int[script.length + 1]);
        assertThat(r.stop()).isEqualTo(GreedyDecoding.Stop.LOOP);
        assertThat(r.tokens()).containsExactly(11, 12, 13, 20, 21, 22, 23, 24);
        assertThat(r.logProbs()).hasSize(8);
    }

    @Test
    void oneTokenRepeatedIsStoppedAfterTwentyAndShortRepeatsAreKept() {
        int[] same = new int[50];
        Arrays.fill(same, 7);
        assertThat(run(scripted(same), 1000, new int[51]).tokens()).containsExactly(7);
        int[] speech = {30, 31, 31, 31, 32, 33, 34, 33, 34, 35}; // "very very very", a phrase twice
        GreedyDecoding.Result r = run(scripted(speech), 1000, new int[11]);
        assertThat(r.stop()).isEqualTo(GreedyDecoding.Stop.END_TOKEN);
        assertThat(r.tokens()).containsExactly(speech);
    }

    @Test
    void loopRuleCountsBackToBackCopiesOnly() {
        int[] sevenTwice = {1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5, 6, 7};
        assertThat(LoopGuard.trimmedLength(sevenTwice, sevenTwice.length)).isEqualTo(-1);
        int[] sevenThrice = IntStream.range(0, 21).map(i -> 1 + i % 7).toArray();
        assertThat(LoopGuard.trimmedLength(sevenThrice, sevenThrice.length)).isEqualTo(7);
        int[] sixThrice = IntStream.range(0, 18).map(i -> 1 + i % 6).toArray(); // 18 tokens: under 20
        assertThat(LoopGuard.trimmedLength(sixThrice, sixThrice.length)).isEqualTo(-1);
    }
}
