package io.github.asr4j.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.tokenizer.Goldens.Source;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public API on a tiny synthetic folder and on the shared folders. */
class BpeTokenizerTest {
    private static final int A = TinyFolder.FIRST_ADDED;      // "<a>", special
    private static final int AB = A + 1;                       // "<ab>", special
    private static final int T = A + 2;                        // "<t>", not special

    @TempDir
    Path dir;

    @Test
    void vocabularyLookups() {
        BpeTokenizer tok = BpeTokenizer.load(TinyFolder.writeTokenizerJson(dir));
        assertThat(tok.size()).isEqualTo(T + 1);
        assertThat(tok.id("hello")).hasValue(259);
        assertThat(tok.id("<t>")).hasValue(T);
        assertThat(tok.id("nope")).isEmpty();
        assertThat(tok.token(260)).isEqualTo("Ġw");
        assertThat(tok.isSpecial(A)).isTrue();
        assertThat(tok.isSpecial(T)).isFalse();
        assertThat(tok.isSpecial(65)).isFalse();
        assertThat(tok.addedTokenContents()).containsExactly("<a>", "<ab>", "<t>");
        assertThat(tok.addedTokens()).extracting(AddedToken::id).containsExactly(A, AB, T);
        assertThatThrownBy(() -> tok.token(T + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tok.decode(new int[] {-1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void addedTokensMatchLeftmostLongest() {
        BpeTokenizer tok = BpeTokenizer.load(TinyFolder.writeTokenizerJson(dir));
        assertThat(tok.encode("<ab>hello<a><t>")).containsExactly(AB, 259, A, T);
        assertThat(tok.encode("<<a>")).containsExactly('<', A);
        assertThat(tok.encodeOrdinary("<a>")).containsExactly('<', 'a', '>');
        assertThat(tok.decode(new int[] {AB, 259, T}, true)).isEqualTo("hello<t>");
        assertThat(tok.decode(new int[] {AB, 259, T})).isEqualTo("<ab>hello<t>");
    }

    @Test
    void bothLoadingPathsAgreeOnTheTinyFolder() {
        TinyFolder.writeVocabAndMerges(dir);
        BpeTokenizer fromVocab = BpeTokenizer.load(dir);
        BpeTokenizer fromJson = BpeTokenizer.load(TinyFolder.writeTokenizerJson(dir));
        assertThat(fromVocab.encode("hello world")).containsExactly(259, 260, 'o', 'r', 'l', 'd')
                .containsExactly(fromJson.encode("hello world"));
    }

    @Test
    void detectsNormalisationAndPatternFromTheFiles() {
        for (Source s : Source.values()) {
            BpeTokenizer qwen = Goldens.tokenizer("qwen3-asr", s);
            BpeTokenizer whisper = Goldens.tokenizer("whisper-v3", s);
            assertThat(qwen.normalizesNfc()).as("qwen " + s).isTrue();
            assertThat(whisper.normalizesNfc()).as("whisper " + s).isFalse();
            assertThat(qwen.splitPattern()).isEqualTo(PreTokenizer.QWEN2_PATTERN);
            assertThat(whisper.splitPattern()).isEqualTo(PreTokenizer.GPT2_PATTERN);
            assertThat(qwen.size()).isEqualTo(151705);
            assertThat(qwen.id("<asr_text>")).hasValue(151704);
            assertThat(qwen.isSpecial(151704)).isFalse();
            assertThat(qwen.isSpecial(151676)).isTrue();
        }
    }

    @Test
    void qwenEncodesTheNfcFormOfDecomposedText() {
        BpeTokenizer qwen = Goldens.tokenizer("qwen3-asr", Source.TOKENIZER_JSON);
        assertThat(qwen.encode("cafe\u0301")).containsExactly(qwen.encode("caf\u00e9"));
        BpeTokenizer whisper = Goldens.tokenizer("whisper-v3", Source.TOKENIZER_JSON);
        assertThat(whisper.encode("cafe\u0301")).isNotEqualTo(whisper.encode("caf\u00e9"));
    }

    @Test
    void aMegabyteWordDoesNotGoQuadratic() {
        BpeTokenizer tok = Goldens.tokenizer("whisper-v3", Source.TOKENIZER_JSON);
        String word = "ab".repeat(500_000);
        int[] ids = tok.encodeOrdinary(word);
        assertThat(tok.decode(ids)).isEqualTo(word);
        assertThat(ids.length).isLessThanOrEqualTo(word.length() / 2);  // at least "ab" merges
    }

    @Test
    void longRunsOfWhitespaceDigitsAndPunctuationSplitInLinearTime() {
        for (String folder : List.of("whisper-v3", "qwen3-asr")) {
            BpeTokenizer tok = Goldens.tokenizer(folder, Source.TOKENIZER_JSON);
            for (String unit : List.of(" ", " \n", "\r\n ", "!?", "12", "\u00a0\u3000", "'s", "\ud83d\ude00")) {
                String text = unit.repeat(200_000 / unit.length()) + "x";
                assertThat(tok.decode(tok.encode(text))).as(folder + " run of " + unit).isEqualTo(text);
            }
        }
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        BpeTokenizer tok = Goldens.tokenizer("whisper-v3", Source.TOKENIZER_JSON);
        assertThatThrownBy(() -> tok.encode("ok \ud800 no")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+D800").hasMessageContaining("index 3");
        assertThatThrownBy(() -> tok.encodeOrdinary("\udc00")).isInstanceOf(IllegalArgumentException.class);
        assertThat(tok.decode(tok.encode("\ud83d\ude00"))).isEqualTo("\ud83d\ude00");
    }

    @Test
    void concurrentEncodingMatchesSequential() throws Exception {
        BpeTokenizer tok = Goldens.tokenizer("qwen3-asr", Source.TOKENIZER_JSON);
        List<String> texts = Goldens.lines("qwen3-asr", "goldens.jsonl").stream()
                .map(l -> l.json().get("text").asText()).toList();
        List<int[]> expected = texts.stream().map(tok::encode).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = IntStream.range(0, 8).mapToObj(k -> pool.submit(() -> {
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < texts.size(); i++) {
                        if (!java.util.Arrays.equals(tok.encode(texts.get((i + k * 37) % texts.size())),
                                expected.get((i + k * 37) % texts.size()))) {
                            return false;
                        }
                    }
                }
                return true;
            })).toList();
            for (Future<Boolean> f : results) assertThat(f.get()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
