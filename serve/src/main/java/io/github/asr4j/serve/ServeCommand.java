package io.github.asr4j.serve;

import io.github.asr4j.Transcriber;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code asr4j serve --model DIR}: the OpenAI-compatible transcription server, until stopped (Ctrl-C drains). */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve OpenAI's audio transcription API (POST /v1/audio/transcriptions) for one model.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Hugging Face Whisper model folder.")
    Path model;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8000", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free).")
    int port;

    @Option(names = "--max-queue", defaultValue = "64", paramLabel = "N",
            description = "Requests that may wait; more are answered 429 (default: ${DEFAULT-VALUE}).")
    int maxQueue;

    @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N",
            description = "Requests transcribed at once, sharing decoder passes (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-body-mb", defaultValue = "25", paramLabel = "MB",
            description = "Largest request body in MiB; larger is answered 413 (default: ${DEFAULT-VALUE}).")
    int maxBodyMb;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "Kernel threads; 0 = one per core.")
    int threads;

    @Option(names = "--drain-seconds", defaultValue = "120", paramLabel = "S",
            description = "On stop, how long accepted requests may take to finish (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Override
    public Integer call() throws InterruptedException {
        ServerSettings settings = new ServerSettings(host, port, maxQueue, batchSize, maxBodyMb * 1024L * 1024L,
                model.toAbsolutePath().normalize().getFileName().toString());
        Transcriber transcriber = Transcriber.builder(model).threads(threads).build();
        TranscriptionServer server = TranscriptionServer.start(transcriber, settings);
        System.err.println("asr4j serve: " + transcriber.describe() + " on http://" + host + ":" + server.port()
                + "/v1 (model id '" + settings.modelId() + "')");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("asr4j serve: stopping; finishing accepted requests");
            try {
                server.shutdown(drainSeconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                transcriber.close();
                stopped.countDown();
            }
        }));
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServeCommand()).execute(args));
    }
}
