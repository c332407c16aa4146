package io.github.asr4j.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * openai-whisper's {@code GreedyDecoder}: after the prompt, repeatedly apply the filters and take
 * the most likely token (temperature 0; ties to the lowest id) or draw one from
 * {@code softmax(logits / temperature)}, until end-of-text, the token budget, or the context limit.
 *
 * <p>The summed log-probability uses the filtered logits at temperature 1, as openai does, and
 * includes end-of-text when it is chosen. The token choice is a {@link TokenSelector}; the
 * {@link DecodingLoop} steps the network.
 */
public final class GreedyDecoder {
    private final List<LogitFilter> filters;
    private final int endOfText;
    private final double temperature;

    /** Greedy (temperature 0). */
    public GreedyDecoder(List<LogitFilter> filters, int endOfText) {
        this(filters, endOfText, 0.0);
    }

    /** @param temperature 0 for argmax, above 0 to sample (then a random generator must be given) */
    public GreedyDecoder(List<LogitFilter> filters, int endOfText, double temperature) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        this.filters = List.copyOf(filters);
        this.endOfText = endOfText;
        this.temperature = temperature;
    }

    /**
     * Greedy decoding from a fresh stepper.
     *
     * @param prompt fed in one step first
     * @param maxTokens the most tokens to choose, end-of-text included (openai's {@code sample_len})
     * @param contextLeft how many positions the network has after the prompt; as in openai one more
     *     token than that may be chosen, since the last chosen token is never fed
     */
    public DecodeResult decode(TokenStepper stepper, int[] prompt, int maxTokens, int contextLeft) {
        return decode(stepper, stepper.step(prompt), maxTokens, contextLeft, null);
    }

    /**
     * Decodes on from a stepper that has been fed the prompt already.
     *
     * @param firstLogits the logits after the prompt (not modified)
     * @param random the generator for sampling; may be null at temperature 0
     */
    public DecodeResult decode(TokenStepper stepper, float[] firstLogits, int maxTokens, int contextLeft,
                               RandomGenerator random) {
        DecoderState state = stepper instanceof DecoderState s ? s : new Unforked(stepper);
        return decode(state, firstLogits, maxTokens, contextLeft, Collections.singletonList(random)).getFirst();
    }

    /**
     * Best-of-N: one candidate per generator, all continuing from {@code state} (fed the prompt
     * already) and stepping together; a candidate that chose end-of-text leaves the group.
     *
     * @param randoms one per candidate, each drawn from by its candidate alone; null entries only at temperature 0
     * @return the candidates in the order of {@code randoms}
     */
    public List<DecodeResult> decode(DecoderState state, float[] firstLogits, int maxTokens, int contextLeft,
                                     List<? extends RandomGenerator> randoms) {
        if (temperature > 0 && randoms.stream().anyMatch(r -> r == null)) {
            throw new IllegalArgumentException("sampling at temperature " + temperature + " needs a random generator");
        }
        return DecodingLoop.run(state, firstLogits, new Candidates(randoms), filters, maxTokens, contextLeft);
    }

    /** The selection state of one decode: each candidate's tokens, summed log-probability and end. */
    private final class Candidates implements TokenSelector {
        private final List<? extends RandomGenerator> randoms;
        private final int[][] sampled;
        private final int[] counts;
        private final double[] sumLogProbs;
        private final boolean[] ended;
        private int[] live;   // the candidate of each live row

        Candidates(List<? extends RandomGenerator> randoms) {
            this.randoms = randoms;
            int n = randoms.size();
            this.sampled = new int[n][16];
            this.counts = new int[n];
            this.sumLogProbs = new double[n];
            this.ended = new boolean[n];
            this.live = new int[n];
            for (int c = 0; c < n; c++) {
                live[c] = c;
            }
        }

        @Override
        public int width() {
            return randoms.size();
        }

        @Override
        public int[] sequence(int row) {
            int c = live[row];
            return Arrays.copyOf(sampled[c], counts[c]);
        }

        @Override
        public Choice update(float[][] logits) {
            int[] sources = new int[live.length];
            int[] tokens = new int[live.length];
            int continuing = 0;
            for (int row = 0; row < live.length; row++) {
                int c = live[row];
                float[] rowLogits = logits[row];
                int next = temperature == 0 ? Logits.argmax(rowLogits) : Logits.sample(rowLogits, temperature, randoms.get(c));
                sumLogProbs[c] += Logits.logSoftmaxAt(rowLogits, next);
                if (next == endOfText) {
                    ended[c] = true;
                    continue;
                }
                if (counts[c] == sampled[c].length) {
                    sampled[c] = Arrays.copyOf(sampled[c], 2 * counts[c]);
                }
                sampled[c][counts[c]++] = next;
                sources[continuing] = row;
                tokens[continuing++] = next;
            }
            int[] stillLive = new int[continuing];
            for (int i = 0; i < continuing; i++) {
                stillLive[i] = live[sources[i]];
            }
            live = stillLive;
            return new Choice(Arrays.copyOf(sources, continuing), Arrays.copyOf(tokens, continuing), false);
        }

        @Override
        public List<DecodeResult> finish() {
            List<DecodeResult> results = new ArrayList<>(counts.length);
            for (int c = 0; c < counts.length; c++) {
                results.add(new DecodeResult(Arrays.copyOf(sampled[c], counts[c]), sumLogProbs[c], ended[c]));
            }
            return results;
        }
    }

    /** A plain stepper as the one state of a single-candidate decode, which never forks. */
    private record Unforked(TokenStepper stepper) implements DecoderState {
        @Override
        public float[] step(int[] tokens) {
            return stepper.step(tokens);
        }

        @Override
        public float[][] stepAll(int[] tokens) {
            throw new UnsupportedOperationException("a single-candidate decode feeds one token at a time");
        }

        @Override
        public DecoderState fork() {
            throw new UnsupportedOperationException("a single-candidate decode has nothing to fork");
        }
    }

    public double temperature() {
        return temperature;
    }

    /** Index of the largest value; the lowest index among equals. */
    public static int argmax(float[] values) {
        return Logits.argmax(values);
    }

    /** {@code log softmax(values)[index]}, computed stably in double. */
    public static double logSoftmaxAt(float[] values, int index) {
        return Logits.logSoftmaxAt(values, index);
    }
}
