package io.github.asr4j.qwen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The official splitting beyond the limit, at the quietest point near each cut. */
class LowEnergySplitTest {
    static final int RATE = 16000;

    @Test
    void audioUpToTheLimitIsOnePiece() {
        float[] samples = noise(10 * RATE);
        assertThat(LowEnergySplit.pieces(samples, 10 * RATE)).containsExactly(new LowEnergySplit.Piece(0, 10 * RATE));
    }

    @Test
    void longAudioIsCutInsideTheQuietStretchNearEachLimitAndCoveredExactly() {
        float[] samples = noise(50 * RATE);
        quiet(samples, 17 * RATE, 17 * RATE + 4000);   // 3 s before the first 20 s limit
        quiet(samples, 38 * RATE, 38 * RATE + 4000);   // 1 s after the second cut's limit (17 + 20 = 37 s)
        List<LowEnergySplit.Piece> pieces = LowEnergySplit.pieces(samples, 20 * RATE);
        assertThat(pieces).hasSize(3);
        assertThat(pieces.get(0).start()).isZero();
        assertThat(pieces.get(0).end()).isBetween(17 * RATE, 17 * RATE + 4000);
        assertThat(pieces.get(1).start()).isEqualTo(pieces.get(0).end());
        assertThat(pieces.get(1).end()).isBetween(38 * RATE, 38 * RATE + 4000);
        assertThat(pieces.get(2).start()).isEqualTo(pieces.get(1).end());
        assertThat(pieces.get(2).end()).isEqualTo(samples.length);
        for (LowEnergySplit.Piece p : pieces) {
            assertThat(p.end() - p.start()).isLessThanOrEqualTo(20 * RATE + 5 * RATE);
        }
    }

    @Test
    void theOfficialLimitIsTwentyMinutes() {
        assertThat(LowEnergySplit.MAX_PIECE_SECONDS).isEqualTo(1200);
    }

    private static float[] noise(int n) {
        SplittableRandom random = new SplittableRandom(3);
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (0.3 + 0.2 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
        }
        return s;
    }

    private static void quiet(float[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            s[i] *= 0.01f;
        }
    }
}
