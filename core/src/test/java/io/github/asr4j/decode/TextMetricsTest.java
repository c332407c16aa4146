package io.github.asr4j.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextMetricsTest {
    /** Expected values from Python: len(b) / len(zlib.compress(b)) with b = text.encode("utf-8"). */
    @Test
    void compressionRatioMatchesPythonsZlibAtItsDefaultLevel() {
        assertThat(TextMetrics.compressionRatio("hello world")).isEqualTo(11.0 / 19);
        assertThat(TextMetrics.compressionRatio("the the the the the the the the the the the the the the the the "
                + "the the the the")).isEqualTo(79.0 / 15);
        assertThat(TextMetrics.compressionRatio("And so, my fellow Americans, ask not what your country can do for "
                + "you, ask what you can do for your country.")).isEqualTo(108.0 / 80);
        assertThat(TextMetrics.compressionRatio("日本語のテキスト、繰り返し。".repeat(5))).isEqualTo(210.0 / 57);
        assertThat(TextMetrics.compressionRatio("")).isZero(); // 0 bytes / 8
    }

    @Test
    void pythonStripAlsoRemovesNoBreakSpaces() {
        assertThat(TextMetrics.pythonStrip("\u00a0 hello\u202f\u0085\n")).isEqualTo("hello");
        assertThat(TextMetrics.pythonStrip(" \t ")).isEmpty();
        assertThat(TextMetrics.pythonStrip("a b")).isEqualTo("a b");
    }
}
