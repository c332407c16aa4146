package io.github.asr4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.asr4j.tokenizer.BpeTokenizer;
import io.github.asr4j.tokenizer.TokenizerException;
import java.nio.file.Path;
import java.util.Arrays;

/** tokenizer.json, and vocab.json with merges.txt; a tokenizer that loads must also encode and decode. */
class TokenizerFuzzTest {
    private static final String PROBE = "Hello world, <|en|> ünïcode 123! \u4f60\u597d";

    @FuzzTest
    void tokenizerJson(byte[] input) {
        Path dir = Inputs.file("tokenizer-json", "tokenizer.json", input).getParent();
        Outcomes.expectTyped(() -> roundTrip(BpeTokenizer.loadTokenizerJson(dir)), TokenizerException.class);
    }

    /** The input is vocab.json, a NUL byte, then merges.txt. */
    @FuzzTest
    void vocabAndMerges(byte[] input) {
        int cut = indexOfNul(input);
        Inputs.file("vocab-merges", "vocab.json", Arrays.copyOf(input, cut));
        Path dir = Inputs.file("vocab-merges", "merges.txt", Arrays.copyOfRange(input, Math.min(cut + 1, input.length),
                input.length)).getParent();
        Outcomes.expectTyped(() -> roundTrip(BpeTokenizer.loadVocabAndMerges(dir)), TokenizerException.class);
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
