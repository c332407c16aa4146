package io.github.asr4j.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A self-contained HTML page for a profile: headline numbers, the share of each op type per pass,
 * time per layer stacked by op type, achieved GFLOP/s per op type against the peak, and a sortable
 * table. Charts are inline SVG with native tooltips, styles and the small sorting script are
 * inline: the file needs no network and no other file.
 */
public final class HtmlReport {
    private static final Map<OpType, String> COLORS = new LinkedHashMap<>();

    static {
        COLORS.put(OpType.CONV, "#8c564b");
        COLORS.put(OpType.EMBEDDING, "#bcbd22");
        COLORS.put(OpType.LAYER_NORM, "#9edae5");
        COLORS.put(OpType.QKV, "#1f77b4");
        COLORS.put(OpType.ATTENTION, "#d62728");
        COLORS.put(OpType.ATTENTION_WEIGHTS, "#ff9896");
        COLORS.put(OpType.OUT_PROJ, "#aec7e8");
        COLORS.put(OpType.RESIDUAL, "#c7c7c7");
        COLORS.put(OpType.MLP_UP, "#2ca02c");
        COLORS.put(OpType.GELU, "#ffbb78");
        COLORS.put(OpType.MLP_DOWN, "#98df8a");
        COLORS.put(OpType.LOGITS, "#9467bd");
        COLORS.put(OpType.CAPTURE, "#7f7f7f");
        COLORS.put(OpType.COPY, "#dbdb8d");
    }

    private static final int WIDTH = 960;
    private static final int LABEL_W = 230;
    private static final int VALUE_W = 150;

    private HtmlReport() {}

    public static void write(ProfileSummary summary, String title, Path file) {
        try {
            Files.writeString(file, render(summary, title), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTML report to " + file, e);
        }
    }

    /** The whole page. */
    public static String render(ProfileSummary s, String title) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>").append(CSS).append("</style></head>\n<body>\n");
        h.append("<header><h1>").append(esc(title)).append("</h1><p class=\"sub\">backend <b>").append(esc(s.backend()))
                .append("</b> · ").append(s.threads()).append(" thread(s)")
                .append(s.peakGflops() > 0 ? " · peak " + fmt(s.peakGflops(), 1) + " GFLOP/s" : " · peak not given")
                .append("</p></header>\n");
        tiles(h, s);
        legend(h, usedTypes(s));
        h.append("<section><h2>Where the time goes</h2><p class=\"note\">Share of each pass kind's wall time by op type"
                + " (hover a segment for numbers).</p>\n");
        h.append(shareChart(s)).append("</section>\n");
        for (ProfileSummary.PassStats p : s.passes()) {
            h.append("<section><h2>Time per layer · ").append(esc(p.pass())).append("</h2><p class=\"note\">Mean ms per call, ")
                    .append(p.calls()).append(" call(s); bars stacked by op type, label: mean ms and share of the pass.</p>\n");
            h.append(layerChart(s, p)).append("</section>\n");
        }
        h.append("<section><h2>Achieved throughput</h2><p class=\"note\">GFLOP/s per op type (FLOPs counted from shapes)")
                .append(s.peakGflops() > 0 ? "; dashed line: the given peak." : ".").append("</p>\n");
        h.append(throughputChart(s)).append("</section>\n");
        table(h, s);
        h.append("<footer>asr4j profiler · self-contained report · click a column header to sort</footer>\n");
        h.append("<script>").append(JS).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static void tiles(StringBuilder h, ProfileSummary s) {
        h.append("<div class=\"tiles\">");
        for (ProfileSummary.PassStats p : s.passes()) {
            h.append("<div class=\"tile\"><div class=\"k\">").append(esc(p.pass())).append("</div><div class=\"v\">")
                    .append(fmt(p.meanNanos() / 1e6, 2)).append(" ms</div><div class=\"d\">mean of ").append(p.calls())
                    .append(" · ").append(fmt(p.gflops(), 1)).append(" GFLOP/s</div></div>");
        }
        h.append("</div>\n");
    }

    private static void legend(StringBuilder h, Set<OpType> types) {
        h.append("<div class=\"legend\">");
        for (OpType t : types) {
            h.append("<span><i style=\"background:").append(COLORS.get(t)).append("\"></i>").append(t.label()).append("</span>");
        }
        h.append("</div>\n");
    }

    private static Set<OpType> usedTypes(ProfileSummary s) {
        Set<OpType> used = EnumSet.noneOf(OpType.class);
        for (ProfileSummary.OpStats o : s.ops()) {
            used.add(o.type());
        }
        return used;
    }

    private static String shareChart(ProfileSummary s) {
        int rowH = 34;
        int barW = WIDTH - LABEL_W - 20;
        int height = s.passes().size() * rowH + 10;
        StringBuilder g = svgOpen(height);
        int y = 5;
        for (ProfileSummary.PassStats p : s.passes()) {
            label(g, LABEL_W - 8, y + rowH / 2, p.pass(), "end");
            double x = LABEL_W;
            for (ProfileSummary.OpStats o : s.ops()) {
                if (!o.pass().equals(p.pass())) {
                    continue;
                }
                double w = barW * o.shareOfPass();
                rect(g, x, y + 4, w, rowH - 10, COLORS.get(o.type()), o.type().label() + ": "
                        + fmt(o.totalNanos() / 1e6, 3) + " ms, " + fmt(100 * o.shareOfPass(), 1) + "% of " + p.pass()
                        + ", " + fmt(o.gflops(), 2) + " GFLOP/s");
                if (w > 46) {
                    g.append("<text class=\"in\" x=\"").append(fmt(x + w / 2, 1)).append("\" y=\"").append(y + rowH / 2 + 4)
                            .append("\" text-anchor=\"middle\">").append(fmt(100 * o.shareOfPass(), 0)).append("%</text>");
                }
                x += w;
            }
            y += rowH;
        }
        return g.append("</svg>\n").toString();
    }

    private static String layerChart(ProfileSummary s, ProfileSummary.PassStats pass) {
        List<ProfileSummary.LayerStats> layers = new ArrayList<>();
        double max = 0;
        for (ProfileSummary.LayerStats l : s.layers()) {
            if (l.pass().equals(pass.pass())) {
                layers.add(l);
                max = Math.max(max, l.meanNanos());
            }
        }
        int rowH = 22;
        int barW = WIDTH - LABEL_W - VALUE_W;
        int height = layers.size() * rowH + 30;
        StringBuilder g = svgOpen(height);
        int y = 4;
        for (ProfileSummary.LayerStats l : layers) {
            label(g, LABEL_W - 8, y + rowH / 2 + 1, l.layer(), "end");
            double x = LABEL_W;
            for (OpType t : OpType.values()) {
                Long nanos = l.nanosByOp().get(t);
                if (nanos == null || max == 0) {
                    continue;
                }
                double mean = (double) nanos / l.calls();
                double w = barW * mean / max;
                rect(g, x, y + 3, w, rowH - 6, COLORS.get(t), l.layer() + " · " + t.label() + ": "
                        + fmt(mean / 1e6, 4) + " ms per call");
                x += w;
            }
            g.append("<text class=\"val\" x=\"").append(fmt(x + 6, 1)).append("\" y=\"").append(y + rowH / 2 + 4).append("\">")
                    .append(fmt(l.meanNanos() / 1e6, 3)).append(" ms · ").append(fmt(100 * l.shareOfPass(), 1))
                    .append("%</text>");
            y += rowH;
        }
        axis(g, LABEL_W, y + 4, barW, max / 1e6, "ms");
        return g.append("</svg>\n").toString();
    }

    private static String throughputChart(ProfileSummary s) {
        List<ProfileSummary.OpStats> rows = s.ops().stream().filter(o -> o.flops() > 0).toList();
        double max = s.peakGflops();
        for (ProfileSummary.OpStats o : rows) {
            max = Math.max(max, o.gflops());
        }
        int rowH = 20;
        int barW = WIDTH - LABEL_W - VALUE_W;
        int height = rows.size() * rowH + 30;
        StringBuilder g = svgOpen(height);
        int y = 4;
        for (ProfileSummary.OpStats o : rows) {
            label(g, LABEL_W - 8, y + rowH / 2 + 1, o.pass() + " · " + o.type().label(), "end");
            double w = max == 0 ? 0 : barW * o.gflops() / max;
            rect(g, LABEL_W, y + 3, w, rowH - 6, COLORS.get(o.type()), o.pass() + " · " + o.type().label() + ": "
                    + fmt(o.gflops(), 2) + " GFLOP/s, " + fmt(o.gbPerSecond(), 2) + " GB/s"
                    + (s.peakGflops() > 0 ? ", " + fmt(o.percentOfPeak(), 1) + "% of peak" : ""));
            g.append("<text class=\"val\" x=\"").append(fmt(LABEL_W + w + 6, 1)).append("\" y=\"").append(y + rowH / 2 + 4)
                    .append("\">").append(fmt(o.gflops(), 1)).append(" GFLOP/s</text>");
            y += rowH;
        }
        if (s.peakGflops() > 0 && max > 0) {
            double px = LABEL_W + barW * s.peakGflops() / max;
            g.append("<line class=\"peak\" x1=\"").append(fmt(px, 1)).append("\" x2=\"").append(fmt(px, 1))
                    .append("\" y1=\"0\" y2=\"").append(y).append("\"/>");
        }
        axis(g, LABEL_W, y + 4, barW, max, "GFLOP/s");
        return g.append("</svg>\n").toString();
    }

    private static void table(StringBuilder h, ProfileSummary s) {
        h.append("<section><h2>Layers</h2><table id=\"layers\"><thead><tr>");
        for (String c : new String[] {"pass", "layer", "calls", "total ms", "mean ms", "share", "GFLOP", "GFLOP/s",
                "GB/s", "% peak"}) {
            h.append("<th>").append(c).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (ProfileSummary.LayerStats l : s.layers()) {
            h.append("<tr><td>").append(esc(l.pass())).append("</td><td>").append(esc(l.layer())).append("</td>");
            num(h, l.calls(), 0);
            num(h, l.totalNanos() / 1e6, 3);
            num(h, l.meanNanos() / 1e6, 4);
            num(h, 100 * l.shareOfPass(), 1);
            num(h, l.flops() / 1e9, 4);
            num(h, l.gflops(), 2);
            num(h, l.gbPerSecond(), 2);
            num(h, l.percentOfPeak(), 1);
            h.append("</tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void num(StringBuilder h, double v, int decimals) {
        h.append("<td class=\"n\">").append(fmt(v, decimals)).append("</td>");
    }

    private static StringBuilder svgOpen(int height) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + WIDTH + " " + height + "\">");
    }

    private static void rect(StringBuilder g, double x, double y, double w, double h, String color, String tip) {
        g.append("<rect x=\"").append(fmt(x, 2)).append("\" y=\"").append(fmt(y, 2)).append("\" width=\"")
                .append(fmt(Math.max(w, 0), 2)).append("\" height=\"").append(fmt(h, 2)).append("\" fill=\"").append(color)
                .append("\"><title>").append(esc(tip)).append("</title></rect>");
    }

    private static void label(StringBuilder g, double x, double y, String text, String anchor) {
        g.append("<text x=\"").append(fmt(x, 1)).append("\" y=\"").append(fmt(y + 3, 1)).append("\" text-anchor=\"")
                .append(anchor).append("\">").append(esc(text)).append("</text>");
    }

    private static void axis(StringBuilder g, int x0, int y, int width, double max, String unit) {
        g.append("<line class=\"axis\" x1=\"").append(x0).append("\" x2=\"").append(x0 + width).append("\" y1=\"")
                .append(y).append("\" y2=\"").append(y).append("\"/>");
        for (int i = 0; i <= 4; i++) {
            double x = x0 + width * i / 4.0;
            g.append("<text class=\"tick\" x=\"").append(fmt(x, 1)).append("\" y=\"").append(y + 14)
                    .append("\" text-anchor=\"middle\">").append(fmt(max * i / 4, max >= 10 ? 0 : 3))
                    .append(i == 4 ? " " + unit : "").append("</text>");
        }
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1000px;
            padding:24px;color:#1d2433;background:#f6f7fb}
            h1{font-size:24px;margin:0}h2{font-size:17px;margin:0 0 4px}
            .sub{color:#5b6475;margin:4px 0 16px}.note{color:#6b7385;margin:0 0 10px;font-size:12.5px}
            section{background:#fff;border-radius:10px;padding:16px 18px;margin:14px 0;box-shadow:0 1px 3px #0001}
            .tiles{display:flex;gap:12px;flex-wrap:wrap}
            .tile{background:#fff;border-radius:10px;padding:12px 16px;min-width:180px;box-shadow:0 1px 3px #0001}
            .tile .k{color:#5b6475;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
            .tile .v{font-size:24px;font-weight:600}.tile .d{color:#6b7385;font-size:12px}
            .legend{display:flex;flex-wrap:wrap;gap:6px 14px;margin:14px 2px 0;font-size:12.5px}
            .legend i{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:5px;vertical-align:-1px}
            svg text{font-size:12px;fill:#1d2433}svg text.in{fill:#fff;font-weight:600;font-size:11px}
            svg text.val{fill:#3a4252;font-size:11.5px}svg text.tick{fill:#7a8294;font-size:10.5px}
            svg rect:hover{opacity:.8}.axis{stroke:#c9cdd6}.peak{stroke:#d62728;stroke-dasharray:5 4;stroke-width:1.5}
            table{border-collapse:collapse;width:100%;font-size:12.5px}
            th{text-align:left;border-bottom:2px solid #d8dce4;padding:5px 6px;cursor:pointer;user-select:none}
            th.sorted-asc::after{content:" \\25B2"}th.sorted-desc::after{content:" \\25BC"}
            td{border-bottom:1px solid #eef0f4;padding:4px 6px}td.n{text-align:right;font-variant-numeric:tabular-nums}
            footer{color:#8a91a1;font-size:12px;text-align:center;margin-top:10px}
            """;

    private static final String JS = """
            (function () {
              var table = document.getElementById('layers');
              var heads = table.tHead.rows[0].cells;
              Array.prototype.forEach.call(heads, function (th, col) {
                th.addEventListener('click', function () {
                  var asc = !th.classList.contains('sorted-asc');
                  Array.prototype.forEach.call(heads, function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
                  th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
                  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
                  rows.sort(function (a, b) {
                    var x = a.cells[col].textContent, y = b.cells[col].textContent;
                    var nx = parseFloat(x), ny = parseFloat(y);
                    var c = isNaN(nx) || isNaN(ny) ? x.localeCompare(y) : nx - ny;
                    return asc ? c : -c;
                  });
                  rows.forEach(function (r) { table.tBodies[0].appendChild(r); });
                });
              });
              document.body.setAttribute('data-report-ready', String(table.tBodies[0].rows.length));
            })();
            """;
}
