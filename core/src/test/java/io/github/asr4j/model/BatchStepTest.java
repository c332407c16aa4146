package io.github.asr4j.model;

import io.github.asr4j.decode.GreedyDecoder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.testkit.SharedData;
import org.junit.jupiter.api.Test;

/** Several sessions stepped in one batched pass give what each gives alone. */
class BatchStepTest {

    @Test
    void batchedStepsEqualSingleStepsPerSession() {
        try (Backend backend = Backends.cpu(2);
             WhisperModel model = WhisperModel.load(SharedData.require("models/mini"), backend);
             SafeTensors mel = SafeTensors.open(SharedData.require("mel/mel_goldens.safetensors"))) {
            float[] audioA = model.encode(mel.tensor("jfk.log_mel_80").toFloatArray());
            float[] audioB = silence(model);

            DecoderSession a = model.newSession(audioA);
            DecoderSession b = model.newSession(audioB);
            DecoderSession c = model.newSession(audioA);
            a.step(new int[] {50258, 50259, 50359});     // different prompt lengths: positions differ
            b.step(new int[] {50258});
            c.step(new int[] {50258, 50259, 50359, 50363, 440});
            DecoderSession a1 = a.copy();
            DecoderSession b1 = b.copy();
            DecoderSession c1 = c.copy();

            int[] next = {400, 1029, 406};
            for (int step = 0; step < 3; step++) {
                float[][] batched = DecoderSession.stepBatch(new DecoderSession[] {a, b, c}, next);
                float[][] single = {a1.step(new int[] {next[0]}), b1.step(new int[] {next[1]}),
                        c1.step(new int[] {next[2]})};
                for (int i = 0; i < 3; i++) {
                    assertThat(maxAbsDiff(batched[i], single[i])).as("session %d step %d", i, step).isLessThan(2e-5);
                }
                assertThat(a.position()).isEqualTo(a1.position());
                for (int i = 0; i < 3; i++) {
                    next[i] = GreedyDecoder.argmax(batched[i]);
                }
            }
        }
    }

    /**
     * Sessions at one position (beams, or windows stepped together from one prompt) take the grouped
     * self-attention: each row must still be the one its session gives alone, bit for bit.
     */
    @Test
    void batchedStepsAtOnePositionEqualSingleStepsBitForBit() {
        try (Backend backend = Backends.cpu(2);
             WhisperModel model = WhisperModel.load(SharedData.require("models/mini"), backend);
             SafeTensors mel = SafeTensors.open(SharedData.require("mel/mel_goldens.safetensors"))) {
            float[] audioA = model.encode(mel.tensor("jfk.log_mel_80").toFloatArray());
            float[] audioB = silence(model);

            int[] prompt = {50258, 50259, 50359, 50363};
            DecoderSession a = model.newSession(audioA);
            a.step(prompt);
            DecoderSession b = a.copy();                    // a beam of a
            DecoderSession c = model.newSession(audioB);    // another window, the same position
            c.step(prompt);
            DecoderSession[] together = {a, b, c};
            DecoderSession[] alone = {a.copy(), b.copy(), c.copy()};

            int[] next = {400, 1029, 406};
            for (int step = 0; step < 3; step++) {
                float[][] batched = DecoderSession.stepBatch(together, next);
                for (int i = 0; i < 3; i++) {
                    float[] single = alone[i].step(new int[] {next[i]});
                    assertThat(batched[i]).as("session %d step %d", i, step).isEqualTo(single);
                    next[i] = Math.max(0, GreedyDecoder.argmax(batched[i]) - i);  // the beams part ways
                }
            }
        }
    }

    /** A second, different window: silence at log-mel -1, encoded. */
    private static float[] silence(WhisperModel model) {
        float[] mel = new float[80 * 3000];
        java.util.Arrays.fill(mel, -1f);
        return model.encode(mel);
    }

    @Test
    void badBatchesAreRefused() {
        try (Backend backend = Backends.cpu(1);
             WhisperModel model = WhisperModel.load(SharedData.require("models/mini"), backend)) {
            DecoderSession s = model.newSession(new float[1500 * 64]);
            assertThatThrownBy(() -> DecoderSession.stepBatch(new DecoderSession[] {s, s}, new int[] {1, 2}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
            assertThatThrownBy(() -> DecoderSession.stepBatch(new DecoderSession[] {s}, new int[] {1, 2}))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> DecoderSession.stepBatch(new DecoderSession[] {s}, new int[] {99999}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vocabulary");
        }
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
