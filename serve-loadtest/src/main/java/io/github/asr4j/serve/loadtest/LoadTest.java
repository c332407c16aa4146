package io.github.asr4j.serve.loadtest;

import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcriber;
import io.github.asr4j.Transcript;
import io.github.asr4j.bench.BenchCheckpoints;
import io.github.asr4j.testkit.RandomCheckpoint;
import io.github.asr4j.serve.ServerSettings;
import io.github.asr4j.serve.TranscriptionServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The serving benchmark: per checkpoint, transcribes each audio file one at a time (the
 * reference, and the sequential throughput), then starts {@code asr4j serve} on loopback and sends
 * the requests from concurrent clients, checking every answer against the one-at-a-time result.
 * Prints throughput (audio seconds per second) against sequential (timed before and after the
 * served run, averaged), p50/p99 latency, 429s and losses.
 */
@Command(name = "serve-loadtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load-test asr4j serve on loopback against one-at-a-time transcription.")
public final class LoadTest implements Callable<Integer> {
    @Option(names = "--shared", defaultValue = "../shared", description = "The shared test data folder.")
    Path shared;

    @Option(names = "--models", defaultValue = "mini,tiny-shape", split = ",", description = "Checkpoints (random weights).")
    List<String> models;

    @Option(names = "--clients", defaultValue = "64") int clients;
    @Option(names = "--requests", defaultValue = "256") int requests;
    @Option(names = "--batch-size", defaultValue = "8") int batchSize;
    @Option(names = "--max-queue", defaultValue = "32") int maxQueue;
    @Option(names = "--threads", defaultValue = "0", description = "Kernel threads; 0 = one per core.") int threads;
    @Option(names = "--max-tokens", defaultValue = "224", description = "Most tokens per 30 s window.") int maxTokens;
    @Option(names = "--seed", defaultValue = "1", description = "Order of the requests.") long seed;

    @Override
    public Integer call() throws Exception {
        Path audio = shared.resolve("testdata/audio");
        List<Path> files = audioMix(audio);
        System.out.printf("load: %d files of mixed length, %d requests, %d clients, batch %d, queue %d, load average %s%n",
                files.size(), requests, clients, batchSize, maxQueue, LoadReport.loadAverage());
        boolean allCorrect = true;
        for (String name : models) {
            Path model = checkpoint(name);
            allCorrect &= run(name, model, files);
        }
        return allCorrect ? 0 : 1;
    }

    private boolean run(String name, Path model, List<Path> files) throws Exception {
        TranscribeOptions options = TranscribeOptions.builder().language("en").temperature(0)
                .maxTokensPerWindow(maxTokens).build();
        try (Transcriber transcriber = Transcriber.builder(model).threads(threads).options(options).build()) {
            transcriber.transcribe(files.getFirst()); // warm the kernels before anything is timed
            Map<Path, Reference> references = sequential(transcriber, files);
            List<Path> order = requestOrder(files);
            ServerSettings settings = new ServerSettings("127.0.0.1", 0, maxQueue, batchSize, 64L * 1024 * 1024, name);
            List<LoadClient.Outcome> outcomes;
            long wallNanos;
            try (TranscriptionServer server = TranscriptionServer.start(transcriber, settings)) {
                LoadClient client = new LoadClient("http://127.0.0.1:" + server.port() + "/v1/audio/transcriptions",
                        "en", maxTokens);
                long start = System.nanoTime();
                outcomes = client.run(order, clients);
                wallNanos = System.nanoTime() - start;
            }
            // one at a time again after the served run (A-B-A): the load on a shared machine drifts
            Map<Path, Reference> after = sequential(transcriber, files);
            Map<Path, Reference> averaged = new LinkedHashMap<>();
            for (Path f : files) {
                Reference a = references.get(f);
                if (!after.get(f).transcript().equals(a.transcript())) {
                    throw new IllegalStateException(f + ": one-at-a-time transcripts differ between runs");
                }
                averaged.put(f, new Reference(a.transcript(), a.audioSeconds(), (a.seconds() + after.get(f).seconds()) / 2));
            }
            LoadReport report = LoadReport.of(name, order, outcomes, averaged, wallNanos / 1e9);
            System.out.println(report.describe());
            return report.lost() == 0 && report.wrong() == 0;
        }
    }

    /** Each file transcribed one at a time: the transcript, the audio's length and the time taken. */
    private static Map<Path, Reference> sequential(Transcriber transcriber, List<Path> files) {
        Map<Path, Reference> references = new LinkedHashMap<>();
        for (Path f : files) {
            long start = System.nanoTime();
            Transcript t = transcriber.transcribe(f);
            references.put(f, new Reference(t, LoadReport.seconds(f), (System.nanoTime() - start) / 1e9));
        }
        return references;
    }

    /** Every clean and other LibriSpeech file, jfk, and two long files (several windows). */
    private static List<Path> audioMix(Path audio) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("librispeech-test-clean", "librispeech-test-other")) {
            try (Stream<Path> s = Files.list(audio.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".flac")).sorted().forEach(files::add);
            }
        }
        files.add(audio.resolve("jfk/jfk.wav"));
        files.add(audio.resolve("long/sonnet001.wav"));
        files.add(audio.resolve("long/librispeech-test-other_1998-15444-0000-0009.wav"));
        return files;
    }

    /** {@code requests} files: the mix repeated, shuffled with the seed. */
    private List<Path> requestOrder(List<Path> files) {
        List<Path> order = new ArrayList<>();
        while (order.size() < requests) {
            order.addAll(files);
        }
        order = new ArrayList<>(order.subList(0, requests));
        Collections.shuffle(order, new Random(seed));
        return order;
    }

    /** mini is stored; the larger shapes are rebuilt from their spec into the benchmark cache. */
    private Path checkpoint(String name) {
        Path models = shared.resolve("testdata/models");
        if (Files.isRegularFile(models.resolve(name).resolve("model.safetensors"))) {
            return models.resolve(name);
        }
        return new BenchCheckpoints(models, shared.resolve("testdata/tokenizers/whisper-multilingual"),
                shared.resolve("tools/checkpoint"), BenchCheckpoints.defaultCache())
                .huggingFace(name, RandomCheckpoint.Precision.F32);
    }

    /** A file's one-at-a-time transcript, its length and how long it took. */
    record Reference(Transcript transcript, double audioSeconds, double seconds) {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadTest()).execute(args));
    }
}
