package io.github.asr4j.qwen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.SafeTensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code qwen-mini} against its goldens (encoder 5e-6, logits 1e-4; {@code goldens.json}'s
 * tolerances), jfk (2 attention windows) and sonnet001 (7 windows, a 26-frame tail chunk), prompts
 * {@code auto} and {@code lang_English}.
 */
class QwenMiniParityTest {
    static final double ENCODER_ATOL = 5e-6;
    static final double LOGITS_ATOL = 1e-4;

    private static Backend backend;
    private static QwenAsrModel model;

    @BeforeAll
    static void load() {
        backend = Backends.cpu(2);
        model = QwenAsrModel.load(QwenParity.folder("qwen-mini"), backend);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
        backend.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jfk", "sonnet001"})
    void encoderPromptLogitsAndGreedyStepsMatchTheGoldens(String audio) {
        try (SafeTensors goldens = SafeTensors.open(QwenParity.folder("qwen-mini").resolve("goldens.safetensors"))) {
            QwenParity.check(model, goldens, audio, ENCODER_ATOL, LOGITS_ATOL).forEach(m -> System.out.println("qwen-mini " + m));
        }
    }

    /** Four sequences (2 audios x 2 prompts, different lengths) stepped together match the goldens too. */
    @Test
    void batchedStepsMatchTheGoldens() {
        try (SafeTensors goldens = SafeTensors.open(QwenParity.folder("qwen-mini").resolve("goldens.safetensors"))) {
            List<QwenDecoderSession> sessions = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            List<int[]> greedy = new ArrayList<>();
            for (String audio : QwenParity.AUDIOS) {
                EncodedAudio encoded = QwenParity.encodeStoredMel(model, audio);
                for (String prompt : QwenParity.PROMPTS) {
                    String p = audio + "." + prompt + ".";
                    int[] tokens = goldens.tensor(p + "prompt_tokens").toIntArray();
                    QwenDecoderSession s = model.newSession(tokens.length + 25);
                    s.prefill(tokens, encoded);
                    sessions.add(s);
                    prefixes.add(p);
                    greedy.add(goldens.tensor(p + "greedy_tokens").toIntArray());
                }
            }
            double worst = 0;
            for (int k = 0; k < 24; k++) {
                int[] tokens = new int[sessions.size()];
                for (int i = 0; i < tokens.length; i++) {
                    tokens[i] = greedy.get(i)[k];
                }
                float[][] logits = QwenDecoderSession.stepAll(sessions, tokens);
                for (int i = 0; i < tokens.length; i++) {
                    if (k + 1 < 24) {
                        assertThat(QwenParity.argmax(logits[i])).isEqualTo(greedy.get(i)[k + 1]);
                    }
                    worst = Math.max(worst, QwenParity.checkStep(goldens, prefixes.get(i), k, logits[i], LOGITS_ATOL));
                }
            }
            System.out.printf("qwen-mini batched steps (4 sessions): max difference %.2e%n", worst);
            assertThatThrownBy(() -> QwenDecoderSession.stepAll(List.of(sessions.get(0), sessions.get(0)), new int[] {1, 2}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
            assertThatThrownBy(() -> QwenDecoderSession.stepAll(sessions, new int[] {1, 2, 3, 151936}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the vocabulary");
            sessions.forEach(QwenDecoderSession::close);
            assertThatThrownBy(() -> QwenDecoderSession.stepAll(sessions, new int[] {1, 2, 3, 4}))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    /**
     * Steps into the sessions' own logits rows (batched, and alone between batches, the rows edited
     * by the caller in between) give the bits that steps into new arrays give.
     */
    @Test
    void inPlaceStepsGiveWhatNewArraysGet() {
        try (SafeTensors goldens = SafeTensors.open(QwenParity.folder("qwen-mini").resolve("goldens.safetensors"))) {
            List<QwenDecoderSession> sessions = new ArrayList<>();
            List<QwenDecoderSession> refs = new ArrayList<>();
            List<int[]> greedy = new ArrayList<>();
            for (String audio : QwenParity.AUDIOS) {
                EncodedAudio encoded = QwenParity.encodeStoredMel(model, audio);
                for (String prompt : QwenParity.PROMPTS) {
                    int[] tokens = goldens.tensor(audio + "." + prompt + ".prompt_tokens").toIntArray();
                    for (List<QwenDecoderSession> into : List.of(sessions, refs)) {
                        QwenDecoderSession s = model.newSession(tokens.length + 25);
                        s.prefill(tokens, encoded);
                        into.add(s);
                    }
                    greedy.add(goldens.tensor(audio + "." + prompt + ".greedy_tokens").toIntArray());
                }
            }
            float[][] own = new float[sessions.size()][];
            for (int k = 0; k < 9; k++) {
                int[] tokens = new int[sessions.size()];
                for (int i = 0; i < tokens.length; i++) {
                    tokens[i] = greedy.get(i)[k];
                }
                boolean alone = k % 3 == 2;
                float[][] rows = new float[tokens.length][];
                float[][] expected = new float[tokens.length][];
                if (alone) {
                    for (int i = 0; i < tokens.length; i++) {
                        rows[i] = sessions.get(i).stepInPlace(tokens[i]);
                        expected[i] = refs.get(i).step(tokens[i]);
                    }
                } else {
                    rows = QwenDecoderSession.stepAllInPlace(sessions, tokens);
                    expected = QwenDecoderSession.stepAll(refs, tokens);
                }
                for (int i = 0; i < tokens.length; i++) {
                    if (own[i] == null) {
                        own[i] = rows[i];
                    }
                    assertThat(rows[i]).as("session %d step %d", i, k).isSameAs(own[i]).isEqualTo(expected[i]);
                    java.util.Arrays.fill(rows[i], Float.NaN);   // the caller edits its row
                }
            }
            assertThat(own[0]).isNotSameAs(own[1]);
            sessions.forEach(QwenDecoderSession::close);
            refs.forEach(QwenDecoderSession::close);
        }
    }
}
