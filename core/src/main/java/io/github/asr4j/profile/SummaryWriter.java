package io.github.asr4j.profile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link ProfileSummary} as CSV (one row per layer) or JSON (passes, layers and op types). */
public final class SummaryWriter {
    /** The CSV header; one row per layer of each pass kind follows. */
    public static final String CSV_HEADER = "pass,layer,calls,total_ms,mean_ms,share_of_pass,gflop,gflops_per_s,"
            + "gb_per_s,percent_of_peak";

    private SummaryWriter() {}

    public static void writeCsv(ProfileSummary s, Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeCsv(s, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CSV summary to " + file, e);
        }
    }

    public static void writeCsv(ProfileSummary s, Writer out) throws IOException {
        out.write(CSV_HEADER);
        out.write('\n');
        for (ProfileSummary.LayerStats l : s.layers()) {
            out.write(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.4f,%.4f,%.6f,%.3f,%.3f,%.2f%n",
                    l.pass(), l.layer(), l.calls(), l.totalNanos() / 1e6, l.meanNanos() / 1e6, l.shareOfPass(),
                    l.flops() / 1e9, l.gflops(), l.gbPerSecond(), l.percentOfPeak()));
        }
    }

    public static void writeJson(ProfileSummary s, Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeJson(s, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON summary to " + file, e);
        }
    }

    public static void writeJson(ProfileSummary s, Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("backend", s.backend());
            g.writeNumberField("threads", s.threads());
            g.writeNumberField("peak_gflops", s.peakGflops());
            g.writeArrayFieldStart("passes");
            for (ProfileSummary.PassStats p : s.passes()) {
                g.writeStartObject();
                g.writeStringField("pass", p.pass());
                g.writeNumberField("calls", p.calls());
                g.writeNumberField("total_ms", p.totalNanos() / 1e6);
                g.writeNumberField("mean_ms", p.meanNanos() / 1e6);
                g.writeNumberField("flops", p.flops());
                g.writeNumberField("bytes", p.bytes());
                g.writeNumberField("gflops_per_s", p.gflops());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("layers");
            for (ProfileSummary.LayerStats l : s.layers()) {
                g.writeStartObject();
                g.writeStringField("pass", l.pass());
                g.writeStringField("layer", l.layer());
                g.writeNumberField("calls", l.calls());
                g.writeNumberField("total_ms", l.totalNanos() / 1e6);
                g.writeNumberField("mean_ms", l.meanNanos() / 1e6);
                g.writeNumberField("share_of_pass", l.shareOfPass());
                g.writeNumberField("flops", l.flops());
                g.writeNumberField("bytes", l.bytes());
                g.writeNumberField("gflops_per_s", l.gflops());
                g.writeNumberField("gb_per_s", l.gbPerSecond());
                g.writeNumberField("percent_of_peak", l.percentOfPeak());
                g.writeObjectFieldStart("ms_by_op");
                for (Map.Entry<OpType, Long> e : l.nanosByOp().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey()).toList()) {
                    g.writeNumberField(e.getKey().label(), e.getValue() / 1e6);
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("ops");
            for (ProfileSummary.OpStats o : s.ops()) {
                g.writeStartObject();
                g.writeStringField("pass", o.pass());
                g.writeStringField("op", o.type().label());
                g.writeNumberField("calls", o.calls());
                g.writeNumberField("total_ms", o.totalNanos() / 1e6);
                g.writeNumberField("share_of_pass", o.shareOfPass());
                g.writeNumberField("flops", o.flops());
                g.writeNumberField("bytes", o.bytes());
                g.writeNumberField("gflops_per_s", o.gflops());
                g.writeNumberField("gb_per_s", o.gbPerSecond());
                g.writeNumberField("percent_of_peak", o.percentOfPeak());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
