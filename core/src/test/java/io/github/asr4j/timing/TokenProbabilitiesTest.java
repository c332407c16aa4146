package io.github.asr4j.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TokenProbabilitiesTest {
    /**
     * Sequence [sot, no_timestamps, t0, t1, eot] with sotLength 1: row 1 predicts t0, row 2 predicts t1.
     * The softmax runs over ids below eot (3) only: the large logit at id 3 (eot) is ignored.
     */
    @Test
    void softmaxOverTheTextVocabularyAtThePredictingRow() {
        float[][] logits = {
            {9, 9, 9, 9},
            {0, 1, 2, 50}, // predicts t0 = 2
            {3, 0, 0, 50}, // predicts t1 = 0
            {0, 0, 0, 0},
            {0, 0, 0, 0}};
        double[] p = TokenProbabilities.of(logits, 1, new int[] {2, 0}, 3);
        double z0 = 1 + Math.E + Math.exp(2);
        assertThat(p[0]).isCloseTo(Math.exp(2) / z0, within(1e-6));
        assertThat(p[1]).isCloseTo(Math.exp(3) / (Math.exp(3) + 2), within(1e-6));
        assertThat(p[0]).isEqualTo((double) (float) p[0]); // float32, as torch's
    }

    @Test
    void aTokenAtOrAboveEotIsRejected() {
        assertThatThrownBy(() -> TokenProbabilities.of(new float[3][4], 1, new int[] {3}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not below eot 3");
    }
}
