package io.github.asr4j.decode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The one main loop of window decoding (openai-whisper's {@code DecodingTask._main_loop}): filter
 * the logits of every live sequence, let the {@link TokenSelector} choose, hand the decoder states
 * over to the chosen continuations, and step all live sequences together, until the selector is
 * done, the token budget is spent or the context is full.
 */
final class DecodingLoop {
    private DecodingLoop() {}

    /**
     * @param state a decoder fed the prompt; every sequence starts from it (the first takes it, the others fork it)
     * @param firstLogits the logits after the prompt (not modified)
     * @param maxTokens the most tokens a sequence may choose, end-of-text included (openai's {@code sample_len})
     * @param contextLeft positions the network has after the prompt; one more token than that may be
     *     chosen, since the last chosen token is never fed
     */
    static List<DecodeResult> run(DecoderState state, float[] firstLogits, TokenSelector selector,
                                  List<LogitFilter> filters, int maxTokens, int contextLeft) {
        List<DecoderState> live = Collections.nCopies(selector.width(), state);
        float[][] logits = new float[selector.width()][];
        for (int row = 0; row < logits.length; row++) {
            logits[row] = firstLogits.clone();
        }
        for (int step = 0; step < maxTokens && step <= contextLeft; step++) {
            for (int row = 0; row < logits.length; row++) {
                int[] sequence = selector.sequence(row);
                for (LogitFilter filter : filters) {
                    filter.apply(logits[row], sequence);
                }
            }
            TokenSelector.Choice choice = selector.update(logits);
            boolean lastStep = step + 1 >= maxTokens || step + 1 > contextLeft;
            if (choice.ended() || lastStep) {
                break;
            }
            live = continued(live, choice.sources());
            logits = live.getFirst().stepTogether(live, choice.tokens());
        }
        return selector.finish();
    }

    /**
     * The states of the continued sequences (openai's {@code rearrange_kv_cache}): a source's first
     * continuation takes its state, later ones fork it, into the memory of a state no sequence
     * continues where there is one. Nothing has stepped yet, so every fork copies its source as it
     * was after this step.
     */
    private static List<DecoderState> continued(List<DecoderState> live, int[] sources) {
        Set<DecoderState> continuing = identitySet();
        for (int source : sources) {
            continuing.add(live.get(source));
        }
        ArrayDeque<DecoderState> ended = new ArrayDeque<>();  // states no sequence continues
        for (DecoderState state : live) {
            if (continuing.add(state)) {
                ended.add(state);
            }
        }
        Set<DecoderState> taken = identitySet();
        List<DecoderState> next = new ArrayList<>(sources.length);
        for (int source : sources) {
            DecoderState state = live.get(source);
            next.add(taken.add(state) ? state : ended.isEmpty() ? state.fork() : state.forkInto(ended.poll()));
        }
        return next;
    }

    private static Set<DecoderState> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
