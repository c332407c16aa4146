package io.github.asr4j.decode;

import static io.github.asr4j.decode.FakeVocab.EOT;
import static io.github.asr4j.decode.FakeVocab.probs;
import static io.github.asr4j.decode.FakeVocab.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prompt-in-one-call entry point the Transcriber uses, and the language detector. */
class GreedyDecoderTest {
    private static final int[] PROMPT = {FakeVocab.SOT, FakeVocab.EN, FakeVocab.TRANSCRIBE};

    @Test
    void endOfTextCountsInTheLogProbabilityButNotInTheTokens() {
        ScriptedModel model = new ScriptedModel()
                .after(new int[] {}, probs(7, .8, 8, .2))
                .after(new int[] {7}, probs(EOT, .5, 8, .25, 9, .25));
        DecodeResult result = new GreedyDecoder(List.of(), EOT).decode(model.newState(), PROMPT, 224, 445);
        assertThat(result.tokens()).containsExactly(7);
        assertThat(result.reachedEnd()).isTrue();
        assertThat(result.sumLogProb()).isCloseTo(Math.log(.8 * .5), within(1e-6));
    }

    @Test
    void tiesGoToTheLowestIdAndTheBudgetCountsChosenTokens() {
        ScriptedModel model = new ScriptedModel().otherwise(s -> row(9, 5, 8, 5));
        DecodeResult result = new GreedyDecoder(List.of(), EOT).decode(model.newState(), PROMPT, 4, 445);
        assertThat(result.tokens()).containsExactly(8, 8, 8, 8);
        assertThat(result.reachedEnd()).isFalse();
        assertThat(model.feeds).as("prompt + 3 tokens; the 4th is never fed").hasSize(4);

        ScriptedModel tight = new ScriptedModel().otherwise(s -> row(9, 5));
        assertThat(new GreedyDecoder(List.of(), EOT).decode(tight.newState(), PROMPT, 224, 2).tokens())
                .as("2 positions left: 3 tokens, as openai's > n_ctx check").hasSize(3);
    }

    @Test
    void samplingNeedsAGenerator() {
        GreedyDecoder sampler = new GreedyDecoder(List.of(), EOT, 0.7);
        ScriptedModel model = new ScriptedModel();
        assertThatThrownBy(() -> sampler.decode(model.newState(), PROMPT, 10, 100))
                .hasMessageContaining("random generator");
        assertThatThrownBy(() -> new GreedyDecoder(List.of(), EOT, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void languageDetectionComparesTheLanguageTokensAfterStartOfTranscript() {
        // after SOT: en .2, de .6 (token 60 stands in for <|de|>); the text token 7 does not count
        TokenStepper stepper = tokens -> probs(FakeVocab.EN, .2, 60, .6, 7, .2);
        LanguageDetector.Detection detection = LanguageDetector.detect(stepper, FakeVocab.SOT,
                new java.util.LinkedHashMap<>(Map.of("en", FakeVocab.EN, "de", 60)));
        assertThat(detection.language()).isEqualTo("de");
        assertThat(detection.probabilities().get("de")).isCloseTo(.75, within(1e-6));
        assertThat(detection.probabilities().get("en")).isCloseTo(.25, within(1e-6));
    }
}
