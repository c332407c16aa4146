package io.github.asr4j.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceRankerTest {
    private static DecodeResult candidate(int length, double logProb) {
        return new DecodeResult(new int[length], logProb, true);
    }

    @Test
    void scoresFollowOpenaisFormulas() {
        DecodeResult c = candidate(3, -2.4);
        assertThat(new SequenceRanker(null).score(c)).isCloseTo(-0.8, within(1e-12));
        assertThat(new SequenceRanker(0.0).score(c)).isCloseTo(-2.4, within(1e-12));
        assertThat(new SequenceRanker(1.0).score(c)).isCloseTo(-2.4 / (8.0 / 6.0), within(1e-12));
        assertThat(new SequenceRanker(0.5).score(c)).isCloseTo(-2.4 / Math.sqrt(8.0 / 6.0), within(1e-12));
    }

    @Test
    void bestIsTheFirstOfTheHighestScores() {
        List<DecodeResult> candidates = List.of(candidate(1, -1.0), candidate(3, -2.4), candidate(3, -2.4));
        assertThat(new SequenceRanker(null).best(candidates)).isEqualTo(1);
        assertThat(new SequenceRanker(0.0).best(candidates)).isEqualTo(0);
    }

    @Test
    void anEmptyCandidateRanksLastInsteadOfDividingByZero() {
        assertThat(new SequenceRanker(null).best(List.of(candidate(0, -0.1), candidate(2, -5)))).isEqualTo(1);
        assertThatThrownBy(() -> new SequenceRanker(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
