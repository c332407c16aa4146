package io.github.asr4j.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;
import org.junit.jupiter.api.Test;

/**
 * asr4j's FLAC decoder against jflac-codec, an independent decoder: every FLAC file of the shared
 * test audio decodes to the same samples, bit for bit (both scale by 2^(bits-1) and average the
 * channels in double precision; any decoding slip changes an integer sample).
 */
class FlacParityTest {

    @Test
    void everySharedFlacDecodesSampleExactAsJflacDoes() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SharedData.require("audio"))) {
            files = walk.filter(p -> p.toString().endsWith(".flac")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(45);
        for (Path file : files) {
            Audio ours = AudioReader.read(file);
            Audio reference = jflac(file);
            assertThat(ours.sampleRate()).as(file.toString()).isEqualTo(reference.sampleRate());
            assertThat(ours.channels()).as(file.toString()).isEqualTo(reference.channels());
            Signals.assertSameSamples(ours.samples(), reference.samples());
        }
    }

    private static Audio jflac(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            FLACDecoder decoder = new FLACDecoder(in);
            decoder.readMetadata();
            StreamInfo info = decoder.getStreamInfo();
            SampleBuffer out = new SampleBuffer(info.getTotalSamples());
            Frame frame;
            while ((frame = decoder.readNextFrame()) != null) {
                int ch = frame.header.channels;
                int bits = frame.header.bitsPerSample > 0 ? frame.header.bitsPerSample : info.getBitsPerSample();
                double scale = 1.0 / (1L << (bits - 1)) / ch;
                var data = decoder.getChannelData();
                for (int i = 0; i < frame.header.blockSize; i++) {
                    long sum = 0;
                    for (int c = 0; c < ch; c++) {
                        sum += data[c].getOutput()[i];
                    }
                    out.add((float) (sum * scale));
                }
            }
            assertThat(decoder.getBadFrames()).as(file + " bad frames in jflac").isZero();
            return new Audio(out.toArray(), info.getSampleRate(), info.getChannels());
        }
    }
}
