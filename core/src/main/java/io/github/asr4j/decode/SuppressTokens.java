package io.github.asr4j.decode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

/** Never emits the given tokens (generation_config's {@code suppress_tokens}). */
public final class SuppressTokens implements LogitFilter {
    private final int[] ids;

    public SuppressTokens(Collection<Integer> ids) {
        this.ids = ids.stream().mapToInt(Integer::intValue).filter(id -> id >= 0).distinct().toArray();
    }

    /**
     * openai-whisper's {@code _get_suppress_tokens}: {@code -1} in {@code configured} stands for the
     * non-speech symbols ({@link NonSpeechTokens}); the control tokens (transcribe, translate,
     * start-of-transcript, start-of-prev, start-of-lm, no-speech) are always added. An empty
     * {@code configured} list means no suppression at all: openai then installs no filter, so the
     * control tokens are not added either.
     *
     * @param nonSpeech computes the non-speech ids, called only when {@code configured} holds -1
     * @param controls the control-token ids to add (negative ids, e.g. a missing no-speech token, are skipped)
     * @return sorted, distinct ids
     */
    public static List<Integer> resolve(Collection<Integer> configured, Supplier<int[]> nonSpeech, int... controls) {
        if (configured.isEmpty()) {
            return List.of();
        }
        TreeSet<Integer> ids = new TreeSet<>();
        for (int id : configured) {
            if (id >= 0) {
                ids.add(id);
            }
        }
        if (configured.contains(-1)) {
            for (int id : nonSpeech.get()) {
                ids.add(id);
            }
        }
        for (int id : controls) {
            if (id >= 0) {
                ids.add(id);
            }
        }
        return new ArrayList<>(ids);
    }

    @Override
    public void apply(float[] logits, int[] sampled) {
        for (int id : ids) {
            if (id < logits.length) {
                logits[id] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
