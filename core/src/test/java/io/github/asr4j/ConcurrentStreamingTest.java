package io.github.asr4j;

import io.github.asr4j.audio.AudioConstants;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.audio.LogMel;
import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The streamed front end inside the transcriber: a file transcribes exactly as its samples do,
 * and 16 threads sharing one Transcriber (each streaming its own file) give one-by-one's output.
 */
class ConcurrentStreamingTest {
    static final TranscribeOptions OPTIONS = TranscribeOptions.builder().language("en").temperature(0)
            .maxTokensPerWindow(6).build();

    @Test
    void sixteenThreadsOnOneTranscriberEqualOneByOne() throws Exception {
        List<Path> files = List.of(SharedData.require("audio/jfk/jfk.wav"),
                SharedData.require("audio/edge/pcm_s16_44k1_stereo.wav"),
                SharedData.require("audio/librispeech-test-clean/1089-134686-0000.flac"),
                SharedData.require("audio/long/sonnet001.wav"));
        try (Transcriber t = Transcriber.builder(SharedData.require("models/mini")).threads(2).batchSize(4).build()) {
            List<Transcript> alone = new ArrayList<>();
            for (Path f : files) {
                alone.add(t.transcribe(f, OPTIONS));
            }
            // The path streams; the float[] entry point holds the whole input: same transcript.
            float[] samples = AudioReader.read(files.get(1)).samplesAt(AudioConstants.SAMPLE_RATE);
            assertThat(t.transcribe(samples, OPTIONS)).isEqualTo(alone.get(1));

            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Transcript>> futures = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    Path f = files.get(i % files.size());
                    futures.add(pool.submit(() -> t.transcribe(f, OPTIONS)));
                }
                for (int i = 0; i < 16; i++) {
                    assertThat(futures.get(i).get()).as("thread %d", i).isEqualTo(alone.get(i % files.size()));
                }
            } finally {
                pool.shutdownNow();
            }
            List<FileTranscript> all = t.transcribeAll(files, OPTIONS);
            List<FileTranscript> again = t.transcribeAll(files, OPTIONS);
            for (int i = 0; i < files.size(); i++) {
                assertThat(again.get(i).transcript()).isEqualTo(all.get(i).transcript());
                assertThat(tokens(all.get(i).transcript())).as("batched vs alone, file %d", i)
                        .isEqualTo(tokens(alone.get(i)));
            }
        }
    }

    static List<List<Integer>> tokens(Transcript t) {
        return t.segments().stream().map(Segment::tokens).toList();
    }
}
