package io.github.asr4j.decode;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * openai-whisper's {@code GreedyDecoder}: after the prompt, repeatedly apply the filters and take
 * the most likely token (temperature 0; ties to the lowest id) or draw one from
 * {@code softmax(logits / temperature)}, until end-of-text, the token budget, or the context limit.
 *
 * <p>The summed log-probability uses the filtered logits at temperature 1, as openai does, and
 * includes end-of-text when it is chosen.
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
        if (temperature > 0 && random == null) {
            throw new IllegalArgumentException("sampling at temperature " + temperature + " needs a random generator");
        }
        int budget = Math.max(0, Math.min(maxTokens, contextLeft + 1));
        int[] sampled = new int[budget];
        int count = 0;
        double sumLogProb = 0;
        float[] logits = firstLogits.clone();
        boolean ended = false;
        while (count < budget) {
            int[] soFar = Arrays.copyOf(sampled, count);
            for (LogitFilter filter : filters) {
                filter.apply(logits, soFar);
            }
            int next = temperature == 0 ? Logits.argmax(logits) : Logits.sample(logits, temperature, random);
            sumLogProb += Logits.logSoftmaxAt(logits, next);
            if (next == endOfText) {
                ended = true;
                break;
            }
            sampled[count++] = next;
            if (count == budget) {
                break;
            }
            logits = stepper.step(new int[] {next});
        }
        return new DecodeResult(Arrays.copyOf(sampled, count), sumLogProb, ended);
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
