package io.github.asr4j.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.RepetitionGuard;
import org.junit.jupiter.api.Test;

class RepetitionGuardTest {
    private static final int SPECIAL = 100; // ids >= 100 are special/timestamps here

    private static float[] apply(RepetitionGuard guard, int... sampled) {
        float[] logits = new float[120];
        RepetitionFilter.of(guard, SPECIAL).apply(logits, sampled);
        return logits;
    }

    @Test
    void theTokenThatWouldRepeatAnNgramOnceTooOftenIsSuppressed() {
        // "1 2 3" twice, then "1 2": a third "3" would make the 3-gram's third occurrence
        float[] logits = apply(new RepetitionGuard(3, 2), 1, 2, 3, 1, 2, 3, 1, 2);
        assertThat(logits[3]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(logits[4]).isZero();
        assertThat(logits[1]).isZero();
    }

    @Test
    void belowTheLimitNothingIsSuppressed() {
        float[] logits = apply(new RepetitionGuard(3, 3), 1, 2, 3, 1, 2, 3, 1, 2);
        assertThat(logits).containsOnly(0f);
    }

    @Test
    void timestampsBetweenRepeatsDoNotHideTheLoop() {
        // " Thank you." in consecutive timestamped segments: 101 5 6 102 102 5 6 103 103 5 -> 6 a third time
        float[] logits = apply(new RepetitionGuard(2, 2), 101, 5, 6, 102, 102, 5, 6, 103, 103, 5);
        assertThat(logits[6]).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @Test
    void unigramsLimitATokenItself() {
        float[] logits = apply(new RepetitionGuard(1, 2), 7, 8, 7);
        assertThat(logits[7]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(logits[8]).isZero();
    }

    @Test
    void sizesBelowOneAreRefused() {
        assertThatThrownBy(() -> new RepetitionGuard(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepetitionGuard(4, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
