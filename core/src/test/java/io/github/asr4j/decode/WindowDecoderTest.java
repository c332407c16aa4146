package io.github.asr4j.decode;

import static io.github.asr4j.decode.FakeVocab.EN;
import static io.github.asr4j.decode.FakeVocab.EOT;
import static io.github.asr4j.decode.FakeVocab.NO_SPEECH;
import static io.github.asr4j.decode.FakeVocab.NO_TIMESTAMPS;
import static io.github.asr4j.decode.FakeVocab.SOT;
import static io.github.asr4j.decode.FakeVocab.SOT_PREV;
import static io.github.asr4j.decode.FakeVocab.SPACE;
import static io.github.asr4j.decode.FakeVocab.TRANSCRIBE;
import static io.github.asr4j.decode.FakeVocab.probs;
import static io.github.asr4j.decode.FakeVocab.row;
import static io.github.asr4j.decode.FakeVocab.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The window decoder driven by a scripted model; expectations follow openai's DecodingTask. */
class WindowDecoderTest {
    private final WindowDecoder window = FakeVocab.windowDecoder();

    @Test
    void greedyDecodingAppliesTheTimestampRulesStepByStep() {
        ScriptedModel model = new ScriptedModel()
                // the model wants <2.00> first, but at most <1.00> may open: best allowed is <0.50>
                .after(new int[] {}, row(ts(2.0), 10, 7, 9, ts(0.5), 5))
                // it wants to repeat the timestamp, but after an opening one text must follow
                .after(new int[] {ts(0.5)}, row(ts(0.5), 9, 7, 5))
                // w8 = 3, yet <1.50> and <1.60> at 2.9 sum to 2.9 + ln 2 = 3.59 > 3: a timestamp is
                // forced, and of the two equal ones argmax takes the lower id, <1.50>
                .after(new int[] {ts(0.5), 7}, row(8, 3, ts(1.5), 2.9, ts(1.6), 2.9))
                // after a closing timestamp: no text (w9 = 8 gone), nothing before <1.50> (<1.00> = 7
                // gone); end-of-text (1) beats repeating <1.50> (0.5), and 0.5 < 1 forces nothing
                .after(new int[] {ts(0.5), 7, ts(1.5)}, row(9, 8, EOT, 1, ts(1.0), 7, ts(1.5), 0.5));

        DecodingResult result = window.decode(model.newState(), DecodingOptions.defaults(), 0);

        assertThat(result.tokens()).containsExactly(ts(0.5), 7, ts(1.5));
        assertThat(result.text()).isEqualTo("w7");
        // log-probabilities of the filtered rows: ~0, ~0, -ln 2 (two equal timestamps),
        // 1 - ln(e^1 + e^0.5) for end-of-text
        double expectedSum = -Math.log(2) + (1 - Math.log(Math.exp(1) + Math.exp(0.5)));
        assertThat(result.sumLogProb()).isCloseTo(expectedSum, within(1e-6));
        assertThat(result.avgLogProb()).isCloseTo(expectedSum / 4, within(1e-6));
        assertThat(result.temperature()).isZero();
        assertThat(result.compressionRatio()).isEqualTo(TextMetrics.compressionRatio("w7"));
    }

    @Test
    void noSpeechProbabilityIsTheSoftmaxAtTheStartOfTranscriptPosition() {
        ScriptedModel model = new ScriptedModel()
                .atStartOfTranscript(probs(NO_SPEECH, 0.7, EN, 0.3))
                .after(new int[] {}, row(ts(0), 5))
                .after(new int[] {ts(0)}, row(7, 5));
        DecodingResult result = window.decode(model.newState(), DecodingOptions.defaults(), 0);
        assertThat(result.noSpeechProb()).isCloseTo(0.7, within(1e-6));
    }

    @Test
    void promptKeepsTheLastHalfContextMinusOneTokensAfterStartOfPrev() {
        int[] previous = new int[300];
        for (int i = 0; i < previous.length; i++) {
            previous[i] = 1 + i % 49;
        }
        DecodingOptions options = DecodingOptions.builder().prompt(previous).build();
        int[] initial = window.initialTokens(options);

        // [<|startofprev|>] + previous[-(448 // 2 - 1):] + sot sequence
        assertThat(initial).hasSize(1 + 223 + 3);
        assertThat(initial[0]).isEqualTo(SOT_PREV);
        assertThat(java.util.Arrays.copyOfRange(initial, 1, 224))
                .containsExactly(java.util.Arrays.copyOfRange(previous, 300 - 223, 300));
        assertThat(java.util.Arrays.copyOfRange(initial, 224, 227)).containsExactly(SOT, EN, TRANSCRIBE);

        ScriptedModel model = new ScriptedModel();
        window.decode(model.newState(), options, 0);
        assertThat(model.feeds.get(0)).as("the prompt is fed in one step").containsExactly(initial);
    }

    @Test
    void noPromptMeansNoStartOfPrevAndNoTimestampsAddsItsToken() {
        assertThat(window.initialTokens(DecodingOptions.defaults())).containsExactly(SOT, EN, TRANSCRIBE);
        assertThat(window.initialTokens(DecodingOptions.builder().prompt(new int[0]).build()))
                .containsExactly(SOT, EN, TRANSCRIBE);
        assertThat(window.initialTokens(DecodingOptions.builder().withoutTimestamps(true).prefix(new int[] {9, 8})
                .build())).containsExactly(SOT, EN, TRANSCRIBE, NO_TIMESTAMPS, 9, 8);
        // prefix[-(n_ctx // 2 - sample_len):] with sample_len 220 keeps the last 4
        assertThat(window.initialTokens(DecodingOptions.builder().sampleLen(220)
                .prefix(new int[] {1, 2, 3, 4, 5, 6}).build())).containsExactly(SOT, EN, TRANSCRIBE, 3, 4, 5, 6);
    }

    @Test
    void decodingStopsWhenTheContextIsFullAndNeverFeedsTheLastToken() {
        WindowDecoder small = new WindowDecoder(FakeVocab.SPECIAL, FakeVocab.START, 10, 1500, FakeVocab.TEXT);
        ScriptedModel model = new ScriptedModel(4).otherwise(sampled -> row(7, 10));
        DecodingOptions options = DecodingOptions.builder().withoutTimestamps(true).sampleLen(100).build();

        DecodingResult result = small.decode(model.newState(), options, 0);

        // 4 prompt tokens, 10 positions: openai stops once prompt + chosen > n_ctx, i.e. at 7 chosen
        assertThat(result.tokens()).hasSize(7).containsOnly(7);
        int fed = model.feeds.stream().mapToInt(f -> f.length).sum();
        assertThat(fed).isEqualTo(10);
        // the default sample_len is n_ctx // 2 = 5
        ScriptedModel again = new ScriptedModel(4).otherwise(sampled -> row(7, 10));
        assertThat(small.decode(again.newState(), options.toBuilder().sampleLen(null).build(), 0).tokens())
                .hasSize(5);
    }

    @Test
    void blankAndEndOfTextAreSuppressedAtTheFirstStepOnly() {
        ScriptedModel model = new ScriptedModel(4)
                .after(new int[] {}, row(SPACE, 10, EOT, 9, 7, 5))
                .after(new int[] {7}, row(SPACE, 10, EOT, 9))
                .after(new int[] {7, SPACE}, row(EOT, 10));
        DecodingOptions options = DecodingOptions.builder().withoutTimestamps(true).build();
        assertThat(window.decode(model.newState(), options, 0).tokens()).containsExactly(7, SPACE);

        ScriptedModel unsuppressed = new ScriptedModel(4)
                .after(new int[] {}, row(SPACE, 10, EOT, 9, 7, 5))
                .after(new int[] {SPACE}, row(EOT, 10));
        assertThat(window.decode(unsuppressed.newState(), options.toBuilder().suppressBlank(false).build(), 0)
                .tokens()).containsExactly(SPACE);
    }

    @Test
    void suppressedTokensAreNeverChosen() {
        ScriptedModel model = new ScriptedModel(4)
                .after(new int[] {}, row(7, 10, 8, 5))
                .after(new int[] {8}, row(7, 10, EOT, 5));
        DecodingOptions options = DecodingOptions.builder().withoutTimestamps(true).suppressTokens(List.of(7)).build();
        assertThat(window.decode(model.newState(), options, 0).tokens()).containsExactly(8);
    }

    @Test
    void optionsAreCheckedAsOpenaiDoes() {
        assertThatThrownBy(() -> DecodingOptions.builder().beamSize(2).bestOf(2).temperature(0.5).build())
                .hasMessageContaining("can't be given together");
        assertThatThrownBy(() -> DecodingOptions.builder().bestOf(2).build())
                .hasMessageContaining("not compatible");
        assertThatThrownBy(() -> DecodingOptions.builder().patience(2.0).build())
                .hasMessageContaining("patience requires beam_size");
        assertThatThrownBy(() -> DecodingOptions.builder().lengthPenalty(1.5).build())
                .hasMessageContaining("between 0 and 1");
    }
}
