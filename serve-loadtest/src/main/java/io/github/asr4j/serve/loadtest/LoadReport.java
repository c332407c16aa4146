package io.github.asr4j.serve.loadtest;

import io.github.asr4j.Segment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The figures of one load run. An answer is correct when its text and every segment's tokens and
 * times equal the one-at-a-time transcript of the same file; lost counts requests that got
 * neither a 200 nor (after any 429s) an answer at all.
 */
record LoadReport(String model, int requests, int answered, int wrong, int lost, int rejections,
                  double audioSeconds, double wallSeconds, double sequentialSeconds, double p50, double p99,
                  double servedP50, double servedP99, List<String> problems) {

    static LoadReport of(String model, List<Path> order, List<LoadClient.Outcome> outcomes,
                         Map<Path, LoadTest.Reference> references, double wallSeconds) {
        int answered = 0, wrong = 0, lost = 0, rejections = 0;
        double audio = 0, sequential = 0;
        List<Double> latencies = new ArrayList<>();
        List<Double> served = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (LoadClient.Outcome o : outcomes) {
            rejections += o.rejections();
            Path file = order.get(o.index());
            LoadTest.Reference ref = references.get(file);
            sequential += ref.seconds();
            if (o.status() != 200) {
                lost++;
                problems.add(file.getFileName() + ": " + (o.failure() != null ? o.failure() : o.status() + " " + o.body()));
                continue;
            }
            answered++;
            audio += ref.audioSeconds();
            latencies.add(o.seconds());
            served.add(o.servedSeconds());
            String mismatch = mismatch(new JsonObject(o.body()), ref);
            if (mismatch != null) {
                wrong++;
                problems.add(file.getFileName() + ": " + mismatch);
            }
        }
        lost += order.size() - outcomes.size();
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] sortedServed = served.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new LoadReport(model, order.size(), answered, wrong, lost, rejections, audio, wallSeconds, sequential,
                percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sortedServed, 0.50),
                percentile(sortedServed, 0.99), problems);
    }

    private static String mismatch(JsonObject body, LoadTest.Reference ref) {
        if (!body.getString("text").equals(ref.transcript().text())) {
            return "text differs from the one-at-a-time transcript";
        }
        JsonArray segments = body.getJsonArray("segments");
        List<Segment> want = ref.transcript().segments();
        if (segments.size() != want.size()) {
            return segments.size() + " segments, one at a time " + want.size();
        }
        for (int i = 0; i < want.size(); i++) {
            JsonObject s = segments.getJsonObject(i);
            List<Integer> tokens = s.getJsonArray("tokens").stream().map(t -> ((Number) t).intValue()).toList();
            if (!tokens.equals(want.get(i).tokens()) || s.getDouble("start") != want.get(i).start()
                    || s.getDouble("end") != want.get(i).end()) {
                return "segment " + i + " differs from the one-at-a-time transcript";
            }
        }
        return null;
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    String describe() {
        double served = audioSeconds / wallSeconds;
        double alone = audioSeconds / sequentialSeconds;
        StringBuilder s = new StringBuilder(String.format(
                "%s: %d requests, %d answered (%d wrong), %d lost, %d answered 429 first; %.1f s of audio in %.1f s:"
                        + " %.2f audio s/s served vs %.2f one at a time (%.2fx); latency p50 %.2f s, p99 %.2f s"
                        + " (429 waits included), accepted attempt p50 %.2f s, p99 %.2f s; load average %s",
                model, requests, answered, wrong, lost, rejections, audioSeconds, wallSeconds, served, alone,
                served / alone, p50, p99, servedP50, servedP99, loadAverage()));
        problems.stream().limit(10).forEach(p -> s.append("\n  ").append(p));
        return s.toString();
    }

    /** A WAV or FLAC file's length, from the transcript-independent decoder of the server's own core. */
    static double seconds(Path file) {
        return io.github.asr4j.audio.AudioReader.read(file).durationSeconds();
    }

    static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
