package io.github.asr4j.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.loader.GenerationConfig;
import io.github.asr4j.testkit.SharedData;
import io.github.asr4j.tokenizer.BpeTokenizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NonSpeechTokensTest {
    /**
     * Hugging Face's whisper generation_config {@code suppress_tokens} is openai's non-speech list
     * plus some control tokens: below end-of-text (50257) the two must agree.
     */
    @Test
    void matchesTheSuppressListOfAMultilingualGenerationConfig() {
        BpeTokenizer bpe = BpeTokenizer.load(SharedData.require("tokenizers/whisper-multilingual"));
        GenerationConfig config = GenerationConfig.read(SharedData.require("models/mini/generation_config.json"));
        int[] expected = config.suppressTokens().stream().mapToInt(Integer::intValue).filter(id -> id < 50257)
                .sorted().toArray();

        int[] ours = NonSpeechTokens.of(bpe::encodeOrdinary);

        assertThat(ours).containsExactly(expected);
    }

    @Test
    void takesSingleTokenSymbolsAndTheFirstTokenOfMusicalOnes() {
        Map<String, int[]> vocab = Map.of(" -", new int[] {10}, " '", new int[] {11}, "#", new int[] {12},
                " #", new int[] {13, 14}, "♪", new int[] {20, 21}, " ♪", new int[] {22, 23});
        int[] ids = NonSpeechTokens.of(text -> vocab.getOrDefault(text, new int[] {99, 98}));
        // " #" takes two tokens and is skipped; ♪ is musical, so its first tokens count, and so
        // does the first token (99) of the other musical symbols, which fall to the two-token default
        assertThat(ids).containsExactly(10, 11, 12, 20, 22, 99);
    }

    @Test
    void resolveExpandsMinusOneAndAddsTheControls() {
        List<Integer> ids = SuppressTokens.resolve(List.of(-1, 5, 3), () -> new int[] {7, 3}, 60, 61, -1);
        assertThat(ids).containsExactly(3, 5, 7, 60, 61);
        assertThat(SuppressTokens.resolve(List.of(4), () -> {
            throw new AssertionError("not needed without -1");
        }, 60)).containsExactly(4, 60);
        assertThat(SuppressTokens.resolve(List.of(), () -> new int[] {1}, 60))
                .as("an empty list installs no filter in openai").isEmpty();
    }
}
