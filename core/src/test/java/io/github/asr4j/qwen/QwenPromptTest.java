package io.github.asr4j.qwen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The prompt ids against the qwen-mini goldens' {@code prompt_tokens}, and the template's text with a context. */
class QwenPromptTest {
    static QwenTokens tokens;

    @BeforeAll
    static void load() {
        tokens = QwenTestData.tokens();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jfk", "sonnet001"})
    void automaticLanguagePromptEqualsTheGoldens(String audio) {
        int[] expected = QwenTestData.goldenInts(audio + ".auto.prompt_tokens");
        assertThat(QwenPrompt.ids(tokens, null, null, audioTokens(expected))).containsExactly(expected);
        assertThat(QwenPrompt.ids(tokens, "", null, audioTokens(expected))).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jfk", "sonnet001"})
    void forcedEnglishPromptEqualsTheGoldens(String audio) {
        int[] expected = QwenTestData.goldenInts(audio + ".lang_English.prompt_tokens");
        assertThat(QwenPrompt.ids(tokens, null, QwenLanguages.name("en"), audioTokens(expected)))
                .containsExactly(expected);
    }

    @Test
    void specialTokensAreFoundByNameWithTheReleasedIds() {
        assertThat(tokens.audioPad()).isEqualTo(151676);
        assertThat(tokens.asrText()).isEqualTo(151704);
        assertThat(tokens.eos()).containsExactly(151643, 151645); // generation_config.json
    }

    /**
     * The expected strings are chat_template.json rendered by jinja2 3.1.6 with
     * {@code messages=[{role: system, content: CONTEXT}, {role: user, content: [{type: audio, audio: ""}]}]}
     * and {@code add_generation_prompt=True}, as the official {@code _build_text_prompt} calls it.
     */
    @Test
    void contextGoesIntoTheSystemMessageAsTheOfficialTemplateRendersIt() {
        String context = "Names: JFK, Ich bin ein Berliner.\n";
        assertThat(QwenPrompt.text(context, null)).isEqualTo("<|im_start|>system\nNames: JFK, Ich bin ein Berliner.\n"
                + "<|im_end|>\n<|im_start|>user\n<|audio_start|><|audio_pad|><|audio_end|><|im_end|>\n<|im_start|>assistant\n");
        assertThat(QwenPrompt.text("", null)).isEqualTo("<|im_start|>system\n<|im_end|>\n<|im_start|>user\n"
                + "<|audio_start|><|audio_pad|><|audio_end|><|im_end|>\n<|im_start|>assistant\n");

        int[] ids = QwenPrompt.ids(tokens, context, "Chinese", 5);
        int[] auto = QwenTestData.goldenInts("jfk.auto.prompt_tokens");
        assertThat(Arrays.copyOf(ids, 2)).containsExactly(Arrays.copyOf(auto, 2)); // <|im_start|> system
        assertThat(tokens.tokenizer().decode(ids)).isEqualTo(QwenPrompt.text(context, "Chinese")
                .replace("<|audio_pad|>", "<|audio_pad|>".repeat(5)));
        // "language Chinese<asr_text>" as in the goldens' README: 11528 8453 151704
        assertThat(Arrays.copyOfRange(ids, ids.length - 3, ids.length)).containsExactly(11528, 8453, 151704);
    }

    @Test
    void aContextHoldingAnAudioPadIsRefused() {
        assertThatThrownBy(() -> QwenPrompt.ids(tokens, "a <|audio_pad|> b", null, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<|audio_pad|>");
    }

    private static int audioTokens(int[] prompt) {
        return (int) Arrays.stream(prompt).filter(id -> id == tokens.audioPad()).count();
    }
}
