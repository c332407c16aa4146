package io.github.asr4j.timing;

import static io.github.asr4j.timing.PunctuationMerger.DEFAULT_APPENDED;
import static io.github.asr4j.timing.PunctuationMerger.DEFAULT_PREPENDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected results are openai's merge_punctuations on the same words (word i has token i). */
class PunctuationMergerTest {
    private static List<WordTiming> words(String... texts) {
        List<WordTiming> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) out.add(new WordTiming(texts[i], List.of(i), i, i + 1, 0.5));
        return out;
    }

    private static List<String> merged(String... texts) {
        return PunctuationMerger.merge(words(texts), DEFAULT_PREPENDED, DEFAULT_APPENDED).stream()
                .map(WordTiming::word).toList();
    }

    /** ' "' (space + quote) joins "Hello"; the closing '"' and "." join the words before them. */
    @Test
    void quotesAndFullStop() {
        List<WordTiming> out = PunctuationMerger.merge(words(" \"", "Hello", "\"", " he", " said", "."),
                DEFAULT_PREPENDED, DEFAULT_APPENDED);
        assertThat(out).extracting(WordTiming::word).containsExactly("", " \"Hello\"", "", " he", " said.", "");
        assertThat(out).extracting(WordTiming::tokens)
                .containsExactly(List.of(), List.of(0, 1, 2), List.of(), List.of(3), List.of(4, 5), List.of());
        // times stay those of the word that absorbed the marks
        assertThat(out.get(1).start()).isEqualTo(1.0);
        assertThat(out.get(1).end()).isEqualTo(2.0);
    }

    @Test
    void runsOfMarksCollect() {
        assertThat(merged(" (", " [", "x")).containsExactly("", "", " ( [x");
        assertThat(merged(" I", "'", " m", " ok", "!", "?")).containsExactly(" I'", "", " m", " ok!?", "", "");
        assertThat(merged(" ¿", "Qué", "?")).containsExactly("", " ¿Qué?", "");
    }

    /** Python's `in` on strings is a substring test: " " strips to "", which is "in" any string. */
    @Test
    void aBareSpaceCountsAsAnOpeningMark() {
        assertThat(merged(" ", "a")).containsExactly("", " a");
    }

    @Test
    void nothingAttachesToAWordEndingInASpace() {
        assertThat(merged("a ", ".")).containsExactly("a ", ".");
    }
}
