package io.github.asr4j.profile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a profile in the Chrome trace-event format (JSON object form): one complete event
 * ({@code "ph":"X"}, {@code ts} and {@code dur} in microseconds) per span, so the window → pass →
 * layer → op tree shows as nested bars in Perfetto ({@code ui.perfetto.dev}) or {@code chrome://tracing}.
 * Each event's {@code args} hold its FLOPs, bytes, GFLOP/s and GB/s; the metadata names the backend.
 */
public final class ChromeTrace {
    /** The process id written on every event (one process: this JVM's inference). */
    public static final int PID = 1;

    private ChromeTrace() {}

    public static void write(Profile profile, Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(profile, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace to " + file, e);
        }
    }

    public static void write(Profile profile, Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("displayTimeUnit", "ms");
            g.writeObjectFieldStart("otherData");
            g.writeStringField("producer", "asr4j profiler");
            g.writeStringField("backend", profile.backend());
            g.writeNumberField("threads", profile.threads());
            g.writeEndObject();
            g.writeArrayFieldStart("traceEvents");
            g.writeStartObject();
            g.writeStringField("name", "process_name");
            g.writeStringField("ph", "M");
            g.writeNumberField("pid", PID);
            g.writeObjectFieldStart("args");
            g.writeStringField("name", "asr4j " + profile.backend());
            g.writeEndObject();
            g.writeEndObject();
            for (ProfileEvent e : profile.events()) {
                event(g, e);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void event(JsonGenerator g, ProfileEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", e.name());
        g.writeStringField("cat", e.category());
        g.writeStringField("ph", "X");
        // Fractional microseconds keep nanosecond resolution, so children stay inside their parents.
        g.writeNumberField("ts", e.startNanos() / 1000.0);
        g.writeNumberField("dur", e.durationNanos() / 1000.0);
        g.writeNumberField("pid", PID);
        g.writeNumberField("tid", e.threadId());
        g.writeObjectFieldStart("args");
        g.writeStringField("level", e.level().name().toLowerCase(java.util.Locale.ROOT));
        g.writeNumberField("flops", e.flops());
        g.writeNumberField("bytes", e.bytes());
        g.writeNumberField("gflops_per_s", round(e.gflops()));
        g.writeNumberField("gb_per_s", round(e.gbPerSecond()));
        g.writeEndObject();
        g.writeEndObject();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
