package io.github.asr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.qwen.QwenLanguages;
import io.github.asr4j.tokenizer.WhisperLanguages;
import org.junit.jupiter.api.Test;

/** Language names resolve per family: Whisper's table as before, Qwen3-ASR's own list for its names. */
class LanguageNamesTest {

    private static String language(String given) {
        return TranscribeOptions.builder().language(given).build().language();
    }

    @Test
    void whisperCodesAndNamesStillGiveOpenAisCodes() {
        assertThat(language("English")).isEqualTo("en");
        assertThat(language("Tagalog")).isEqualTo("tl");
        assertThat(language("iw")).isEqualTo("he");
        assertThat(language("mandarin")).isEqualTo("zh");
        assertThatThrownBy(() -> WhisperLanguages.code("Filipino")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aQwenNameWhisperLacksIsKeptForQwenToResolve() {
        assertThat(language("Filipino")).isEqualTo("Filipino");
        assertThat(language("fILIPINO")).isEqualTo("Filipino");
        assertThat(QwenLanguages.name(language("Filipino"))).isEqualTo("Filipino");
        assertThat(QwenLanguages.name(language("tl"))).isEqualTo("Filipino");
        assertThat(QwenLanguages.code(QwenLanguages.name(language("Filipino")))).isEqualTo("tl");
        assertThat(QwenLanguages.name(language("Cantonese"))).isEqualTo("Cantonese");
    }

    @Test
    void aLanguageNeitherFamilyKnowsIsRefusedNamingBothLists() {
        assertThatThrownBy(() -> language("Klingon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown language 'Klingon'").hasMessageContaining("Qwen3-ASR")
                .hasMessageContaining("Filipino");
        assertThatThrownBy(() -> QwenLanguages.name("Swahili")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not support language 'Swahili'");
    }
}
