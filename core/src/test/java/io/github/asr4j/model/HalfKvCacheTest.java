package io.github.asr4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.decode.GreedyDecoder;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * An F16 KV cache changes only the rounding of the cached keys and values (relative 2⁻¹¹ each):
 * the logits of a prompt and of greedy steps stay within 1 % of the largest logit of the F32
 * cache's, on the same audio, through the prompt pass, single steps and a copied session.
 * Observed on {@code mini}: about 0.1 %.
 */
class HalfKvCacheTest {

    @Test
    void halfPrecisionCacheTracksTheFloatCache() {
        Path mini = SharedData.require("models/mini");
        try (Backend backend = Backends.cpu(2);
             WhisperModel f32 = WhisperModel.load(mini, backend, BufferType.F32);
             WhisperModel f16 = WhisperModel.load(mini, backend, BufferType.F16);
             SafeTensors mel = SafeTensors.open(SharedData.require("mel/mel_goldens.safetensors"))) {
            float[] audio = f32.encode(mel.tensor("jfk.log_mel_80").toFloatArray());
            DecoderSession a = f32.newSession(audio);
            DecoderSession b = f16.newSession(audio);
            int[] prompt = {50258, 50259, 50359, 50363};
            float[][] pa = a.stepAllLogits(prompt);
            float[][] pb = b.stepAllLogits(prompt);
            for (int i = 0; i < prompt.length; i++) {
                assertClose(pb[i], pa[i], "prompt position " + i);
            }
            DecoderSession bCopy = b.copy();
            int next = GreedyDecoder.argmax(pa[prompt.length - 1]);
            for (int step = 0; step < 8; step++) {
                float[] la = a.step(new int[] {next});
                float[] lb = b.step(new int[] {next});
                float[] lc = bCopy.step(new int[] {next});
                assertClose(lb, la, "step " + step);
                assertThat(lc).as("a copied F16 session steps exactly as its original").isEqualTo(lb);
                next = GreedyDecoder.argmax(la);
            }
        }
    }

    private static void assertClose(float[] actual, float[] expected, String where) {
        double max = 0;
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i]));
            diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
        }
        assertThat(diff / max).as(where + ": largest logit difference relative to the largest logit").isLessThan(0.01);
        assertThat(diff).as(where + ": the F16 cache must change something (it rounds)").isPositive();
    }
}
