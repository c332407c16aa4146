package io.github.asr4j.decode;

import static io.github.asr4j.decode.FakeVocab.EOT;
import static io.github.asr4j.decode.FakeVocab.NO_TIMESTAMPS;
import static io.github.asr4j.decode.FakeVocab.SIZE;
import static io.github.asr4j.decode.FakeVocab.TS;
import static io.github.asr4j.decode.FakeVocab.row;
import static io.github.asr4j.decode.FakeVocab.ts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each case is openai-whisper's ApplyTimestampRules.apply worked through by hand. */
class ApplyTimestampRulesTest {
    private final ApplyTimestampRules rules = new ApplyTimestampRules(FakeVocab.SPECIAL, 50);

    private static float[] flat() {
        float[] logits = new float[SIZE];
        Arrays.fill(logits, 0f);
        return logits;
    }

    /**
     * Text and end-of-text at logit 10, timestamps at 0: all 1501 timestamps together weigh
     * ln 1501 = 7.3 < 10, so the probability rule forces nothing.
     */
    private static float[] textFavoured() {
        float[] logits = flat();
        Arrays.fill(logits, 0, TS, 10f);
        return logits;
    }

    private static boolean allSuppressed(float[] logits, int from, int to) {
        for (int i = from; i < to; i++) {
            if (logits[i] != Float.NEGATIVE_INFINITY) {
                return false;
            }
        }
        return true;
    }

    private static boolean noneSuppressed(float[] logits, int from, int to) {
        for (int i = from; i < to; i++) {
            if (logits[i] == Float.NEGATIVE_INFINITY) {
                return false;
            }
        }
        return true;
    }

    @Test
    void firstStepAllowsOnlyTimestampsUpToTheMaxInitialIndex() {
        float[] logits = flat();
        rules.apply(logits, new int[0]);
        assertThat(allSuppressed(logits, 0, TS)).as("text, eot and control tokens").isTrue();
        assertThat(noneSuppressed(logits, TS, TS + 51)).as("<|0.00|> .. <|1.00|>").isTrue();
        assertThat(allSuppressed(logits, TS + 51, SIZE)).as("after <|1.00|>").isTrue();
    }

    @Test
    void withoutAMaxInitialIndexEveryTimestampMayOpen() {
        float[] logits = flat();
        new ApplyTimestampRules(FakeVocab.SPECIAL, -1).apply(logits, new int[0]);
        assertThat(allSuppressed(logits, 0, TS)).isTrue();
        assertThat(noneSuppressed(logits, TS, SIZE)).isTrue();
    }

    @Test
    void maxInitialTimestampIndexRoundsHalfToEvenLikePython() {
        assertThat(ApplyTimestampRules.maxInitialTimestampIndex(1.0, 1500)).isEqualTo(50);
        // 0.05 / 0.02 == 2.5 exactly in binary: Python's round gives 2 (Math.round would give 3)
        assertThat(ApplyTimestampRules.maxInitialTimestampIndex(0.05, 1500)).isEqualTo(2);
        assertThat(ApplyTimestampRules.maxInitialTimestampIndex(0.03, 1500)).isEqualTo(2); // 1.5 -> 2
        assertThat(ApplyTimestampRules.maxInitialTimestampIndex(0.0, 1500)).isEqualTo(-1); // falsy: no limit
        assertThat(ApplyTimestampRules.maxInitialTimestampIndex(null, 1500)).isEqualTo(-1);
    }

    @Test
    void noTimestampsTokenIsAlwaysSuppressed() {
        float[] logits = row(NO_TIMESTAMPS, 50, 7, 1);
        rules.apply(logits, new int[] {ts(0), 7});
        assertThat(logits[NO_TIMESTAMPS]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(logits[7]).isEqualTo(1f);
    }

    @Test
    void afterAnOpeningTimestampComesText() {
        // seq = [<0.00>]: last is a timestamp and "penultimate" counts as one (len < 2) -> no timestamp
        float[] logits = flat();
        rules.apply(logits, new int[] {ts(0)});
        assertThat(allSuppressed(logits, TS, SIZE)).isTrue();
        assertThat(noneSuppressed(logits, 0, EOT + 1)).isTrue();
    }

    @Test
    void insideASegmentTimestampsMustBeLaterThanTheOpeningOne() {
        // seq = [<0.40>, w7]: not after a timestamp; timestamps before <0.40>+1 are forbidden
        float[] logits = textFavoured();
        rules.apply(logits, new int[] {ts(0.4), 7});
        assertThat(allSuppressed(logits, TS, ts(0.42))).isTrue();
        assertThat(noneSuppressed(logits, ts(0.42), SIZE)).isTrue();
        assertThat(noneSuppressed(logits, 0, EOT + 1)).isTrue();
    }

    @Test
    void afterAClosingTimestampComesATimestampOrEndOfText() {
        // seq = [<0.00>, w7, <1.00>]: last timestamp, penultimate text -> no text token; the next
        // timestamp may repeat <1.00> (timestamp_last = timestamps[-1]), earlier ones may not
        float[] logits = textFavoured();
        rules.apply(logits, new int[] {ts(0), 7, ts(1.0)});
        assertThat(allSuppressed(logits, 0, EOT)).isTrue();
        assertThat(logits[EOT]).isEqualTo(10f);
        assertThat(allSuppressed(logits, TS, ts(1.0))).isTrue();
        assertThat(noneSuppressed(logits, ts(1.0), SIZE)).isTrue();
    }

    @Test
    void afterATimestampPairComesText() {
        // seq = [<0.00>, w7, <1.00>, <1.00>]: last two are timestamps -> no timestamp at all
        float[] logits = flat();
        rules.apply(logits, new int[] {ts(0), 7, ts(1.0), ts(1.0)});
        assertThat(allSuppressed(logits, TS, SIZE)).isTrue();
        assertThat(noneSuppressed(logits, 0, EOT + 1)).isTrue();
    }

    @Test
    void flatLogitsForceATimestampByTheirSheerNumber() {
        // seq = [<0.40>, w7], all logits 0: 1480 allowed timestamps weigh ln 1480 = 7.3 > 0
        float[] logits = flat();
        rules.apply(logits, new int[] {ts(0.4), 7});
        assertThat(allSuppressed(logits, 0, TS)).isTrue();
    }

    @Test
    void timestampsTogetherMoreLikelyThanTheBestTextTokenForceATimestamp() {
        // seq = [<0.00>, w7]; w8 has logit 2; ten timestamps at logit 1 sum to 1 + ln 10 = 3.30 > 2
        float[] logits = row(8, 2);
        for (int i = 1; i <= 10; i++) {
            logits[ts(i)] = 1f;
        }
        rules.apply(logits, new int[] {ts(0), 7});
        assertThat(allSuppressed(logits, 0, TS)).as("text and eot suppressed").isTrue();
        assertThat(logits[ts(1)]).isEqualTo(1f);
    }

    @Test
    void timestampsLessLikelyThanTheBestTextTokenAreNotForced() {
        // two timestamps at logit 1: 1 + ln 2 = 1.69 < 2 -> text stays possible
        float[] logits = row(8, 2, ts(1), 1, ts(2), 1);
        rules.apply(logits, new int[] {ts(0), 7});
        assertThat(logits[8]).isEqualTo(2f);
        assertThat(logits[ts(1)]).isEqualTo(1f);
    }
}
