package io.github.asr4j.timing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.testkit.SharedData;
import io.github.asr4j.tokenizer.WhisperTokenizer;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The splitter on the real multilingual vocabulary, with the tokenizer's decode_with_timestamps. */
class WordSplitterWithWhisperTokenizerTest {
    private static final WhisperTokenizer TOKENIZER =
            WhisperTokenizer.load(SharedData.require("tokenizers/whisper-multilingual"));

    private static int[] withEot(String text) {
        return IntStream.concat(IntStream.of(TOKENIZER.encode(text)), IntStream.of(TOKENIZER.eot())).toArray();
    }

    /**
     * openai's rules: a word starts at a piece with a leading space or one that is ASCII punctuation; "'s"
     * (no space, not a substring of string.punctuation) and "好" / "。" (not ASCII) join the word before.
     */
    @Test
    void englishTextSplitsIntoOpenaisWords() {
        WordSplitter splitter = new WordSplitter(TOKENIZER::decodeWithTimestamps, TOKENIZER.eot(), "en");
        List<WordPiece> words = splitter.split(withEot(" Hello, world! It's 你好。"));
        assertThat(words).extracting(WordPiece::text)
                .containsExactly(" Hello", ",", " world", "!", " It's", " 你好。", "<|endoftext|>");
    }

    /** Chinese splits into whole characters: no piece holds a U+FFFD and the pieces rebuild the text. */
    @Test
    void chineseSplitsIntoCompleteCharacters() {
        String text = "我们今天去图书馆，好吗？";
        WordSplitter splitter = new WordSplitter(TOKENIZER::decodeWithTimestamps, TOKENIZER.eot(), "zh");
        List<WordPiece> pieces = splitter.split(withEot(text));
        assertThat(pieces.getLast().text()).isEqualTo("<|endoftext|>");
        List<String> texts = pieces.subList(0, pieces.size() - 1).stream().map(WordPiece::text).toList();
        assertThat(String.join("", texts)).isEqualTo(text);
        assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain("\uFFFD").isNotEmpty());
        // some character of this text takes more than one token, and stays one piece
        assertThat(pieces).anySatisfy(p -> assertThat(p.tokens().size()).isGreaterThan(1));
    }
}
