package io.github.asr4j.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary tables, their CSV and JSON forms, and the HTML report (in headless Chromium where installed). */
class SummaryAndReportTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static ProfileSummary summary() {
        return ProfileSummary.of(MiniProfile.get(), 100);
    }

    @Test
    void layerSharesOfEachPassAddUpToAtMostOneAndCallsCountPasses() {
        ProfileSummary s = summary();
        assertThat(s.passes()).extracting(ProfileSummary.PassStats::pass)
                .containsExactly("encoder", "decoder.cross_kv", "decoder.step");
        assertThat(s.passes().get(2).calls()).isEqualTo(3);
        for (ProfileSummary.PassStats p : s.passes()) {
            double layerShare = s.layers().stream().filter(l -> l.pass().equals(p.pass()))
                    .mapToDouble(ProfileSummary.LayerStats::shareOfPass).sum();
            assertThat(layerShare).isBetween(0.5, 1.0);
            long opFlops = s.ops().stream().filter(o -> o.pass().equals(p.pass()))
                    .mapToLong(ProfileSummary.OpStats::flops).sum();
            assertThat(opFlops).isEqualTo(p.flops());
        }
        ProfileSummary.LayerStats decoderLayer = s.layers().stream()
                .filter(l -> l.pass().equals("decoder.step") && l.layer().equals("decoder.layers.1")).findFirst().orElseThrow();
        assertThat(decoderLayer.calls()).isEqualTo(3);
        assertThat(decoderLayer.nanosByOp().values().stream().mapToLong(Long::longValue).sum())
                .isLessThanOrEqualTo(decoderLayer.totalNanos());
        assertThat(decoderLayer.percentOfPeak()).isCloseTo(100 * decoderLayer.gflops() / 100,
                org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void csvHasOneRowPerLayerAndJsonParses() throws Exception {
        ProfileSummary s = summary();
        StringWriter csv = new StringWriter();
        SummaryWriter.writeCsv(s, csv);
        List<String> lines = csv.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo(SummaryWriter.CSV_HEADER);
        assertThat(lines).hasSize(1 + s.layers().size());
        assertThat(lines).contains(lines.stream().filter(l -> l.startsWith("encoder,encoder.layers.1,1,")).findFirst()
                .orElseThrow());
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.split(",").length == 10);

        StringWriter json = new StringWriter();
        SummaryWriter.writeJson(s, json);
        JsonNode root = new ObjectMapper().readTree(json.toString());
        assertThat(root.get("layers").size()).isEqualTo(s.layers().size());
        assertThat(root.get("peak_gflops").asDouble()).isEqualTo(100);
        assertThat(root.get("ops").get(0).get("op").asText()).isNotBlank();
    }

    @Test
    void htmlIsSelfContained() {
        String html = HtmlReport.render(summary(), "asr4j profile: mini");
        assertThat(html).contains("<svg", "decoder.layers.1", "encoder.layers.0", "attention");
        // nothing to fetch: no external scripts, styles, images or fonts (the SVG namespace is an identifier)
        assertThat(html).doesNotContain("src=", "href=", "@import", "url(");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");
    }

    @Test
    void htmlLoadsInHeadlessChromiumWithoutScriptErrors(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "/usr/bin/chromium is not installed (apt-get install -y chromium); skipping the browser check");
        Path page = dir.resolve("report.html");
        ProfileSummary s = summary();
        HtmlReport.write(s, "asr4j profile: mini", page);
        Path profileDir = Files.createDirectory(dir.resolve("chromium-profile"));
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profileDir,
                "--dump-dom", page.toUri().toString()));
        Path out = dir.resolve("dom.html");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s");
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        String log = Files.readString(err, StandardCharsets.UTF_8);
        // the inline script ran to its end and saw every table row
        assertThat(dom).as("DOM after scripts; chromium stderr:%n%s", log)
                .contains("data-report-ready=\"" + s.layers().size() + "\"");
        assertThat(log).doesNotContain("Uncaught").doesNotContain("SyntaxError");
    }
}
