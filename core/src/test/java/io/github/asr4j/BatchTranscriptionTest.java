package io.github.asr4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Transcriber#transcribeAll} with several files decoded together in batched passes. */
class BatchTranscriptionTest {
    static final TranscribeOptions OPTIONS = TranscribeOptions.builder().language("en").temperature(0)
            .maxTokensPerWindow(12).build();

    @Test
    void batchGivesResultsInOrderRepeatsExactlyAndMatchesOneByOne() {
        Path jfk = SharedData.require("audio/jfk/jfk.wav");
        Path sonnet = SharedData.require("audio/long/sonnet001.wav");
        Path notAudio = SharedData.require("audio/edge/not_audio.wav");
        Path flac = SharedData.require("audio/librispeech-test-clean/1089-134686-0001.flac");
        List<Path> files = List.of(jfk, sonnet, notAudio, flac, jfk);
        try (Transcriber batched = Transcriber.builder(SharedData.require("models/mini")).threads(2).batchSize(3).build();
             Transcriber single = Transcriber.builder(SharedData.require("models/mini")).threads(2).batchSize(1).build()) {
            List<FileTranscript> first = batched.transcribeAll(files, OPTIONS);
            List<FileTranscript> second = batched.transcribeAll(files, OPTIONS);
            List<FileTranscript> oneByOne = single.transcribeAll(files, OPTIONS);

            assertThat(first).extracting(FileTranscript::file).containsExactlyElementsOf(files);
            assertThat(first).extracting(FileTranscript::succeeded).containsExactly(true, true, false, true, true);
            assertThat(first.get(2).error()).isInstanceOf(AudioFormatException.class);
            for (int i = 0; i < files.size(); i++) {
                if (!first.get(i).succeeded()) {
                    continue;
                }
                assertThat(second.get(i).transcript()).as("same batch twice, file %d", i)
                        .isEqualTo(first.get(i).transcript());
                assertThat(tokens(first.get(i).transcript())).as("batched vs alone, file %d", i)
                        .isEqualTo(tokens(oneByOne.get(i).transcript()));
            }
            assertThat(tokens(first.get(4).transcript())).isEqualTo(tokens(first.get(0).transcript()));
        }
    }

    static List<List<Integer>> tokens(Transcript t) {
        return t.segments().stream().map(Segment::tokens).toList();
    }
}
