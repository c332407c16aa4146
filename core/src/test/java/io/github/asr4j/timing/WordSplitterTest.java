package io.github.asr4j.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected pieces are what openai's split_tokens_on_spaces / _on_unicode give for the same byte vocabulary. */
class WordSplitterTest {
    private static List<String> texts(List<WordPiece> pieces) {
        return pieces.stream().map(WordPiece::text).toList();
    }

    private static List<List<Integer>> tokens(List<WordPiece> pieces) {
        return pieces.stream().map(WordPiece::tokens).toList();
    }

    /**
     * " Hello" "," " wor" "ld" "!" " 你"(2 tokens) eot: "ld" has no space and is no punctuation, so it joins
     * " wor"; "," and "!" stand alone (strip() in string.punctuation); " 你" waits for its last byte; eot is
     * special and always a word of its own.
     */
    @Test
    void splitsOnSpacesPunctuationAndSpecials() {
        List<WordPiece> words = FakeVocabulary.splitter("en").split(new int[] {0, 1, 2, 3, 4, 5, 6, 50});
        assertThat(texts(words)).containsExactly(" Hello", ",", " world", "!", " 你", "<|endoftext|>");
        assertThat(tokens(words)).containsExactly(List.of(0), List.of(1), List.of(2, 3), List.of(4), List.of(5, 6), List.of(50));
    }

    /**
     * A byte invalid in the whole text (0xFF) is a complete piece at once (its U+FFFD is also in the full
     * decoding); with no space it then joins the word before it.
     */
    @Test
    void aReplacementCharacterOfTheFullTextIsAPieceOfItsOwn() {
        WordSplitter splitter = FakeVocabulary.splitter("en");
        assertThat(texts(splitter.splitOnUnicode(new int[] {0, 10, 2}))).containsExactly(" Hello", "\uFFFD", " wor");
        List<WordPiece> words = splitter.split(new int[] {0, 10, 2, 50});
        assertThat(texts(words)).containsExactly(" Hello\uFFFD", " wor", "<|endoftext|>");
        assertThat(tokens(words)).containsExactly(List.of(0, 10), List.of(2), List.of(50));
    }

    /** zh splits at every complete character: " 你" "好" "。" eot. */
    @Test
    void languagesWithoutSpacesSplitOnCharacters() {
        List<WordPiece> words = FakeVocabulary.splitter("zh").split(new int[] {5, 6, 7, 8, 9, 50});
        assertThat(texts(words)).containsExactly(" 你", "好", "。", "<|endoftext|>");
        assertThat(tokens(words)).containsExactly(List.of(5, 6), List.of(7, 8), List.of(9), List.of(50));
        // the same tokens in English: "好" and "。" have no leading space; "。" is not ASCII punctuation
        assertThat(texts(FakeVocabulary.splitter("en").split(new int[] {5, 6, 7, 8, 9, 50})))
                .containsExactly(" 你好。", "<|endoftext|>");
    }

    /** A trailing cut character: the full text has U+FFFD there too, so the piece is complete. */
    @Test
    void aCharacterCutAtTheEndIsKeptAsReplacement() {
        List<WordPiece> pieces = FakeVocabulary.splitter("ja").split(new int[] {7, 8, 12});
        assertThat(texts(pieces)).containsExactly("好", "\uFFFD");
    }

    @Test
    void openingPunctuationIsAWordForMergingLater() {
        assertThat(texts(FakeVocabulary.splitter(null).split(new int[] {11, 0, 50})))
                .containsExactly(" (", " Hello", "<|endoftext|>");
    }
}
