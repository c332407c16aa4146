package io.github.asr4j.tokenizer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.asr4j.fuzz.Outcomes;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * tokenizer.json, and vocab.json with merges.txt, through the readers' in-memory entries; a
 * tokenizer that loads must also encode and decode.
 */
class TokenizerFuzzTest {
    private static final String PROBE = "Hello world, <|en|> ünïcode 123! \u4f60\u597d";
    private static final Path TOKENIZER_JSON = Path.of("tokenizer.json");
    /** A folder that does not exist: the optional vocab+merges files are absent, as in a bare folder. */
    private static final Path NO_FOLDER = Path.of("asr4j-fuzz-no-such-folder");

    @FuzzTest
    void tokenizerJson(byte[] input) {
        Outcomes.expectTyped(() -> roundTrip(BpeTokenizer.fromTokenizerJson(TOKENIZER_JSON, input)),
                TokenizerException.class);
    }

    /** The input is vocab.json, a NUL byte, then merges.txt. */
    @FuzzTest
    void vocabAndMerges(byte[] input) {
        int cut = indexOfNul(input);
        byte[] vocab = Arrays.copyOf(input, cut);
        byte[] merges = Arrays.copyOfRange(input, Math.min(cut + 1, input.length), input.length);
        Outcomes.expectTyped(() -> roundTrip(BpeTokenizer.fromVocabAndMerges(NO_FOLDER, vocab, merges)),
                TokenizerException.class);
    }

    private static int indexOfNul(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return b.length;
    }

    private static void roundTrip(BpeTokenizer tokenizer) {
        tokenizer.decode(tokenizer.encode(PROBE));
    }
}
