package io.github.asr4j.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An {@link ActivationListener} that keeps every tensor whose name matches, in arrival order.
 * Patterns are globs: {@code *} matches any run of characters, so {@code encoder.layers.*.self_attn}
 * matches every encoder layer's attention output; several patterns may be joined with commas.
 * Thread-safe.
 */
public final class ActivationRecorder implements ActivationListener {
    private final Predicate<String> filter;
    private final List<CapturedTensor> captured = new ArrayList<>();

    private ActivationRecorder(Predicate<String> filter) {
        this.filter = filter;
    }

    /** Keeps the tensors matching any of the comma-separated globs in {@code patterns}. */
    public static ActivationRecorder matching(String patterns) {
        Predicate<String> any = name -> false;
        for (String glob : patterns.split(",")) {
            String g = glob.strip();
            if (g.isEmpty()) {
                continue;
            }
            Pattern p = Pattern.compile(globToRegex(g));
            any = any.or(name -> p.matcher(name).matches());
        }
        return new ActivationRecorder(any);
    }

    /** Keeps the tensors whose name satisfies {@code filter}. */
    public static ActivationRecorder where(Predicate<String> filter) {
        return new ActivationRecorder(filter);
    }

    @Override
    public boolean wants(String name) {
        return filter.test(name);
    }

    @Override
    public synchronized void accept(String name, float[] values, int[] shape) {
        captured.add(new CapturedTensor(name, values, shape));
    }

    /** What was captured so far, in arrival order. */
    public synchronized List<CapturedTensor> captured() {
        return List.copyOf(captured);
    }

    /** The last tensor captured under {@code name}, or null. */
    public synchronized CapturedTensor last(String name) {
        for (int i = captured.size() - 1; i >= 0; i--) {
            if (captured.get(i).name().equals(name)) {
                return captured.get(i);
            }
        }
        return null;
    }

    private static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return re.toString();
    }
}
