package io.github.asr4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.AudioFormatException;
import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** asr4j's FLAC decoder: 16-bit LibriSpeech files and the 24-bit 44.1 kHz stereo JFK file. */
class FlacDecoderTest {

    private static Map<String, Double> manifestDurations() throws IOException {
        Map<String, Double> durations = new HashMap<>();
        List<String> lines = Files.readAllLines(SharedData.require("audio/manifest.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (!f[1].isEmpty()) { // invalid files have no duration
                durations.put(f[0], Double.parseDouble(f[1]));
            }
        }
        return durations;
    }

    @Test
    void librispeechFilesHaveTheManifestDuration() throws IOException {
        Map<String, Double> durations = manifestDurations();
        for (String file : List.of("librispeech-test-clean/1089-134686-0000.flac", "librispeech-test-clean/1089-134691-0000.flac",
                "librispeech-test-other/1688-142285-0000.flac", "librispeech-test-other/3331-159605-0003.flac")) {
            Audio a = AudioReader.read(SharedData.require("audio/" + file));
            assertThat(a.sampleRate()).as(file).isEqualTo(16_000);
            assertThat(a.channels()).as(file).isEqualTo(1);
            assertThat(a.samples().length).as(file).isEqualTo(Math.round(durations.get(file) * 16_000));
        }
    }

    @Test
    void librispeechDecodesLosslessly() {
        // long/librispeech-test-other_1998-15444-0000-0009.wav holds the FLAC-decoded 16-bit
        // samples of utterances -0000, -0001, ... copied unchanged, 4800 zeros between them.
        float[] concatenated = AudioReader.read(
                SharedData.require("audio/long/librispeech-test-other_1998-15444-0000-0009.wav")).samples();
        int offset = 0;
        for (String id : List.of("1998-15444-0000", "1998-15444-0001")) {
            float[] flac = AudioReader.read(SharedData.require("audio/librispeech-test-other/" + id + ".flac")).samples();
            Signals.assertSameSamples(flac, Arrays.copyOfRange(concatenated, offset, offset + flac.length));
            offset += flac.length + 4800;
        }
    }

    @Test
    void jfkFlacIsTheSameSpeechAsJfkWav() {
        Audio flac = AudioReader.read(SharedData.require("audio/jfk/jfk.flac"));
        assertThat(flac.sampleRate()).isEqualTo(44_100);
        assertThat(flac.channels()).isEqualTo(2);
        assertThat(flac.samples()).hasSize(485_100);
        float[] wav = AudioReader.read(SharedData.require("audio/jfk/jfk.wav")).samples();
        float[] resampled = Resampler.resample(flac.samples(), 44_100, 16_000);
        assertThat(resampled).hasSize(wav.length);
        // jfk.wav was made from this recording: same level, no delay. A wrong bit depth scale
        // would change the gain by 2^8, a channel mix-up or a bad 24-bit decode the correlation.
        assertThat(Signals.correlation(resampled, wav)).isGreaterThan(0.999);
        assertThat(Signals.leastSquaresGain(resampled, wav)).isBetween(0.99, 1.01);
        double snrDb = Signals.snrDb(resampled, wav);
        System.out.printf("jfk.flac resampled to 16 kHz vs jfk.wav: SNR %.1f dB%n", snrDb);
        assertThat(snrDb).isGreaterThan(30);
    }

    @Test
    void corruptFlacIsAnError() throws IOException {
        byte[] good = Files.readAllBytes(SharedData.require("audio/librispeech-test-clean/1089-134691-0000.flac"));
        // Cut mid-frame: the end of the input inside a subframe.
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        assertThatThrownBy(() -> AudioReader.read(truncated, "half.flac"))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("half.flac").hasMessageContaining("truncated");
        // One flipped bit inside an audio frame: caught by the frame's CRC-16 (or, before it, by
        // a code that no longer parses), never decoded into a wrong sample.
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x01;
        assertThatThrownBy(() -> AudioReader.read(flipped, "flipped.flac"))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("flipped.flac").hasMessageContaining("in the FLAC frame at byte offset");
        byte[] headerOnly = Arrays.copyOf(good, 40);
        assertThatThrownBy(() -> AudioReader.read(headerOnly, "cut.flac"))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("cut.flac").hasMessageContaining("truncated");
    }
}
