package io.github.asr4j.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Chrome trace of one profiled {@code mini} window parses, and its events nest as the tree says. */
class ChromeTraceTest {
    private static JsonNode trace;
    private static List<JsonNode> events;

    @BeforeAll
    static void write() throws Exception {
        StringWriter out = new StringWriter();
        ChromeTrace.write(MiniProfile.get(), out);
        trace = new ObjectMapper().readTree(out.toString());
        events = new ArrayList<>();
        trace.get("traceEvents").forEach(e -> {
            if (e.get("ph").asText().equals("X")) {
                events.add(e);
            }
        });
    }

    @Test
    void everyEventIsACompleteEventWithTimesAndCosts() {
        assertThat(trace.get("otherData").get("backend").asText()).startsWith("cpu-");
        assertThat(trace.get("otherData").get("threads").asInt()).isEqualTo(2);
        assertThat(events).isNotEmpty();
        for (JsonNode e : events) {
            assertThat(e.get("ts").isNumber()).isTrue();
            assertThat(e.get("dur").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(e.get("pid").asInt()).isEqualTo(ChromeTrace.PID);
            assertThat(e.has("tid")).isTrue();
            assertThat(e.get("args").get("flops").isIntegralNumber()).isTrue();
            assertThat(e.get("args").has("gflops_per_s")).isTrue();
        }
        // one window, one encoder pass, one cross-attention projection, 3 decoder steps
        assertThat(names("window")).containsExactly("window 0");
        assertThat(names("pass")).containsExactly("encoder", "decoder.cross_kv", "decoder.step", "decoder.step",
                "decoder.step");
    }

    @Test
    void eachPassHoldsOneEventPerLayerAndOnlyOpsBelowThem() {
        List<List<String>> layersByPass = new ArrayList<>();
        for (JsonNode pass : byCategory("pass")) {
            List<String> layers = new ArrayList<>();
            for (JsonNode layer : within(pass, "layer")) {
                layers.add(layer.get("name").asText());
                assertThat(within(layer, "layer")).isEmpty();
            }
            layersByPass.add(layers);
        }
        assertThat(layersByPass).containsExactly(
                List.of("encoder.conv", "encoder.layers.0", "encoder.layers.1", "encoder.layer_norm"),
                List.of("decoder.layers.0", "decoder.layers.1"),
                List.of("decoder.embed", "decoder.layers.0", "decoder.layers.1", "decoder.logits"),
                List.of("decoder.embed", "decoder.layers.0", "decoder.layers.1", "decoder.logits"),
                List.of("decoder.embed", "decoder.layers.0", "decoder.layers.1", "decoder.logits"));
        JsonNode encoderLayer = byCategory("layer").get(1);
        assertThat(within(encoderLayer, null).stream().map(e -> e.get("name").asText()).toList()).containsExactly(
                "self_attn.layer_norm", "self_attn.qkv", "self_attn.attention", "self_attn.out_proj", "self_attn.residual",
                "mlp.layer_norm", "mlp.fc1", "mlp.gelu", "mlp.fc2", "mlp.residual");
    }

    @Test
    void childrenLieInsideTheirParentAndTheirTimesAddUpToAtMostTheParents() {
        Profile p = MiniProfile.get();
        int checked = 0;
        for (ProfileEvent parent : p.events()) {
            List<ProfileEvent> kids = p.children(parent);
            long sum = 0;
            for (ProfileEvent k : kids) {
                assertThat(k.startNanos()).isGreaterThanOrEqualTo(parent.startNanos());
                assertThat(k.endNanos()).isLessThanOrEqualTo(parent.endNanos());
                sum += k.durationNanos();
            }
            assertThat(sum).as("children of %s", parent.name()).isLessThanOrEqualTo(parent.durationNanos());
            checked += kids.isEmpty() ? 0 : 1;
        }
        assertThat(checked).isGreaterThan(15);
        // the same holds in the written microseconds (same containment, only rounded)
        for (JsonNode layer : byCategory("layer")) {
            double sum = within(layer, null).stream().mapToDouble(e -> e.get("dur").asDouble()).sum();
            assertThat(sum).isLessThanOrEqualTo(layer.get("dur").asDouble() + 1e-3);
        }
    }

    @Test
    void layerAndPassCostsAreTheSumsOfTheirOps() {
        Profile p = MiniProfile.get();
        for (ProfileEvent e : p.events()) {
            if (e.level() == SpanLevel.LAYER || e.level() == SpanLevel.PASS) {
                long flops = p.children(e).stream().mapToLong(ProfileEvent::flops).sum();
                long bytes = p.children(e).stream().mapToLong(ProfileEvent::bytes).sum();
                assertThat(e.flops()).as(e.name()).isEqualTo(flops).isPositive();
                assertThat(e.bytes()).as(e.name()).isEqualTo(bytes).isPositive();
            }
        }
    }

    @Test
    void theOffProfilerHandsOutOneSharedSpan() {
        Profiler off = Profiler.off();
        assertThat(off.enabled()).isFalse();
        assertThat(off.begin("a", SpanLevel.PASS)).isSameAs(off.op("b", OpType.GELU));
    }

    @Test
    void endingASpanDropsTheSpansAbandonedInsideItAndASpanEndsOnce() {
        RecordingProfiler rec = Profiler.recording();
        Span outer = rec.begin("outer", SpanLevel.PASS);
        rec.op("abandoned by an exception", OpType.GELU);
        outer.end();
        assertThat(rec.snapshot().events()).extracting(ProfileEvent::name).containsExactly("outer");
        assertThatThrownBy(outer::end).isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
        Span next = rec.begin("next", SpanLevel.PASS);
        next.end(10, 20);
        ProfileEvent e = rec.snapshot().events().get(1);
        assertThat(e.parentId()).as("the abandoned span is not the parent of later ones").isEqualTo(-1);
        assertThat(e.flops()).isEqualTo(10);
        assertThat(e.bytes()).isEqualTo(20);
    }

    private static List<String> names(String category) {
        return byCategory(category).stream().map(e -> e.get("name").asText()).toList();
    }

    private static List<JsonNode> byCategory(String category) {
        return events.stream().filter(e -> e.get("cat").asText().equals(category)).toList();
    }

    /** Events strictly inside {@code parent}'s interval of the given category (null: ops, any type). */
    private static List<JsonNode> within(JsonNode parent, String category) {
        double from = parent.get("ts").asDouble();
        double to = from + parent.get("dur").asDouble();
        return events.stream().filter(e -> e != parent)
                .filter(e -> category == null ? e.get("args").get("level").asText().equals("op")
                        : e.get("cat").asText().equals(category))
                .filter(e -> e.get("ts").asDouble() >= from && e.get("ts").asDouble() + e.get("dur").asDouble() <= to)
                .toList();
    }
}
