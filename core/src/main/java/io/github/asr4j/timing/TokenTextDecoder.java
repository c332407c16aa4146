package io.github.asr4j.timing;

/**
 * The text of a token sequence as openai-whisper's {@code Tokenizer.decode_with_timestamps}: bytes
 * decoded as UTF-8 with invalid sequences replaced by U+FFFD, timestamps as {@code <|1.08|>},
 * other special tokens by their text. {@code WhisperTokenizer::decodeWithTimestamps} fits.
 */
@FunctionalInterface
public interface TokenTextDecoder {
    String decode(int[] tokens);
}
