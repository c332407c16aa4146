package io.github.asr4j.timing;

import static io.github.asr4j.timing.PunctuationMerger.DEFAULT_APPENDED;
import static io.github.asr4j.timing.PunctuationMerger.DEFAULT_PREPENDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.asr4j.Word;
import io.github.asr4j.decode.DecodedSegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected segments are what openai's add_word_timestamps (after find_alignment) makes of the same
 * segments and alignment, run in a transcription of timing.py with numpy float64 times. Token ids from
 * {@link FakeVocabulary#EOT} (50) up are timestamps/specials and are not text.
 */
class WordTimestampsTest {
    private static final int EOT = FakeVocabulary.EOT;

    private static DecodedSegment segment(int id, int seek, double start, double end, int... tokens) {
        return new DecodedSegment(id, seek, start, end, "", tokens, 0.0, -0.1, 1.0, 0.01);
    }

    private static WordTiming timing(String word, List<Integer> tokens, double start, double end, double p) {
        return new WordTiming(word, tokens, start, end, p);
    }

    private static List<DecodedSegment> apply(List<DecodedSegment> segments, List<WordTiming> alignment, double lastSpeech) {
        return WordTimestamps.apply(segments, EOT, alignment, lastSpeech, DEFAULT_PREPENDED, DEFAULT_APPENDED);
    }

    /**
     * seek 100 = 1.0 s offset. Durations 0.1 0.2 0.22 0.1: median 0.15, no clamping fires. "!" merges
     * into " believe". The first segment's 3 text tokens take " I" and " can't"; its start is the first
     * word's, its end the last word's (2.5 + 0.5 is not < 1.3).
     */
    @Test
    void dealsWordsToSegmentsByTokenCount() {
        List<DecodedSegment> out = apply(List.of(segment(0, 100, 1.0, 2.5, 60, 14, 15, 16, 61),
                segment(1, 100, 2.5, 4.0, 62, 17, 18, 4, 63)), List.of(
                timing(" I", List.of(14), 0.0, 0.1, 0.91), timing(" can't", List.of(15, 16), 0.1, 0.3, 0.595),
                timing(" believe", List.of(17, 18), 0.3, 0.52, 0.49), timing("!", List.of(4), 0.52, 0.62, 0.58)), 0.0);
        assertThat(out.get(0).words()).containsExactly(new Word(" I", 1.0, 1.1, 0.91), new Word(" can't", 1.1, 1.3, 0.595));
        assertThat(out.get(0).start()).isEqualTo(1.0);
        assertThat(out.get(0).end()).isEqualTo(1.3);
        assertThat(out.get(1).words()).containsExactly(new Word(" believe!", 1.3, 1.52, 0.49));
        assertThat(out.get(1).start()).isEqualTo(1.3);
        assertThat(out.get(1).end()).isEqualTo(1.52);
        assertThat(out.get(1).tokens()).containsExactly(62, 17, 18, 4, 63); // untouched
    }

    /**
     * Durations 2.0 0.3 1.7 2.0 0.2 0.3 3.5: median 1.7, clamped to 0.7; max 1.4. "." (1.7 > 1.4, a sentence
     * end) is cut to 2.3 + 1.4; " Next" (after ".") starts at 6.0 - 1.4 = 4.6. Segment 0: " Hello" ends at
     * 3.0, more than 4 x 0.7 after the last speech (0) and is longer than 1.4, so it starts at 3.0 - 1.4 =
     * 1.6, which becomes the segment start. Segment 1: its end 8.0 is before the last word's 11.0 minus 0.5,
     * so that word ends at max(7.5 + 0.7, 8.0) = 8.2 and the segment keeps 8.0.
     */
    @Test
    void clampsLongWordsAtSentenceBoundariesAndAfterPauses() {
        List<DecodedSegment> out = apply(List.of(segment(0, 100, 1.0, 4.0, 0, 2, 13), segment(1, 100, 5.0, 8.0, 14, 15, 17, 18)),
                List.of(timing(" Hello", List.of(0), 0.0, 2.0, 0.5), timing(" world", List.of(2), 2.0, 2.3, 0.5),
                        timing(".", List.of(13), 2.3, 4.0, 0.5), timing(" Next", List.of(14), 4.0, 6.0, 0.5),
                        timing(" one", List.of(15), 6.0, 6.2, 0.5), timing(" two", List.of(17), 6.2, 6.5, 0.5),
                        timing(" three", List.of(18), 6.5, 10.0, 0.5)), 0.0);
        assertThat(out.get(0).words()).containsExactly(new Word(" Hello", 1.6, 3.0, 0.5), new Word(" world.", 3.0, 3.3, 0.5));
        assertThat(out.get(0).start()).isEqualTo(1.6);
        assertThat(out.get(0).end()).isEqualTo(3.3);
        assertThat(out.get(1).words()).containsExactly(new Word(" Next", 5.6, 7.0, 0.5), new Word(" one", 7.0, 7.2, 0.5),
                new Word(" two", 7.2, 7.5, 0.5), new Word(" three", 7.5, 8.2, 0.5));
        assertThat(out.get(1).start()).isEqualTo(5.6);
        assertThat(out.get(1).end()).isEqualTo(8.0);
    }

    /**
     * Median 0.3, max 0.6. After a pause (last speech 0.5), " Well" (1.0-3.0) and " then" (3.0-6.0) are both
     * long: their boundary moves to max(6.0 / 2, 6.0 - 0.6) = 5.4 and " Well" starts at 5.4 - 0.6 =
     * 4.800000000000001 (float64 arithmetic, kept as openai has it).
     */
    @Test
    void splitsTwoLongWordsAfterAPause() {
        List<DecodedSegment> out = apply(List.of(segment(0, 0, 4.0, 9.0, 0, 2, 14, 15, 17)),
                List.of(timing(" Well", List.of(0), 1.0, 3.0, 0.5), timing(" then", List.of(2), 3.0, 6.0, 0.5),
                        timing(" a", List.of(14), 6.0, 6.2, 0.5), timing(" b", List.of(15), 6.2, 6.5, 0.5),
                        timing(" c", List.of(17), 6.5, 6.7, 0.5)), 0.5);
        assertThat(out.get(0).words()).extracting(Word::start).containsExactly(4.800000000000001, 5.4, 6.0, 6.2, 6.5);
        assertThat(out.get(0).words()).extracting(Word::end).containsExactly(5.4, 6.0, 6.2, 6.5, 6.7);
        assertThat(out.get(0).start()).isEqualTo(4.800000000000001);
        assertThat(out.get(0).end()).isEqualTo(6.7);
    }

    /**
     * No pause (last speech 2.0), but the first word starts more than 0.5 s before the segment: it starts at
     * max(0, min(2.4 - median 0.3, 2.0)) = 2.0 and the segment keeps its start.
     */
    @Test
    void prefersTheSegmentStartOverALongFirstWord() {
        List<DecodedSegment> out = apply(List.of(segment(0, 0, 2.0, 3.0, 0, 2, 14)),
                List.of(timing(" So", List.of(0), 0.5, 2.4, 0.5), timing(" we", List.of(2), 2.4, 2.6, 0.5),
                        timing(" go", List.of(14), 2.6, 2.9, 0.5)), 2.0);
        assertThat(out.get(0).words()).containsExactly(new Word(" So", 2.0, 2.4, 0.5), new Word(" we", 2.4, 2.6, 0.5),
                new Word(" go", 2.6, 2.9, 0.5));
        assertThat(out.get(0).start()).isEqualTo(2.0);
        assertThat(out.get(0).end()).isEqualTo(2.9);
    }

    /**
     * The one-call path with a fake model: the block-diagonal attention of WordAlignerTest, given softmaxed over
     * all 60 encoder positions (as the model gives it) and renormalised over the window's 50. Uniform logits
     * give every token probability 1/50. "." merges into " world"; the segment ends with its last word.
     */
    @Test
    void addRunsTheModelOverSotNoTimestampsTextAndEot() {
        int[] sot = {51, 52, 53};
        int noTimestamps = 54;
        int[][] fed = new int[1][];
        float[][][] logits = new float[2][9][60];
        for (int h = 0; h < 2; h++) {
            for (int r = 0; r <= 4; r++) {
                for (int f = 10 * r; f < 10 * r + 10; f++) logits[h][3 + r][f] = 8f;
            }
            for (int t = 0; t < 9; t++) {
                for (int f = 50; f < 60; f++) logits[h][t][f] = 20f;
            }
        }
        float[][][] attention = WordAligner.softmaxOverFrames(logits, 120, 1.0);
        List<DecodedSegment> out = WordTimestamps.add(List.of(segment(0, 0, 0.0, 1.0, 60, 0, 2, 3, 13, 61)), tokens -> {
            fed[0] = tokens;
            return new AlignmentPass(attention, new float[tokens.length][EOT + 10]);
        }, sot, noTimestamps, FakeVocabulary.splitter("en"), 100, 0.0, DEFAULT_PREPENDED, DEFAULT_APPENDED);

        assertThat(fed[0]).containsExactly(51, 52, 53, 54, 0, 2, 3, 13, EOT);
        List<Word> words = out.get(0).words();
        assertThat(words).extracting(Word::word).containsExactly(" Hello", " world.");
        assertThat(words).extracting(Word::start).containsExactly(0.0, 0.2);
        assertThat(words).extracting(Word::end).containsExactly(0.2, 0.6);
        assertThat(words.get(1).probability()).isCloseTo(0.02, within(1e-7));
        assertThat(out.get(0).start()).isEqualTo(0.0);
        assertThat(out.get(0).end()).isEqualTo(0.6);
    }

    @Test
    void noAlignmentLeavesSegmentsWithoutWords() {
        List<DecodedSegment> out = apply(List.of(segment(0, 0, 0.0, 1.0, 60, 61)), List.of(), 0.0);
        assertThat(out.get(0).words()).isEmpty();
        assertThat(out.get(0).start()).isEqualTo(0.0);
        assertThat(out.get(0).end()).isEqualTo(1.0);
    }

    /** numpy's round(x, 2) is rint(x * 100) / 100: 0.885 -> 0.88 (Python's float round gives 0.89). */
    @Test
    void roundsTimesAsNumpyDoes() {
        assertThat(WordTimestamps.round2(0.885)).isEqualTo(0.88);
        assertThat(WordTimestamps.round2(83.595)).isEqualTo(83.6);
        assertThat(WordTimestamps.round2(0.125)).isEqualTo(0.12);
    }

    @Test
    void textTokensAndLastWordEnd() {
        List<DecodedSegment> segments = List.of(segment(0, 0, 0.0, 1.0, 60, 1, 2, 61), segment(1, 0, 1.0, 2.0, 62, 3, 63));
        assertThat(WordTimestamps.textTokens(segments, EOT)).containsExactly(1, 2, 3);
        assertThat(WordTimestamps.lastWordEnd(segments)).hasValue(2.0);
        List<DecodedSegment> withWords = apply(segments, List.of(timing(" a", List.of(1, 2), 0.1, 0.4, 0.5),
                timing(" b", List.of(3), 0.4, 0.7, 0.5)), 0.0);
        assertThat(WordTimestamps.lastWordEnd(withWords)).hasValue(0.7);
    }
}
