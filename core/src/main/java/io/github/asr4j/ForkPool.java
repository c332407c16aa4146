package io.github.asr4j;

import io.github.asr4j.model.DecoderSession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The copies that one transcription's beams and best-of samples fork from its window sessions,
 * kept from one decoding attempt to the next and from window to window: a fork takes over a copy
 * an earlier attempt left instead of allocating self-attention caches (with beam 5 or best-of 5,
 * four copies per attempt, up to six attempts per window with temperature fallback). Without it
 * each attempt's copies are garbage that lives through several young collections, is promoted,
 * and stretches the old generation until a mixed collection. One run, one thread.
 */
final class ForkPool {
    private final ArrayDeque<DecoderSession> free = new ArrayDeque<>();
    private final List<DecoderSession> lent = new ArrayList<>();

    /** A copy of {@code source} (as {@link DecoderSession#copy}), in the memory of a copy no longer used where there is one. */
    DecoderSession copyOf(DecoderSession source) {
        DecoderSession copy = free.isEmpty() ? source.copy() : source.copyReusing(free.poll());
        lent.add(copy);
        return copy;
    }

    /** Every copy made so far is done with (a new decoding attempt starts): later copies reuse their memory. */
    void reclaim() {
        free.addAll(lent);
        lent.clear();
    }
}
