package io.github.asr4j.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordAlignerTest {
    private static final int SOT_LENGTH = 3; // sot, language, task

    /**
     * Two heads; the rows that predict the text (no_timestamps, 4 text tokens: " Hello" " wor" "ld" ".")
     * attend to consecutive 10-frame blocks of a 50-frame window (numFrames = 100 mel frames). The
     * attention also has 10 more frames with large scores that lie past numFrames / 2: openai cuts them
     * before the softmax, so they must not matter. DTW then puts row r's first step at frame 10 r, i.e.
     * 0.2 r seconds: " Hello" 0.0-0.2, " world" (2 tokens) 0.2-0.6, "." 0.6-0.8; probabilities are the
     * means of the token probabilities (0.9), (0.5 + 0.7) / 2, (0.8).
     */
    @Test
    void diagonalAttentionGivesTheBlockBoundaries() {
        int heads = 2;
        int textTokens = 4;
        int rows = SOT_LENGTH + 1 + textTokens + 1;
        float[][][] logits = new float[heads][rows][60];
        for (int h = 0; h < heads; h++) {
            for (int r = 0; r <= textTokens; r++) {
                for (int f = 10 * r; f < 10 * r + 10; f++) logits[h][SOT_LENGTH + r][f] = h == 0 ? 8f : 6f;
            }
            for (int t = 0; t < rows; t++) {
                for (int f = 50; f < 60; f++) logits[h][t][f] = 20f;
            }
        }
        float[][][] weights = WordAligner.softmaxOverFrames(logits, 100, 1.0);
        assertThat(weights[0][0]).hasSize(50);

        List<WordTiming> words = WordAligner.findAlignment(weights, SOT_LENGTH, new int[] {0, 2, 3, 13},
                new double[] {0.9, 0.5, 0.7, 0.8}, FakeVocabulary.splitter("en"), 7);
        assertThat(words).extracting(WordTiming::word).containsExactly(" Hello", " world", ".");
        assertThat(words).extracting(WordTiming::tokens).containsExactly(List.of(0), List.of(2, 3), List.of(13));
        assertThat(words).extracting(WordTiming::start).containsExactly(0.0, 0.2, 0.6);
        assertThat(words).extracting(WordTiming::end).containsExactly(0.2, 0.6, 0.8);
        assertThat(words).extracting(WordTiming::probability).containsExactly(0.9, 0.6, 0.8);
    }

    /** Renormalising softmax-over-everything probabilities over the kept frames equals the softmax of the kept scores. */
    @Test
    void renormalizedProbabilitiesEqualTheSoftmaxOverTheWindow() {
        float[][][] logits = {{{1f, 2f, 0.5f, 3f, 9f, 9f}, {0f, 0f, 1f, 1f, -2f, 4f}}};
        float[][][] full = WordAligner.softmaxOverFrames(logits, 12, 1.0); // all 6 frames
        float[][][] renormalized = WordAligner.renormalizeOverFrames(full, 8); // keep 4
        float[][][] direct = WordAligner.softmaxOverFrames(logits, 8, 1.0);
        for (int t = 0; t < 2; t++) {
            assertThat(renormalized[0][t]).containsExactly(direct[0][t], within(1e-6f));
        }
        assertThat(direct[0][0][3]).isCloseTo((float) (Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(0.5) + Math.exp(3))),
                within(1e-6f));
    }

    /**
     * Pseudo-random weights (the same LCG in Python and Java) with a diagonal trend: every step of openai's
     * find_alignment after the softmax (std_mean over tokens, median filter 7, head mean, DTW on -matrix,
     * jumps) was run on the same float32 values in a numpy transcription of timing.py; these are its results.
     */
    @Test
    void matchesOpenaisPipelineOnPseudoRandomWeights() {
        int heads = 3;
        int textTokens = 6;
        int rows = SOT_LENGTH + 1 + textTokens + 1;
        int frames = 37;
        float[][][] w = new float[heads][rows][frames];
        long seed = 42;
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < rows; t++) {
                for (int f = 0; f < frames; f++) {
                    seed = (seed * 1103515245L + 12345L) % (1L << 31);
                    w[h][t][f] = (float) (seed / (double) (1L << 31));
                }
            }
        }
        for (int h = 0; h < heads; h++) {
            for (int r = 0; r <= textTokens; r++) {
                for (int f = 0; f < frames; f++) {
                    if (Math.abs(f - (r * frames) / (double) (textTokens + 1) - 2) < 3) w[h][SOT_LENGTH + r][f] += 1f;
                }
            }
        }
        float[][] matrix = WordAligner.alignmentMatrix(w, SOT_LENGTH, textTokens, 7);
        assertThat(matrix[2][5]).isEqualTo(-0.26838529109954834f);
        assertThat(matrix[0][0]).isEqualTo(2.386784315109253f);

        double[] probs = {(float) 0.91, (float) 0.42, (float) 0.77, (float) 0.65, (float) 0.33, (float) 0.58};
        List<WordTiming> words = WordAligner.findAlignment(w, SOT_LENGTH, new int[] {14, 15, 16, 17, 18, 4}, probs,
                FakeVocabulary.splitter("en"), 7);
        assertThat(words).extracting(WordTiming::word).containsExactly(" I", " can't", " believe", "!");
        assertThat(words).extracting(WordTiming::start).containsExactly(0.0, 0.1, 0.3, 0.52);
        assertThat(words).extracting(WordTiming::end).containsExactly(0.1, 0.3, 0.52, 0.62);
        assertThat(words).extracting(WordTiming::probability)
                .containsExactly(0.9100000262260437, 0.5949999839067459, 0.48999999463558197, 0.5799999833106995);
    }

    @Test
    void noTextGivesNoWords() {
        assertThat(WordAligner.findAlignment(new float[1][5][10], SOT_LENGTH, new int[0], new double[0],
                FakeVocabulary.splitter("en"), 7)).isEmpty();
    }

    @Test
    void badShapesAreReportedWithTheirSizes() {
        assertThatThrownBy(() -> WordAligner.findAlignment(new float[2][6][10], SOT_LENGTH, new int[] {0, 2},
                new double[] {0.5, 0.5}, FakeVocabulary.splitter("en"), 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 token rows").hasMessageContaining("= 7");
        assertThatThrownBy(() -> WordAligner.softmaxOverFrames(new float[1][2][10], 30, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numFrames / 2 = 15");
        assertThatThrownBy(() -> WordAligner.findAlignment(new float[2][7][10], SOT_LENGTH, new int[] {0, 2},
                new double[] {0.5}, FakeVocabulary.splitter("en"), 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 token probabilities for 2");
    }
}
