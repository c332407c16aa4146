package io.github.asr4j.decode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A fake decoder whose next-token logits are prepared per token sequence: the rows are keyed by
 * the tokens fed after the start-of-transcript sequence (the "sampled" tokens), so a script reads
 * like the decoding it provokes. Positions inside the prompt get {@link #promptRow} (after SOT: the
 * row the no-speech probability is read from).
 */
final class ScriptedModel {
    private final Map<List<Integer>, float[]> rows = new HashMap<>();
    private final int startLength;
    private Function<List<Integer>, float[]> fallback = sampled -> FakeVocab.row(FakeVocab.EOT, 10);
    private float[] sotRow = FakeVocab.row(FakeVocab.EN, 10); // speech: no-speech ~ e^-110
    /** Every feed of every state, in order (the first is the prompt). */
    final List<int[]> feeds = new ArrayList<>();
    int forks;
    /** How many states each {@link DecoderState#stepTogether} call stepped, in order. */
    final List<Integer> together = new ArrayList<>();

    /** @param startLength tokens from SOT to the first sampled one (3: SOT, language, task) */
    ScriptedModel(int startLength) {
        this.startLength = startLength;
    }

    ScriptedModel() {
        this(FakeVocab.START.length);
    }

    /** The logits after {@code sampled} tokens have been chosen. */
    ScriptedModel after(int[] sampled, float[] logits) {
        rows.put(toList(sampled), logits);
        return this;
    }

    ScriptedModel otherwise(Function<List<Integer>, float[]> rowForSampled) {
        this.fallback = rowForSampled;
        return this;
    }

    ScriptedModel atStartOfTranscript(float[] logits) {
        this.sotRow = logits;
        return this;
    }

    DecoderState newState() {
        return new State(new ArrayList<>());
    }

    private float[] logitsFor(List<Integer> history) {
        int sot = history.lastIndexOf(FakeVocab.SOT);
        if (sot < 0) {
            return FakeVocab.row(FakeVocab.EOT, 0); // inside a previous-text prompt
        }
        int sampledFrom = sot + startLength;
        if (history.size() < sampledFrom) {
            return (history.size() == sot + 1 ? sotRow : FakeVocab.row(FakeVocab.EOT, 0)).clone();
        }
        List<Integer> sampled = history.subList(sampledFrom, history.size());
        float[] row = rows.get(sampled);
        return (row != null ? row : fallback.apply(List.copyOf(sampled))).clone();
    }

    private final class State implements DecoderState {
        private final List<Integer> history;

        State(List<Integer> history) {
            this.history = history;
        }

        @Override
        public float[] step(int[] tokens) {
            feeds.add(tokens.clone());
            for (int t : tokens) {
                history.add(t);
            }
            return logitsFor(history);
        }

        @Override
        public float[][] stepAll(int[] tokens) {
            feeds.add(tokens.clone());
            float[][] out = new float[tokens.length][];
            for (int i = 0; i < tokens.length; i++) {
                history.add(tokens[i]);
                out[i] = logitsFor(history);
            }
            return out;
        }

        @Override
        public float[][] stepTogether(List<? extends DecoderState> states, int[] tokens) {
            together.add(states.size());
            return DecoderState.super.stepTogether(states, tokens);
        }

        @Override
        public DecoderState fork() {
            forks++;
            return new State(new ArrayList<>(history));
        }
    }

    static List<Integer> toList(int[] tokens) {
        List<Integer> list = new ArrayList<>(tokens.length);
        for (int t : tokens) {
            list.add(t);
        }
        return list;
    }
}
