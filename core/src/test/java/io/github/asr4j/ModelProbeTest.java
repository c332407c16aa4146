package io.github.asr4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModelProbeTest {

    /**
     * The probe streams its window (memory bounded by a window, not the file) and still gives, bit
     * for bit, the first window of the whole-file spectrogram: the 53 s sonnet's loudest frame lies
     * past the first 30 s window, so a window cut from the first 30 s alone would differ.
     */
    @Test
    void firstWindowIsTheWholeFileWindow() {
        Path model = SharedData.require("models/mini");
        Path sonnet = SharedData.require("audio/long/sonnet001.wav");
        try (ModelProbe probe = ModelProbe.open(model, 1)) {
            AudioFeatures whole = new AudioFeatures(probe.numMelBins(), probe.windowFrames());
            float[] samples = whole.read16k(sonnet);
            float[] expected = whole.logMel(samples).window(0);
            assertThat(probe.logMelWindow(sonnet)).containsExactly(expected);
            float[] firstWindowOnly = whole.logMel(Arrays.copyOf(samples, 30 * 16000)).window(0);
            assertThat(firstWindowOnly).as("the file must be one where the shortcut would be wrong").isNotEqualTo(expected);
        }
    }
}
