package io.github.asr4j.decode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * openai-whisper's {@code SuppressBlank}: at the first sampled position only, suppress the given
 * tokens — generation_config's {@code begin_suppress_tokens}, i.e. {@code encode(" ")} and
 * end-of-text — so a window never opens with a blank or ends empty.
 */
public final class SuppressAtBegin implements LogitFilter {
    private final SuppressTokens suppress;

    public SuppressAtBegin(Collection<Integer> ids) {
        this.suppress = new SuppressTokens(ids);
    }

    /** openai's set: the ids of {@code encode(" ")} plus end-of-text. */
    public static SuppressAtBegin blank(SpecialTokens tokens) {
        List<Integer> ids = new ArrayList<>();
        for (int id : tokens.blank()) {
            ids.add(id);
        }
        ids.add(tokens.endOfText());
        return new SuppressAtBegin(ids);
    }

    @Override
    public void apply(float[] logits, int[] sampled) {
        if (sampled.length == 0) {
            suppress.apply(logits, sampled);
        }
    }
}
