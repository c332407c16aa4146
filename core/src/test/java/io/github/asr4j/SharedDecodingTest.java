package io.github.asr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link SharedDecoding}: calls on several threads sharing decoder passes, joining and leaving at any time. */
class SharedDecodingTest {
    private static final TranscribeOptions OPTIONS = BatchTranscriptionTest.OPTIONS;

    @Test
    void concurrentCallsGiveTheTokensOfCallsAloneAndCancelledCallsFreeTheirSeats() throws Exception {
        Path jfk = SharedData.require("audio/jfk/jfk.wav");
        Path sonnet = SharedData.require("audio/long/sonnet001.wav");
        Path flac = SharedData.require("audio/librispeech-test-clean/1089-134686-0001.flac");
        List<Path> files = List.of(sonnet, jfk, flac, jfk, sonnet);
        try (Transcriber transcriber = Transcriber.builder(SharedData.require("models/mini")).threads(2).build()) {
            SharedDecoding shared = new SharedDecoding(transcriber);
            ExecutorService pool = Executors.newFixedThreadPool(files.size() + 2);
            try {
                // one call gives up after its first window while the others go on stepping with it
                Future<Transcript> cancelled = pool.submit(() -> shared.transcribe(sonnet, OPTIONS, (done, total) -> {
                    throw new CancellationException("client left");
                }));
                // one whose cancel signal is up stops at its first step or encoder pass
                Future<Transcript> signalled = pool.submit(() -> shared.transcribe(sonnet, OPTIONS,
                        ProgressListener.NONE, () -> true));
                List<Future<Transcript>> results = new ArrayList<>();
                for (Path f : files) {
                    results.add(pool.submit(() -> shared.transcribe(f, OPTIONS, ProgressListener.NONE)));
                }
                for (int i = 0; i < files.size(); i++) {
                    Transcript alone = transcriber.transcribe(files.get(i), OPTIONS);
                    assertThat(BatchTranscriptionTest.tokens(results.get(i).get(120, TimeUnit.SECONDS)))
                            .as("shared vs alone, file %d", i).isEqualTo(BatchTranscriptionTest.tokens(alone));
                }
                assertThatThrownBy(() -> cancelled.get(120, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(CancellationException.class);
                assertThatThrownBy(() -> signalled.get(120, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(CancellationException.class);
                // the batch is empty again: a later call runs alone and is not held by a stale seat
                Transcript later = pool.submit(() -> shared.transcribe(jfk, OPTIONS, ProgressListener.NONE))
                        .get(120, TimeUnit.SECONDS);
                assertThat(later).isEqualTo(transcriber.transcribe(jfk, OPTIONS));
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
