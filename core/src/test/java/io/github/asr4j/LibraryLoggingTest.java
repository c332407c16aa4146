package io.github.asr4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.loader.hub.HubSettings;
import io.github.asr4j.loader.hub.HuggingFaceHub;
import io.github.asr4j.testkit.FakeHub;
import io.github.asr4j.testkit.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library speaks only through {@code System.Logger}: loading, transcribing (also through
 * ffmpeg) and a download that is cut and resumed print nothing on stdout or stderr, while the
 * log records reach a handler the host installs (here java.util.logging, System.Logger's default).
 */
class LibraryLoggingTest {
    @TempDir
    Path cache;

    @Test
    void nothingIsPrintedAndEverythingIsLogged() throws IOException {
        Path mini = SharedData.require("models/mini");
        Path jfk = SharedData.require("audio/jfk/jfk.wav");
        Path mp3 = SharedData.require("audio/edge/jfk.mp3");
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger asr4j = Logger.getLogger("io.github.asr4j");
        Level oldLevel = asr4j.getLevel();
        boolean oldParents = asr4j.getUseParentHandlers();
        asr4j.addHandler(capture);
        asr4j.setUseParentHandlers(false); // the console handler would write to stderr on the library's behalf
        asr4j.setLevel(Level.ALL);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (FakeHub hub = FakeHub.start()) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            hub.addRepo("acme/mini", Map.of("config.json", Files.readAllBytes(mini.resolve("config.json")),
                    "model.safetensors", Files.readAllBytes(mini.resolve("model.safetensors")),
                    "tokenizer.json", Files.readAllBytes(mini.resolve("tokenizer.json"))), 1_000_000);
            hub.cutConnection("acme/mini", "model.safetensors", 1_000_000, 1);
            Path dir = HubModels.locate("acme/mini", new HuggingFaceHub(
                    new HubSettings(cache, hub.endpoint(), Optional.empty(), false, Duration.ofSeconds(10), 2)));
            try (Transcriber t = Transcriber.builder(dir).threads(2).build()) {
                // one transcription (the slow part): through ffmpeg when it is there
                t.transcribe(io.github.asr4j.audio.FfmpegAudio.executable().isPresent() ? mp3 : jfk, TranscriberTest.GREEDY);
            }
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            asr4j.removeHandler(capture);
            asr4j.setUseParentHandlers(oldParents);
            asr4j.setLevel(oldLevel);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(records).extracting(LogRecord::getLoggerName).contains("io.github.asr4j.loader.hub.HubSnapshot",
                "io.github.asr4j.loader.hub.HubClient");
        assertThat(records).anySatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
    }
}
