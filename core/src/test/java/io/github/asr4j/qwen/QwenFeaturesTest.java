package io.github.asr4j.qwen;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.audio.LogMel;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.Tensor;
import io.github.asr4j.testkit.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Qwen3-ASR front end (the 128-bin log-mel, not padded to 30 s, floor over the clip) from the
 * wav files against {@code mel/qwen3_asr_mel.safetensors} (float64 reference; within 1e-4 as its README says).
 */
class QwenFeaturesTest {

    @ParameterizedTest
    @CsvSource({"jfk, audio/jfk/jfk.wav", "sonnet001, audio/long/sonnet001.wav"})
    void logMelOfTheWavMatchesTheGolden(String name, String wav) {
        float[] samples = AudioReader.read(SharedData.require(wav)).samplesAt(AudioConstants.SAMPLE_RATE);
        float[] ours = new LogMel(128).compute(samples);   // what QwenAsrModel.logMel computes
        try (SafeTensors mels = SafeTensors.open(SharedData.require("mel/qwen3_asr_mel.safetensors"))) {
            Tensor golden = mels.tensor(name + ".log_mel");
            assertThat(golden.shape()).containsExactly(128, samples.length / 160);
            double diff = QwenParity.maxAbsDiff(ours, golden.toFloatArray());
            System.out.printf("qwen log-mel %s: %d frames, max abs difference %.2e%n", name, samples.length / 160, diff);
            assertThat(diff).isLessThanOrEqualTo(1e-4);
        }
    }
}
