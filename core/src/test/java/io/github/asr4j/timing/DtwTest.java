package io.github.asr4j.timing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Paths worked out by hand from openai's dtw_cpu / backtrace (and checked against a numpy transcription). */
class DtwTest {
    @Test
    void followsAClearDiagonal() {
        DtwPath path = Dtw.align(new double[][] {{1, 9, 9}, {9, 1, 9}, {9, 9, 1}});
        assertThat(path.textIndices()).containsExactly(0, 1, 2);
        assertThat(path.timeIndices()).containsExactly(0, 1, 2);
    }

    /**
     * All-zero 2x2: cost[2][2] sees c0 = c1 = c2 = 0; neither of the strict tests holds, so openai steps
     * left, to (2,1), whose trace is "up" (c1 = 0 < inf): path (0,0) (1,0) (1,1).
     */
    @Test
    void tiesGoLeftThenUp() {
        DtwPath path = Dtw.align(new double[][] {{0, 0}, {0, 0}});
        assertThat(path.textIndices()).containsExactly(0, 1, 1);
        assertThat(path.timeIndices()).containsExactly(0, 0, 1);
    }

    /**
     * x = [[0,0],[1,0]]: cost[1][2] = 0 (left), cost[2][1] = 1 (up). At cost[2][2], c0 = c1 = 0 < c2 = 1,
     * but a tie between the diagonal and "up" also falls through to "left": cost 0 + 1, not 0. The path is
     * (0,0) (1,0) (1,1) with total 1 where the diagonal costs 0: openai's quirk, kept.
     */
    @Test
    void aTieOfDiagonalAndUpTakesTheLeftStepEvenWhenDearer() {
        DtwPath path = Dtw.align(new double[][] {{0, 0}, {1, 0}});
        assertThat(path.textIndices()).containsExactly(0, 1, 1);
        assertThat(path.timeIndices()).containsExactly(0, 0, 1);
    }

    /**
     * Costs (1-based) column by column: j=1: 0, 3, 5; j=2: 1, 0 (diag), 2 (up); j=3: 3, 0 (left), 2 (left:
     * c0 = c1 = 0 tie); j=4: 6, 3, 0 (diag). Back from (3,4): diag, left, diag, diag.
     */
    @Test
    void threeByFour() {
        DtwPath path = Dtw.align(new double[][] {{0, 1, 2, 3}, {3, 0, 0, 3}, {2, 2, 0, 0}});
        assertThat(path.textIndices()).containsExactly(0, 1, 1, 2);
        assertThat(path.timeIndices()).containsExactly(0, 1, 2, 3);
        assertThat(WordAligner.jumpTimes(path)).containsExactly(0.0, 0.02, 0.06);
    }

    @Test
    void moreRowsThanColumnsStillVisitsEveryRow() {
        DtwPath path = Dtw.align(new double[][] {{0}, {0}, {0}});
        assertThat(path.textIndices()).containsExactly(0, 1, 2);
        assertThat(path.timeIndices()).containsExactly(0, 0, 0);
    }
}
