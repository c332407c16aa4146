package io.github.asr4j.qwen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The official {@code parse_asr_output} cases. */
class QwenOutputParserTest {
    @Test
    void languageAndTextAreSplitAtTheTag() {
        assertThat(QwenOutputParser.parse("language English<asr_text> And so, my fellow Americans. ", null))
                .isEqualTo(new QwenOutputParser.Output("English", "And so, my fellow Americans."));
        assertThat(QwenOutputParser.parse("language cHINese\n\n<asr_text>你好", null))
                .isEqualTo(new QwenOutputParser.Output("Chinese", "你好"));
    }

    @Test
    void noTagIsAllTextNoneIsSilenceAndAForcedLanguageIsKept() {
        assertThat(QwenOutputParser.parse("  just text ", null)).isEqualTo(new QwenOutputParser.Output("", "just text"));
        assertThat(QwenOutputParser.parse("language None<asr_text>", null)).isEqualTo(new QwenOutputParser.Output("", ""));
        assertThat(QwenOutputParser.parse("   ", null)).isEqualTo(new QwenOutputParser.Output("", ""));
        assertThat(QwenOutputParser.parse("Hello there.", "English"))
                .isEqualTo(new QwenOutputParser.Output("English", "Hello there."));
        assertThat(QwenOutputParser.parse("metadata only<asr_text>x", null)).isEqualTo(new QwenOutputParser.Output("", "x"));
    }

    @Test
    void runsRepeatedOverTwentyTimesAreCollapsedAsTheOfficialFix() {
        assertThat(QwenOutputParser.fixRepetitions("a" + "h".repeat(21) + "b")).isEqualTo("ahb");
        assertThat(QwenOutputParser.fixRepetitions("a" + "h".repeat(20) + "b")).isEqualTo("a" + "h".repeat(20) + "b");
        assertThat(QwenOutputParser.fixRepetitions("x" + "ha ".repeat(25) + "end of the line here, long enough to scan"))
                .isEqualTo("xha end of the line here, long enough to scan");
        String speech = "We choose to go to the moon in this decade and do the other things.";
        assertThat(QwenOutputParser.fixRepetitions(speech)).isEqualTo(speech);
    }
}
