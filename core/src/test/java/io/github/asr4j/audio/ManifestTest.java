package io.github.asr4j.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every WAV and FLAC file listed in {@code shared/testdata/audio/manifest.tsv} decodes with the
 * rate, channel count and duration the manifest gives (durations there are rounded to 1 ms, read
 * from the file headers by other tools).
 */
class ManifestTest {

    @Test
    void everyListedFileDecodesAsListed() throws IOException {
        Path root = SharedData.require("audio");
        List<String> lines = Files.readAllLines(root.resolve("manifest.tsv"));
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            String format = f[4];
            if (!(format.startsWith("wav") || format.startsWith("flac"))) {
                continue; // mp3 and the invalid files have their own tests
            }
            Audio a = AudioReader.read(root.resolve(f[0]));
            assertThat(a.sampleRate()).as(f[0]).isEqualTo(Integer.parseInt(f[2]));
            assertThat(a.channels()).as(f[0]).isEqualTo(Integer.parseInt(f[3]));
            assertThat(a.durationSeconds()).as(f[0]).isCloseTo(Double.parseDouble(f[1]),
                    org.assertj.core.api.Assertions.within(0.0005 + 1e-9));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(130);
    }
}
