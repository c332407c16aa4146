package io.github.asr4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.asr4j.AudioFormatException;
import io.github.asr4j.testkit.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The audio files of {@code testdata/hostile} that once hung the reader, exhausted memory or
 * printed to standard output: each is now a typed error with a message, quickly, without a byte
 * on standard output.
 */
class HostileAudioTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "flac_hang_min.flac | frame CRC-16 does not match",
        "flac_total_samples_half.flac | holds more frames than the 83480 samples its STREAMINFO declares",
        "flac_vorbis_ncomments_intmax.flac | truncated",
        "flac_vorbis_vendorlen_2GB.flac | STREAMINFO declares 166960 samples, the frames hold 0",
        "wav_rate1hz_130KB_OOM.wav | sample rate 1 Hz is outside the supported 4000..384000 Hz",
    })
    void hostileFileIsATypedErrorAndPrintsNothing(String file, String message) throws Exception {
        byte[] bytes = Files.readAllBytes(SharedData.require("hostile/" + file));
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    assertThatThrownBy(() -> AudioReader.read(bytes, file))
                            .isInstanceOf(AudioFormatException.class)
                            .hasMessageContaining(file)
                            .hasMessageContaining(message));
        } finally {
            System.setOut(stdout);
        }
        assertThat(captured.toString()).as("standard output").isEmpty();
    }
}
