package io.github.asr4j.profile;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile reduced to tables: per pass kind ({@code encoder}, {@code decoder.step},
 * {@code decoder.cross_kv}), per layer of each pass kind, and per op type of each pass kind.
 *
 * @param peakGflops the machine's peak for {@code percentOfPeak} columns; 0 when unknown
 */
public record ProfileSummary(String backend, int threads, double peakGflops, List<PassStats> passes,
                             List<LayerStats> layers, List<OpStats> ops) {

    /** All calls of one pass kind. */
    public record PassStats(String pass, int calls, long totalNanos, long flops, long bytes) {
        public double meanNanos() {
            return calls == 0 ? 0 : (double) totalNanos / calls;
        }

        public double gflops() {
            return totalNanos == 0 ? 0 : (double) flops / totalNanos;
        }
    }

    /**
     * One layer of one pass kind over all calls.
     *
     * @param shareOfPass this layer's time over the pass kind's total time (0..1)
     * @param nanosByOp   time of the layer's ops by type (the chart's stacks)
     */
    public record LayerStats(String pass, String layer, int calls, long totalNanos, double shareOfPass,
                             long flops, long bytes, double percentOfPeak, Map<OpType, Long> nanosByOp) {
        public LayerStats {
            nanosByOp = Map.copyOf(nanosByOp);
        }

        public double meanNanos() {
            return calls == 0 ? 0 : (double) totalNanos / calls;
        }

        public double gflops() {
            return totalNanos == 0 ? 0 : (double) flops / totalNanos;
        }

        public double gbPerSecond() {
            return totalNanos == 0 ? 0 : (double) bytes / totalNanos;
        }
    }

    /** One op type of one pass kind over all calls. */
    public record OpStats(String pass, OpType type, int calls, long totalNanos, double shareOfPass,
                          long flops, long bytes, double percentOfPeak) {
        public double gflops() {
            return totalNanos == 0 ? 0 : (double) flops / totalNanos;
        }

        public double gbPerSecond() {
            return totalNanos == 0 ? 0 : (double) bytes / totalNanos;
        }
    }

    /** Summarises {@code profile}; {@code peakGflops} 0 leaves the percent-of-peak columns at 0. */
    public static ProfileSummary of(Profile profile, double peakGflops) {
        Map<String, long[]> passAcc = new LinkedHashMap<>();           // calls, nanos, flops, bytes
        Map<String, Map<String, long[]>> layerAcc = new LinkedHashMap<>();
        Map<String, Map<String, Map<OpType, Long>>> layerOps = new LinkedHashMap<>();
        Map<String, Map<OpType, long[]>> opAcc = new LinkedHashMap<>();

        for (ProfileEvent e : profile.events()) {
            if (e.level() == SpanLevel.WINDOW) {
                continue;
            }
            ProfileEvent pass = profile.passOf(e);
            if (pass == null) {
                continue;
            }
            String p = pass.name();
            switch (e.level()) {
                case PASS -> add(passAcc.computeIfAbsent(p, k -> new long[4]), e);
                case LAYER -> add(layerAcc.computeIfAbsent(p, k -> new LinkedHashMap<>())
                        .computeIfAbsent(e.name(), k -> new long[4]), e);
                case OP -> {
                    add(opAcc.computeIfAbsent(p, k -> new EnumMap<>(OpType.class))
                            .computeIfAbsent(e.opType(), k -> new long[4]), e);
                    ProfileEvent layer = layerOf(profile, e);
                    if (layer != null) {
                        layerOps.computeIfAbsent(p, k -> new LinkedHashMap<>())
                                .computeIfAbsent(layer.name(), k -> new EnumMap<>(OpType.class))
                                .merge(e.opType(), e.durationNanos(), Long::sum);
                    }
                }
                default -> { }
            }
        }

        List<PassStats> passes = new ArrayList<>();
        passAcc.forEach((p, a) -> passes.add(new PassStats(p, (int) a[0], a[1], a[2], a[3])));
        List<LayerStats> layers = new ArrayList<>();
        layerAcc.forEach((p, byLayer) -> {
            long passNanos = passAcc.getOrDefault(p, new long[4])[1];
            byLayer.forEach((name, a) -> layers.add(new LayerStats(p, name, (int) a[0], a[1], share(a[1], passNanos),
                    a[2], a[3], percent(a[2], a[1], peakGflops),
                    layerOps.getOrDefault(p, Map.of()).getOrDefault(name, Map.of()))));
        });
        List<OpStats> ops = new ArrayList<>();
        opAcc.forEach((p, byType) -> {
            long passNanos = passAcc.getOrDefault(p, new long[4])[1];
            byType.forEach((type, a) -> ops.add(new OpStats(p, type, (int) a[0], a[1], share(a[1], passNanos),
                    a[2], a[3], percent(a[2], a[1], peakGflops))));
        });
        return new ProfileSummary(profile.backend(), profile.threads(), peakGflops, passes, layers, ops);
    }

    /** The slowest single op events of {@code pass} (by name, e.g. the first {@code encoder} call), longest first. */
    public static List<ProfileEvent> slowestOps(Profile profile, ProfileEvent pass, int count) {
        List<ProfileEvent> ops = new ArrayList<>();
        for (ProfileEvent e : profile.events()) {
            if (e.level() == SpanLevel.OP && profile.passOf(e) == pass) {
                ops.add(e);
            }
        }
        ops.sort((a, b) -> Long.compare(b.durationNanos(), a.durationNanos()));
        return ops.subList(0, Math.min(count, ops.size()));
    }

    private static ProfileEvent layerOf(Profile profile, ProfileEvent op) {
        ProfileEvent cur = profile.byId(op.parentId());
        while (cur != null && cur.level() != SpanLevel.LAYER) {
            cur = profile.byId(cur.parentId());
        }
        return cur;
    }

    private static void add(long[] acc, ProfileEvent e) {
        acc[0]++;
        acc[1] += e.durationNanos();
        acc[2] += e.flops();
        acc[3] += e.bytes();
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static double percent(long flops, long nanos, double peakGflops) {
        return peakGflops <= 0 || nanos == 0 ? 0 : 100.0 * flops / nanos / peakGflops;
    }
}
