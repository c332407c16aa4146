package io.github.asr4j.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Decodes one 30 s window as openai-whisper's {@code DecodingTask.run} does: builds the prompt,
 * installs the logit filters, runs greedy / sampling / beam search, ranks the candidates, and
 * measures the result (average log-probability, compression ratio, no-speech probability).
 *
 * <p>The prompt is {@code [<|startofprev|>, last (n_text_ctx/2 - 1) prompt tokens]} (when there is
 * a prompt) + the start-of-transcript sequence ({@code + <|notimestamps|>} without timestamps) +
 * the prefix. Best-of-N candidates and beams continue from forks of the state fed with the prompt
 * once and step together, as openai's batch does.
 */
public final class WindowDecoder {
    private final SpecialTokens special;
    private final int[] startSequence;
    private final int textContext;
    private final int audioContext;
    private final Function<int[], String> textDecoder;

    /**
     * @param startSequence start-of-transcript, then the language and task tokens where the model has them
     * @param textContext the decoder's positions (n_text_ctx, 448)
     * @param audioContext the encoder's output positions (n_audio_ctx, 1500): sets the timestamp precision
     * @param textDecoder tokens to text (openai's {@code tokenizer.decode}: other control tokens kept as
     *     text, so they count in the compression ratio); it is given no timestamp tokens
     */
    public WindowDecoder(SpecialTokens special, int[] startSequence, int textContext, int audioContext,
                         Function<int[], String> textDecoder) {
        if (Arrays.stream(startSequence).noneMatch(t -> t == special.startOfTranscript())) {
            throw new IllegalArgumentException("the start sequence " + Arrays.toString(startSequence)
                    + " lacks start-of-transcript " + special.startOfTranscript());
        }
        if (textContext < 2 || audioContext < 1) {
            throw new IllegalArgumentException("bad contexts: text " + textContext + ", audio " + audioContext);
        }
        this.special = special;
        this.startSequence = startSequence.clone();
        this.textContext = textContext;
        this.audioContext = audioContext;
        this.textDecoder = textDecoder;
    }

    public SpecialTokens special() {
        return special;
    }

    public int textContext() {
        return textContext;
    }

    public int audioContext() {
        return audioContext;
    }

    /** openai's {@code sample_len}: the option, or half the text context. */
    public int sampleLen(DecodingOptions options) {
        return options.sampleLen() != null ? options.sampleLen() : textContext / 2;
    }

    /** The tokens fed before the first choice (openai's {@code initial_tokens}). */
    public int[] initialTokens(DecodingOptions options) {
        List<Integer> tokens = new ArrayList<>();
        for (int t : startSequence) {
            tokens.add(t);
        }
        if (options.withoutTimestamps()) {
            tokens.add(special.noTimestamps());
        }
        int[] prefix = options.prefix();
        if (prefix.length > 0) {
            int maxPrefixLen = textContext / 2 - sampleLen(options);
            for (int t : PythonSlices.last(prefix, maxPrefixLen)) {
                tokens.add(t);
            }
        }
        int[] prompt = options.prompt();
        if (prompt.length > 0) {
            List<Integer> withPrompt = new ArrayList<>();
            withPrompt.add(special.startOfPrev());
            for (int t : PythonSlices.last(prompt, textContext / 2 - 1)) {
                withPrompt.add(t);
            }
            withPrompt.addAll(tokens);
            tokens = withPrompt;
        }
        return tokens.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The logit filters in openai's order: blank, suppressed tokens, timestamp rules; then the repetition guard. */
    public List<LogitFilter> filters(DecodingOptions options) {
        List<LogitFilter> filters = new ArrayList<>();
        if (options.suppressBlank()) {
            filters.add(SuppressAtBegin.blank(special));
        }
        if (!options.suppressTokens().isEmpty()) {
            filters.add(new SuppressTokens(options.suppressTokens()));
        }
        if (!options.withoutTimestamps()) {
            filters.add(new ApplyTimestampRules(special,
                    ApplyTimestampRules.maxInitialTimestampIndex(options.maxInitialTimestamp(), audioContext)));
        }
        if (options.repetitionGuard() != null) {
            filters.add(RepetitionFilter.of(options.repetitionGuard(), special.endOfText()));
        }
        return filters;
    }

    /**
     * @param state a decoder at the start of the window (nothing fed yet); it is consumed
     * @param seed seeds the sampling at temperature > 0: the same seed gives the same result
     */
    public DecodingResult decode(DecoderState state, DecodingOptions options, long seed) {
        int[] initial = initialTokens(options);
        if (initial.length > textContext) {
            throw new IllegalArgumentException("the prompt has " + initial.length
                    + " tokens, more than the decoder's " + textContext + " positions");
        }
        int sotIndex = indexOf(initial, special.startOfTranscript());
        List<LogitFilter> filters = filters(options);
        int sampleLen = sampleLen(options);
        int contextLeft = textContext - initial.length;

        float[][] probed = state.stepProbing(initial, sotIndex);
        double noSpeechProb = special.noSpeech() >= 0 && special.noSpeech() < probed[0].length
                ? Logits.softmaxAt(probed[0], special.noSpeech())
                : Double.NaN;
        float[] first = probed[1];

        List<DecodeResult> candidates;
        if (options.beamSize() != null) {
            candidates = new BeamSearchDecoder(options.beamSize(), options.patience(), filters,
                    special.endOfText()).search(state, first, sampleLen, contextLeft);
        } else {
            int group = options.bestOf() != null ? options.bestOf() : 1;
            SplittableRandom random = new SplittableRandom(seed);
            List<SplittableRandom> randoms = new ArrayList<>(group);
            for (int i = 0; i < group; i++) {
                randoms.add(random.split());
            }
            candidates = new GreedyDecoder(filters, special.endOfText(), options.temperature())
                    .decode(state, first, sampleLen, contextLeft, randoms);
        }
        DecodeResult chosen = candidates.get(new SequenceRanker(options.lengthPenalty()).best(candidates));
        int[] tokens = chosen.tokens();
        String text = TextMetrics.pythonStrip(textDecoder.apply(withoutTimestamps(tokens)));
        return new DecodingResult(tokens, text, chosen.sumLogProb(), chosen.sumLogProb() / (tokens.length + 1),
                noSpeechProb, options.temperature(), TextMetrics.compressionRatio(text));
    }

    private int[] withoutTimestamps(int[] tokens) {
        return Arrays.stream(tokens).filter(t -> t < special.timestampBegin()).toArray();
    }

    private static int indexOf(int[] tokens, int token) {
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] == token) {
                return i;
            }
        }
        throw new IllegalStateException("start-of-transcript missing from the prompt");
    }
}
