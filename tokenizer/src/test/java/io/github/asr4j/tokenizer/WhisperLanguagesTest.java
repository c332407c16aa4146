package io.github.asr4j.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WhisperLanguagesTest {
    @Test
    void codesNamesAndAliasesAsOpenAiTakesThem() {
        assertThat(WhisperLanguages.code("en")).isEqualTo("en");
        assertThat(WhisperLanguages.code("English")).isEqualTo("en");
        assertThat(WhisperLanguages.code("haitian creole")).isEqualTo("ht");
        assertThat(WhisperLanguages.code("Haitian")).isEqualTo("ht");
        assertThat(WhisperLanguages.code("Mandarin")).isEqualTo("zh");
        assertThat(WhisperLanguages.code("Castilian")).isEqualTo("es");
        assertThat(WhisperLanguages.code(" DE ")).isEqualTo("de");
        assertThat(WhisperLanguages.code("yue")).isEqualTo("yue");
    }

    @Test
    void renamedCodesMapToOpenAisCodes() {
        assertThat(WhisperLanguages.code("iw")).isEqualTo("he");
        assertThat(WhisperLanguages.code("he")).isEqualTo("he");
        assertThat(WhisperLanguages.code("Hebrew")).isEqualTo("he");
        assertThat(WhisperLanguages.code("jv")).isEqualTo("jw");
        assertThat(WhisperLanguages.fromFileCode("iw")).isEqualTo("he");
        assertThat(WhisperLanguages.fromFileCode("de")).isEqualTo("de");
    }

    @Test
    void openAisHundredLanguagesInTokenOrder() {
        assertThat(WhisperLanguages.names()).hasSize(100);
        assertThat(WhisperLanguages.names().keySet()).startsWith("en", "zh", "de").endsWith("su", "yue");
        assertThat(WhisperLanguages.names().get("he")).isEqualTo("hebrew");
    }

    @Test
    void unknownLanguageIsRefusedByName() {
        assertThatThrownBy(() -> WhisperLanguages.code("Klingon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Klingon'");
        assertThatThrownBy(() -> WhisperLanguages.code("xx")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'xx'");
    }
}
