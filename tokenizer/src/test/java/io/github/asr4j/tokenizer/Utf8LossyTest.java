package io.github.asr4j.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lossy UTF-8 against Python's {@code bytes.decode("utf-8", "replace")} (expected values from CPython 3). */
class Utf8LossyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "e282, \\ufffd",
        "e28261, \\ufffda",
        "c0af, \\ufffd\\ufffd",
        "eda080, \\ufffd\\ufffd\\ufffd",
        "f4908080, \\ufffd\\ufffd\\ufffd\\ufffd",
        "f09f98, \\ufffd",
        "f09f9880, \\ud83d\\ude00",
        "e08080, \\ufffd\\ufffd\\ufffd",
        "f18080e180c0, \\ufffd\\ufffd\\ufffd",
        "ff, \\ufffd",
        "80bf, \\ufffd\\ufffd",
        "c2, \\ufffd",
        "c2c2a9, \\ufffd\\u00a9",
        "efbfbd, \\ufffd",
        "f5808080, \\ufffd\\ufffd\\ufffd\\ufffd",
        "edbfbf, \\ufffd\\ufffd\\ufffd",
        "ee8080, \\ue000",
    })
    void replacesEachMaximalInvalidSubsequenceOnce(String hex, String escaped) {
        assertThat(Utf8Lossy.decode(HexFormat.of().parseHex(hex))).isEqualTo(unescape(escaped));
    }

    @Test
    void validUtf8RoundTrips() {
        Random r = new Random(7);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            int cp = r.nextInt(0x110000);
            if (cp >= 0xD800 && cp <= 0xDFFF) continue;
            s.appendCodePoint(cp);
        }
        String text = s.toString();
        assertThat(Utf8Lossy.decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    }

    @Test
    void emptyInputIsEmptyText() {
        assertThat(Utf8Lossy.decode(new byte[0])).isEmpty();
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\u", i)) {
                b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }
}
