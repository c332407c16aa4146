package io.github.asr4j.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MedianFilterTest {
    /** Width 3 on [1,5,2,8,3]: reflect-padded [5,1,5,2,8,3,8], window medians 5,2,5,3,8. */
    @Test
    void smallExampleByHand() {
        assertThat(MedianFilter.apply(new float[] {1, 5, 2, 8, 3}, 3)).containsExactly(5, 2, 5, 3, 8);
    }

    /** openai returns inputs no longer than width / 2 untouched (F.pad cannot reflect them). */
    @Test
    void shortInputIsReturnedUnchanged() {
        float[] x = {3, 1, 2};
        assertThat(MedianFilter.apply(x, 7)).isSameAs(x);
        // length 4 > 3 is filtered: [4,1,3,2] padded to [2,3,1, 4,1,3,2, 3,1,4]; medians of the 7-windows
        assertThat(MedianFilter.apply(new float[] {4, 1, 3, 2}, 7)).containsExactly(2, 3, 2, 3);
    }

    @Test
    void matchesADirectMedianOfReflectedNeighbours() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 4 + random.nextInt(40);
            float[] x = new float[n];
            for (int i = 0; i < n; i++) x[i] = (float) random.nextGaussian();
            int width = 7;
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                float[] window = new float[width];
                for (int k = -3; k <= 3; k++) {
                    int at = i + k;
                    if (at < 0) at = -at;
                    if (at >= n) at = 2 * n - 2 - at;
                    window[k + 3] = x[at];
                }
                Arrays.sort(window);
                expected[i] = window[3];
            }
            assertThat(MedianFilter.apply(x, width)).containsExactly(expected);
        }
    }

    @Test
    void rejectsAnEvenWidth() {
        assertThatThrownBy(() -> MedianFilter.apply(new float[10], 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4");
    }
}
