package io.github.asr4j.timing;

import io.github.asr4j.decode.TextMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * openai-whisper's {@code Tokenizer.split_to_word_tokens}: groups tokens into words. Languages
 * written without spaces split wherever the tokens decode to complete characters; the others
 * start a word at a token group that begins with a space, is punctuation, or is a special token.
 */
public final class WordSplitter {
    /** Languages openai splits by character rather than by space. */
    public static final Set<String> NO_SPACE_LANGUAGES = Set.of("zh", "ja", "th", "lo", "my", "yue");
    /** Python's {@code string.punctuation}; openai tests {@code piece.strip() in} it (a substring test). */
    static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final char REPLACEMENT = '\uFFFD';

    private final TokenTextDecoder decoder;
    private final int eot;
    private final String language;

    /**
     * @param decoder {@code decode_with_timestamps}
     * @param eot the end-of-text id; ids at or above it are special
     * @param language the transcript's language code (null: split on spaces)
     */
    public WordSplitter(TokenTextDecoder decoder, int eot, String language) {
        this.decoder = decoder;
        this.eot = eot;
        this.language = language;
    }

    /** The end-of-text id. */
    public int eot() {
        return eot;
    }

    /** {@code split_to_word_tokens}. */
    public List<WordPiece> split(int[] tokens) {
        return language != null && NO_SPACE_LANGUAGES.contains(language) ? splitOnUnicode(tokens) : splitOnSpaces(tokens);
    }

    /**
     * {@code split_tokens_on_unicode}: a piece ends at the first token after which the piece decodes
     * without a U+FFFD that is not also in the full decoding (a byte that is invalid in the whole text
     * stays a piece of its own; a character cut between tokens waits for its last byte).
     */
    public List<WordPiece> splitOnUnicode(int[] tokens) {
        String full = decoder.decode(tokens);
        List<WordPiece> pieces = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int offset = 0;
        for (int token : tokens) {
            current.add(token);
            String decoded = decoder.decode(current.stream().mapToInt(Integer::intValue).toArray());
            int replacement = decoded.indexOf(REPLACEMENT);
            // openai indexes the full text here and would fail past its end; such a piece is taken as incomplete
            if (replacement < 0 || (offset + replacement < full.length() && full.charAt(offset + replacement) == REPLACEMENT)) {
                pieces.add(new WordPiece(decoded, current));
                current = new ArrayList<>();
                offset += decoded.length();
            }
        }
        return pieces;
    }

    /** {@code split_tokens_on_spaces}: unicode pieces joined into words. */
    public List<WordPiece> splitOnSpaces(int[] tokens) {
        List<String> words = new ArrayList<>();
        List<List<Integer>> wordTokens = new ArrayList<>();
        for (WordPiece piece : splitOnUnicode(tokens)) {
            boolean special = piece.tokens().getFirst() >= eot;
            boolean withSpace = piece.text().startsWith(" ");
            boolean punctuation = PUNCTUATION.contains(TextMetrics.pythonStrip(piece.text()));
            if (special || withSpace || punctuation || words.isEmpty()) {
                words.add(piece.text());
                wordTokens.add(new ArrayList<>(piece.tokens()));
            } else {
                words.set(words.size() - 1, words.getLast() + piece.text());
                wordTokens.getLast().addAll(piece.tokens());
            }
        }
        List<WordPiece> result = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) result.add(new WordPiece(words.get(i), wordTokens.get(i)));
        return result;
    }
}
