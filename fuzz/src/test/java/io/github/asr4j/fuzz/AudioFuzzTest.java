package io.github.asr4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.asr4j.AudioFormatException;
import io.github.asr4j.audio.AudioReader;

/** WAV and FLAC bytes through the reader that tells them apart by content. */
class AudioFuzzTest {

    @FuzzTest
    void wav(byte[] input) {
        byte[] bytes = Inputs.withMagic("RIFF", input);
        Outcomes.expectTyped(() -> AudioReader.read(bytes, "fuzz.wav"), AudioFormatException.class);
    }

    @FuzzTest
    void flac(byte[] input) {
        byte[] bytes = Inputs.withMagic("fLaC", input);
        Outcomes.expectTyped(() -> AudioReader.read(bytes, "fuzz.flac"), AudioFormatException.class);
    }
}
