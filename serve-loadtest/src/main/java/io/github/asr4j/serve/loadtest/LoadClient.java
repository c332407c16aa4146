package io.github.asr4j.serve.loadtest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrent clients posting multipart transcription requests (verbose_json); a 429 is counted
 * and the request sent again after the server's Retry-After, as a polite client would.
 */
final class LoadClient {
    private static final String BOUNDARY = "asr4j-load-boundary";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private final String url;
    private final String language;
    private final int maxTokens;
    private final ConcurrentHashMap<Path, byte[]> bodies = new ConcurrentHashMap<>();

    /**
     * @param status the final HTTP status (200 answered; anything else, or -1 for a failed exchange, is lost)
     * @param rejections how many 429s came before it
     * @param seconds from the first send to the final answer, waits after 429 included
     * @param servedSeconds the accepted attempt alone: from its send to its answer
     */
    record Outcome(int index, int status, String body, int rejections, double seconds, double servedSeconds,
                   String failure) {}

    LoadClient(String url, String language, int maxTokens) {
        this.url = url;
        this.language = language;
        this.maxTokens = maxTokens;
    }

    List<Outcome> run(List<Path> order, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Outcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < order.size(); i = next.getAndIncrement()) {
                        outcomes.add(send(i, order.get(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return outcomes;
    }

    private Outcome send(int index, Path file) {
        long start = System.nanoTime();
        int rejections = 0;
        try {
            while (true) {
                long attempt = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofMinutes(30))
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body(file))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 429) {
                    long now = System.nanoTime();
                    return new Outcome(index, r.statusCode(), r.body(), rejections, (now - start) / 1e9,
                            (now - attempt) / 1e9, null);
                }
                rejections++;
                long wait = r.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(wait * 1000);
            }
        } catch (IOException | InterruptedException e) {
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Outcome(index, -1, null, rejections, seconds, seconds, e.toString());
        }
    }

    private byte[] body(Path file) {
        return bodies.computeIfAbsent(file, f -> {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                field(out, "model", "whisper-1");
                field(out, "response_format", "verbose_json");
                field(out, "language", language);
                field(out, "temperature", "0");
                field(out, "temperature_increment_on_fallback", "0");
                field(out, "max_tokens", Integer.toString(maxTokens));
                out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + f.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.write(Files.readAllBytes(f));
                out.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void field(ByteArrayOutputStream out, String name, String value) throws IOException {
        out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
