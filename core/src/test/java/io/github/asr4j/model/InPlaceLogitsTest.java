package io.github.asr4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.testkit.SharedData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Steps into a session's own logits row give, at every step, the bits a new array gets: interleaved
 * with other sessions' steps, after the caller edited the row, in batches, and after the row moved
 * to another session with the memory it belongs to.
 */
class InPlaceLogitsTest {
    private static final int[] PROMPT = {50258, 50259, 50359};

    @Test
    void interleavedSessionsEachGetTheirOwnLogitsEveryStep() {
        try (Backend backend = Backends.cpu(2);
             WhisperModel model = WhisperModel.load(SharedData.require("models/mini"), backend, BufferType.F16);
             SafeTensors mel = SafeTensors.open(SharedData.require("mel/mel_goldens.safetensors"))) {
            float[] audioA = model.encode(mel.tensor("jfk.log_mel_80").toFloatArray());
            float[] audioB = model.encode(silence());
            DecoderSession a = model.newSession(audioA);
            DecoderSession b = model.newSession(audioB);
            DecoderSession aRef = model.newSession(audioA);
            DecoderSession bRef = model.newSession(audioB);
            a.step(PROMPT);
            b.step(PROMPT);
            aRef.step(PROMPT);
            bRef.step(PROMPT);

            float[] aRow = a.stepInPlace(new int[] {440});
            float[] aKept = aRow.clone();
            float[] bRow = b.stepInPlace(new int[] {440});
            assertThat(bRow).isNotSameAs(aRow);
            assertThat(aRow).as("a's row after b stepped").isEqualTo(aKept);
            assertThat(aRow).isEqualTo(aRef.step(new int[] {440}));
            assertThat(bRow).isEqualTo(bRef.step(new int[] {440}));
            assertThat(aRow).as("two windows give two rows").isNotEqualTo(bRow);

            int[] tokens = {1029, 406, 1486, 257, 11};
            for (int t : tokens) {
                Arrays.fill(aRow, Float.NaN);        // the caller edits its row in place (the logit filters do)
                Arrays.fill(bRow, Float.NEGATIVE_INFINITY);
                assertThat(b.stepInPlace(new int[] {t})).isSameAs(bRow);
                assertThat(a.stepInPlace(new int[] {t})).isSameAs(aRow);
                assertThat(aRow).as("a after token %d", t).isEqualTo(aRef.step(new int[] {t}));
                assertThat(bRow).as("b after token %d", t).isEqualTo(bRef.step(new int[] {t}));
            }
        }
    }

    @Test
    void beamsSteppedTogetherInPlaceGetWhatNewArraysGet() {
        try (Backend backend = Backends.cpu(2);
             WhisperModel model = WhisperModel.load(SharedData.require("models/mini"), backend, BufferType.F16);
             SafeTensors mel = SafeTensors.open(SharedData.require("mel/mel_goldens.safetensors"))) {
            float[] audio = model.encode(mel.tensor("jfk.log_mel_80").toFloatArray());
            DecoderSession first = model.newSession(audio);
            first.step(PROMPT);
            DecoderSession[] beams = {first, first.copy(), first.copy()};
            DecoderSession[] ref = {first.copy(), first.copy(), first.copy()};

            float[][] rows = DecoderSession.stepBatchInPlace(beams, new int[] {440, 1029, 406});
            float[][] expected = DecoderSession.stepBatch(ref, new int[] {440, 1029, 406});
            assertThat(rows).isDeepEqualTo(expected);
            assertThat(rows[0]).isNotSameAs(rows[1]);
            assertThat(rows[1]).isNotSameAs(rows[2]);
            float[][] held = rows.clone();

            // as beam search does: beam 2 ends, beam 0 is continued twice (forked into beam 2's memory)
            beams[0].copyInto(beams[2]);
            ref[0].copyInto(ref[2]);
            for (float[] row : held) {
                Arrays.fill(row, Float.NaN);
            }
            for (int step = 0; step < 4; step++) {
                int[] next = {257 + step, 11 + step, 1486 + step};
                rows = DecoderSession.stepBatchInPlace(beams, next);
                expected = DecoderSession.stepBatch(ref, next);
                for (int i = 0; i < rows.length; i++) {
                    assertThat(rows[i]).as("beam %d step %d", i, step).isSameAs(held[i]).isEqualTo(expected[i]);
                }
                float[] alone = beams[1].stepInPlace(new int[] {300 + step});  // a lone step between batches
                assertThat(alone).isSameAs(held[1]).isEqualTo(ref[1].step(new int[] {300 + step}));
            }
            DecoderSession copy = beams[0].copy();
            assertThat(copy.stepInPlace(new int[] {440})).as("a copy has a row of its own").isNotSameAs(held[0])
                    .isEqualTo(ref[0].copy().step(new int[] {440}));
        }
    }

    @Test
    void theRowMovesWithTheMemoryItBelongsTo() {
        try (Backend backend = Backends.cpu(2);
             WhisperModel model = WhisperModel.load(SharedData.require("models/mini"), backend, BufferType.F16);
             SafeTensors mel = SafeTensors.open(SharedData.require("mel/mel_goldens.safetensors"))) {
            float[] audioA = model.encode(mel.tensor("jfk.log_mel_80").toFloatArray());
            float[] audioB = model.encode(silence());
            DecoderSession a = model.newSession(audioA);
            a.step(PROMPT);
            DecoderSession spare = model.newSession(audioB);
            spare.step(PROMPT);
            float[] spareRow = spare.stepInPlace(new int[] {440});

            // a copy of window A into a spare of window B: the spare's memory, its row included
            DecoderSession reused = a.copyReusing(spare);
            DecoderSession ref = a.copy();
            Arrays.fill(spareRow, Float.NaN);
            assertThat(reused.stepInPlace(new int[] {1029})).isSameAs(spareRow).isEqualTo(ref.step(new int[] {1029}));

            // the next window takes over a finished one's memory, its row included
            DecoderSession next = model.newSession(audioB, io.github.asr4j.profile.Profiler.off(), reused);
            DecoderSession nextRef = model.newSession(audioB);
            next.step(PROMPT);
            nextRef.step(PROMPT);
            assertThat(next.stepInPlace(new int[] {440})).isSameAs(spareRow).isEqualTo(nextRef.step(new int[] {440}));
        }
    }

    private static float[] silence() {
        float[] mel = new float[80 * 3000];
        Arrays.fill(mel, -1f);
        return mel;
    }
}
