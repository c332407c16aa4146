package io.github.asr4j.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written splitters must cut exactly where java.util.regex cuts with the same pattern. */
class KnownPatternSplitterTest {
    /** Characters around which the patterns' alternatives compete: every whitespace trap the README lists. */
    private static final String[] ALPHABET = {
        " ", " ", " ", "\t", "\n", "\r", "\r\n", "\u000b", "\u000c", "\u0085", "\u00a0", "\u1680", "\u2000", "\u200a",
        "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff", "\u200b", "\u001c", "\u001f", "\u0000",
        "a", "Z", "é", "e\u0301", "ß", "ſ", "S", "s", "T", "t", "r", "R", "e", "E", "v", "V", "m", "M", "l", "L",
        "d", "D", "K", "\u212a", "İ", "ж", "中", "ー", "ا", "\u0915\u094d", "ǅ",
        "0", "7", "١", "²", "Ⅷ", "½", "\ud835\udfce",
        "'", "'", "'", "’", "!", "?", ".", ",", "-", "_", "$", "@", "#", "\u0301", "\ud83d\ude00", "\ud83d\udc4d\ud83c\udffd",
        "\ud83c\uddfa\ud83c\uddf8", "<", "|", ">",
    };

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GPT2", "QWEN2"})
    void agreesWithTheRegexOnEveryGoldenText(String kind) {
        String pattern = kind.equals("GPT2") ? PreTokenizer.GPT2_PATTERN : PreTokenizer.QWEN2_PATTERN;
        PreTokenizer fast = PreTokenizer.of(pattern, false, "test", true);
        PreTokenizer regex = PreTokenizer.of(pattern, false, "test", false);
        List<String> texts = Stream.of("goldens.jsonl", "goldens_special.jsonl")
                .flatMap(f -> Goldens.FOLDERS.stream().flatMap(folder -> Goldens.lines(folder, f).stream()))
                .map(l -> l.json().get("text").asText())
                .toList();
        assertThat(texts).hasSizeGreaterThan(1800);
        for (String text : texts) {
            assertThat(pieces(fast, text)).as(Goldens.JsonNodeText.quote(text)).isEqualTo(pieces(regex, text));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GPT2", "QWEN2"})
    void agreesWithTheRegexOnRandomTrickyText(String kind) {
        String pattern = kind.equals("GPT2") ? PreTokenizer.GPT2_PATTERN : PreTokenizer.QWEN2_PATTERN;
        PreTokenizer fast = PreTokenizer.of(pattern, false, "test", true);
        PreTokenizer regex = PreTokenizer.of(pattern, false, "test", false);
        Random r = new Random(kind.hashCode());
        for (int trial = 0; trial < 20_000; trial++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(12);
            for (int i = 0; i < len; i++) b.append(ALPHABET[r.nextInt(ALPHABET.length)]);
            String text = b.toString();
            assertThat(pieces(fast, text)).as(Goldens.JsonNodeText.quote(text)).isEqualTo(pieces(regex, text));
        }
    }

    private static List<String> pieces(PreTokenizer p, String text) {
        List<String> out = new ArrayList<>();
        p.split(text, out::add);
        return out;
    }
}
