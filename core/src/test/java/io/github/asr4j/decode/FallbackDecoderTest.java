package io.github.asr4j.decode;

import static io.github.asr4j.decode.FakeVocab.EN;
import static io.github.asr4j.decode.FakeVocab.EOT;
import static io.github.asr4j.decode.FakeVocab.NO_SPEECH;
import static io.github.asr4j.decode.FakeVocab.probs;
import static io.github.asr4j.decode.FakeVocab.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * decode_with_fallback with one scripted model per attempt, so each temperature's outcome is
 * known. Rows are peaked (the chosen token 110 logits above the rest), so sampling at any of the
 * temperatures picks the same token as argmax.
 */
class FallbackDecoderTest {
    private static final FallbackDecoder FALLBACK =
            new FallbackDecoder(FakeVocab.windowDecoder(), FallbackPolicy.defaults());
    private static final DecodingOptions TEXT_ONLY = DecodingOptions.builder().withoutTimestamps(true).build();

    /** w1 sixty times: " w1 w1 ..." compresses 180 bytes to far less than 180 / 2.4. */
    private static ScriptedModel repetitive() {
        return new ScriptedModel(4).otherwise(s -> s.size() < 60 ? row(1, 10) : row(EOT, 10));
    }

    /** w2 w3 w4, then end-of-text: confident, not repetitive. */
    private static ScriptedModel fluent() {
        return new ScriptedModel(4).otherwise(s -> s.size() < 3 ? row(2 + s.size(), 10) : row(EOT, 10));
    }

    /**
     * Unsure: every text token at logit 0, w5 at 0.5, for three steps: log p(w5) = 0.5 - ln(49 + e^0.5)
     * ~ -3.4, so the average log-probability is about -2.6 < -1.
     */
    private static ScriptedModel unsure() {
        return new ScriptedModel(4).otherwise(s -> {
            if (s.size() >= 3) {
                return row(EOT, 10);
            }
            float[] logits = row();
            Arrays.fill(logits, 0, EOT, 0f);
            logits[5] = 0.5f;
            return logits;
        });
    }

    private static final class Attempts implements Supplier<DecoderState> {
        private final List<ScriptedModel> models;
        final List<ScriptedModel> used = new ArrayList<>();

        Attempts(ScriptedModel... models) {
            this.models = List.of(models);
        }

        @Override
        public DecoderState get() {
            ScriptedModel next = models.get(Math.min(used.size(), models.size() - 1));
            used.add(next);
            return next.newState();
        }
    }

    @Test
    void aRepetitiveResultIsRetriedAtTheNextTemperature() {
        Attempts attempts = new Attempts(repetitive(), fluent());
        DecodingResult result = FALLBACK.decode(attempts, TEXT_ONLY, 7);

        assertThat(attempts.used).hasSize(2);
        assertThat(result.temperature()).isEqualTo(0.2);
        assertThat(result.tokens()).containsExactly(2, 3, 4);

        DecodingResult first = FakeVocab.windowDecoder().decode(repetitive().newState(), TEXT_ONLY, 0);
        assertThat(first.compressionRatio()).isGreaterThan(2.4);
        assertThat(first.avgLogProb()).isGreaterThan(-1.0);
        assertThat(FALLBACK.needsFallback(first)).isTrue();
    }

    @Test
    void aLowAverageLogProbabilityIsRetried() {
        DecodingResult first = FakeVocab.windowDecoder().decode(unsure().newState(), TEXT_ONLY, 0);
        assertThat(first.avgLogProb()).isLessThan(-1.0);
        assertThat(first.compressionRatio()).isLessThan(2.4);

        Attempts attempts = new Attempts(unsure(), unsure(), fluent());
        DecodingResult result = FALLBACK.decode(attempts, TEXT_ONLY, 7);
        assertThat(attempts.used).hasSize(3);
        assertThat(result.temperature()).isEqualTo(0.4);
    }

    @Test
    void silenceIsNotRetried() {
        // no-speech probability 0.9 > 0.6 with an average log-probability below -1: kept as it is,
        // for the long-form loop to skip
        ScriptedModel silent = unsure().atStartOfTranscript(probs(NO_SPEECH, .9, EN, .1));
        Attempts attempts = new Attempts(silent, fluent());
        DecodingResult result = FALLBACK.decode(attempts, TEXT_ONLY, 7);
        assertThat(attempts.used).hasSize(1);
        assertThat(result.temperature()).isZero();
        assertThat(result.noSpeechProb()).isCloseTo(.9, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void aRepetitiveConfidentResultIsRetriedEvenWithAHighNoSpeechProbability() {
        // current openai: the silence exception needs the low log-probability too
        Attempts attempts = new Attempts(repetitive().atStartOfTranscript(probs(NO_SPEECH, .9, EN, .1)), fluent());
        DecodingResult result = FALLBACK.decode(attempts, TEXT_ONLY, 7);
        assertThat(attempts.used).hasSize(2);
        assertThat(result.temperature()).isEqualTo(0.2);
    }

    @Test
    void whenEveryTemperatureFailsTheLastResultIsKept() {
        Attempts attempts = new Attempts(repetitive());
        DecodingResult result = FALLBACK.decode(attempts, TEXT_ONLY, 7);
        assertThat(attempts.used).hasSize(6);
        assertThat(result.temperature()).isEqualTo(1.0);
        assertThat(result.compressionRatio()).isGreaterThan(2.4);
    }

    @Test
    void beamSearchAtZeroAndSingleSamplesAboveZero() {
        // beam size and patience are dropped for t > 0 (else the options would be invalid there), best_of at 0
        DecodingOptions options = TEXT_ONLY.toBuilder().beamSize(3).patience(2.0).build();
        ScriptedModel first = repetitive();
        ScriptedModel second = fluent();
        DecodingResult result = FALLBACK.decode(new Attempts(first, second), options, 7);
        assertThat(result.temperature()).isEqualTo(0.2);
        assertThat(first.forks).as("beam search forks").isPositive();
        assertThat(second.forks).as("one sample, no forks").isZero();

        ScriptedModel bestOfAtZero = fluent();
        DecodingResult greedy = FALLBACK.decode(new Attempts(bestOfAtZero),
                TEXT_ONLY.toBuilder().temperature(0.5).bestOf(4).build(), 7);
        assertThat(greedy.temperature()).isZero();
        assertThat(bestOfAtZero.forks).as("best_of dropped at t = 0").isZero();
    }

    @Test
    void thresholdsSetToNullNeverTriggerAFallback() {
        FallbackDecoder lenient = new FallbackDecoder(FakeVocab.windowDecoder(),
                new FallbackPolicy(new double[] {0.0, 0.5}, null, null, 0.6));
        Attempts attempts = new Attempts(repetitive(), fluent());
        assertThat(lenient.decode(attempts, TEXT_ONLY, 7).temperature()).isZero();
        assertThat(attempts.used).hasSize(1);
    }
}
