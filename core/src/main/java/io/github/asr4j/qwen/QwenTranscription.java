package io.github.asr4j.qwen;

import io.github.asr4j.AudioFormatException;
import io.github.asr4j.ProgressListener;
import io.github.asr4j.Segment;
import io.github.asr4j.Task;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcript;
import io.github.asr4j.decode.TextMetrics;
import io.github.asr4j.audio.AudioStream;
import io.github.asr4j.audio.SampleStreams;
import io.github.asr4j.vad.ProbabilityStream;
import io.github.asr4j.vad.SileroVad;
import io.github.asr4j.vad.SpeechDetector;
import io.github.asr4j.vad.SpeechSegmenter;
import io.github.asr4j.vad.SpeechSegment;
import io.github.asr4j.vad.VadModel;
import io.github.asr4j.vad.VadOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Speech to text with Qwen3-ASR, as the official pipeline ({@code Qwen3ASRModel.transcribe}) does it:
 * the prompt of {@link QwenPrompt} (context = {@link TranscribeOptions#initialPrompt()}, forced
 * language = {@link TranscribeOptions#language()}), greedy decoding with a {@link LoopGuard}, and the
 * output read by {@link QwenOutputParser}.
 *
 * <p>What is decoded at once: with {@link TranscribeOptions#withoutTimestamps()} the whole audio,
 * cut only beyond 20 minutes at low-energy points ({@link LowEnergySplit}), one segment per piece,
 * exactly the official pipeline. Otherwise (the default, and with {@code vadFilter}) each stretch
 * of speech that Silero VAD finds (at most {@value #MAX_SPEECH_PIECE_SECONDS} s) is decoded on its
 * own and becomes a segment whose start and end are that stretch's bounds in the input: the model
 * emits no timestamps, so these times are where the speech was found, not where each word was said.
 *
 * <p>The input is read as a stream, twice ({@link #scan}, then the pieces in order), so only the
 * piece being decoded is held: an array in memory is read the same way, one code path for both.
 *
 * <p>Immutable and thread-safe: each call keeps its own decoder state.
 */
public final class QwenTranscription {
    /**
     * The default limit of new tokens per decoded piece: the official vLLM pipeline's 4096
     * ({@code Qwen3ASRModel.LLM(max_new_tokens=4096)}); its transformers path's 512 cuts pieces of
     * more than a few minutes short.
     */
    public static final int DEFAULT_MAX_NEW_TOKENS = 4096;
    /** The longest stretch of speech decoded as one timed segment. */
    static final int MAX_SPEECH_PIECE_SECONDS = 30;
    /** The official {@code MIN_ASR_INPUT_SECONDS}: shorter pieces are padded with silence to this. */
    static final double MIN_PIECE_SECONDS = 0.5;
    private static final int RATE = LowEnergySplit.SAMPLE_RATE;

    private final QwenTokens tokens;
    private final Function<VadModel, SileroVad> vads;

    /** @param vads the Silero network for a model version, loaded once and shared */
    public QwenTranscription(QwenTokens tokens, Function<VadModel, SileroVad> vads) {
        this.tokens = tokens;
        this.vads = vads;
    }

    /** One decoded piece. */
    record Piece(int start, int end, String language, String text, int[] tokens, double avgLogProb) {}

    /** @param network the network this call runs on (its steps alone or batched with other calls') */
    public Transcript transcribe(QwenNetwork network, float[] samples16k, TranscribeOptions options,
                                 ProgressListener progress) {
        return transcribe(network, () -> SampleStreams.of(samples16k, RATE), options, progress);
    }

    /**
     * The same transcript from an input read as a stream, holding only the piece being decoded and
     * 4 bytes of speech probability per 512 samples, so memory does not grow with the recording.
     *
     * @param open16k opens the input (16 kHz mono) from its start; it is read twice: once to check
     *     its samples and find its speech, once to decode the pieces
     */
    public Transcript transcribe(QwenNetwork network, Supplier<AudioStream> open16k, TranscribeOptions options,
                                 ProgressListener progress) {
        refuseInapplicable(options);
        String forced = options.language() == null ? null : QwenLanguages.name(options.language());
        int maxNew = options.maxTokensPerWindow() != null ? options.maxTokensPerWindow() : DEFAULT_MAX_NEW_TOKENS;
        boolean timed = !options.withoutTimestamps() || options.vadFilter();
        Scan scan = scan(open16k, timed ? vads.apply(options.vadModel()) : null);
        double total = scan.length() / (double) RATE;
        List<Piece> pieces = new ArrayList<>();
        try (PieceReader input = new PieceReader(open16k.get())) {
            Consumer<LowEnergySplit.Piece> decodeIt = span -> {
                float[] audio = input.copy(span.start(), span.end());
                pieces.add(decode(network, audio, span, options.initialPrompt(), forced, maxNew));
                progress.progress(span.end() / (double) RATE, total);
            };
            if (timed) {
                speech(scan, options).forEach(decodeIt);
            } else {
                untimedPieces(input, scan.length(), LowEnergySplit.MAX_PIECE_SECONDS * RATE, decodeIt);
            }
        }
        return transcript(pieces, forced == null ? null : QwenLanguages.code(forced), !timed);
    }

    /** The input's length, and its speech probabilities when a VAD is given. */
    record Scan(int length, float[] probabilities) {}

    /**
     * Reads the input once, checking every sample before anything is decoded.
     *
     * @throws AudioFormatException naming the first sample that is not finite, or when the input
     *     is too long to index
     */
    static Scan scan(Supplier<AudioStream> open16k, SileroVad vad) {
        ProbabilityStream probabilities = vad == null ? null : new ProbabilityStream(vad);
        long length = 0;
        float[] block = new float[1 << 16];
        try (AudioStream in = open16k.get()) {
            int n;
            while ((n = in.read(block, 0, block.length)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (!Float.isFinite(block[i])) {
                        throw new AudioFormatException("audio sample " + (length + i) + " is " + block[i]
                                + "; samples must be finite");
                    }
                }
                length += n;
                if (length > Integer.MAX_VALUE) {
                    throw new AudioFormatException("the audio is longer than " + Integer.MAX_VALUE + " samples ("
                            + Integer.MAX_VALUE / RATE / 3600 + " h at 16 kHz); split it");
                }
                if (probabilities != null) {
                    probabilities.push(block, 0, n);
                }
            }
        }
        return new Scan((int) length, probabilities == null ? null : probabilities.finish());
    }

    /**
     * The official pieces of {@link LowEnergySplit#pieces} found while reading, each handed to
     * {@code decodeIt} before the next is read: at most one piece and the search beyond it is held.
     */
    static void untimedPieces(PieceReader input, int total, int maxPieceSamples,
                              Consumer<LowEnergySplit.Piece> decodeIt) {
        int start = 0;
        while (true) {
            int end = total;
            if (total - start > maxPieceSamples) {
                float[] held = input.hold(start, (int) Math.min(total, start + (long) LowEnergySplit.reach(maxPieceSamples)));
                end = LowEnergySplit.boundary(held, input.first(), start, total, maxPieceSamples);
            }
            decodeIt.accept(new LowEnergySplit.Piece(start, end));
            if (end == total) {
                return;
            }
            start = end;
        }
    }

    /** Decodes one piece of the input: {@code audio} holds the span's samples. */
    Piece decode(QwenNetwork network, float[] audio, LowEnergySplit.Piece span, String context, String forced,
                 int maxNew) {
        int length = Math.max(audio.length, (int) (MIN_PIECE_SECONDS * RATE));
        QwenNetwork.AudioRows rows = network.encode(audio.length == length ? audio : Arrays.copyOf(audio, length)); // zero-padded
        int[] prompt = QwenPrompt.ids(tokens, context, forced, rows.tokens());
        GreedyDecoding.Result result;
        try (QwenNetwork.Decoding decoding = network.start(prompt, rows, prompt.length + maxNew)) {
            result = GreedyDecoding.run(decoding.logits(), decoding::step, tokens, maxNew);
        }
        QwenOutputParser.Output output = QwenOutputParser.parse(tokens.text(result.tokens()), forced);
        return new Piece(span.start(), span.end(), output.language(), output.text(), result.tokens(),
                result.sumLogProb() / (result.tokens().length + 1));
    }

    /** Silero's speech segments ({@link SpeechDetector#segments}), none longer than {@value #MAX_SPEECH_PIECE_SECONDS} s. */
    static List<LowEnergySplit.Piece> speech(Scan scan, TranscribeOptions options) {
        VadOptions vad = options.vadOptions();
        if (vad.maxSpeechDurationS() > MAX_SPEECH_PIECE_SECONDS) {
            vad = vad.withMaxSpeechDurationS(MAX_SPEECH_PIECE_SECONDS);
        }
        List<LowEnergySplit.Piece> spans = new ArrayList<>();
        for (SpeechSegment s : SpeechSegmenter.segments(scan.probabilities(), scan.length(), vad)) {
            spans.add(new LowEnergySplit.Piece(Math.toIntExact(s.startSample()), Math.toIntExact(s.endSample())));
        }
        return spans;
    }

    /**
     * @param forcedCode the forced language's code, or null
     * @param joinPlain whether the pieces' texts are joined as they are (the official 20-minute
     *     pieces) or with a space between words of space-separated scripts (speech stretches)
     */
    static Transcript transcript(List<Piece> pieces, String forcedCode, boolean joinPlain) {
        StringBuilder text = new StringBuilder();
        List<Segment> segments = new ArrayList<>();
        List<String> languages = new ArrayList<>();
        for (Piece p : pieces) {
            if (!p.text().isEmpty()) {
                if (!joinPlain && !text.isEmpty() && spaced(text.codePointBefore(text.length()))
                        && spaced(p.text().codePointAt(0))) {
                    text.append(' ');
                }
                text.append(p.text());
            }
            if (!p.language().isEmpty()) {
                String code = QwenLanguages.code(p.language());
                if (languages.isEmpty() || !languages.getLast().equals(code)) {
                    languages.add(code); // as the official merge_languages: consecutive repeats once
                }
            }
            List<Integer> ids = Arrays.stream(p.tokens()).boxed().toList();
            segments.add(new Segment(segments.size(), p.start() / 160, p.start() / (double) RATE,
                    p.end() / (double) RATE, p.text(), ids, 0.0, p.avgLogProb(),
                    TextMetrics.compressionRatio(p.text()), Double.NaN, List.of()));
        }
        String language = forcedCode != null ? forcedCode : languages.isEmpty() ? null : String.join(",", languages);
        return new Transcript(text.toString(), language, Map.of(), segments);
    }

    /** Whether a character belongs to a script that separates words with spaces (not Han, kana or Thai). */
    private static boolean spaced(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HIRAGANA
                && script != Character.UnicodeScript.KATAKANA && script != Character.UnicodeScript.THAI;
    }

    /**
     * Options that ask for something Qwen3-ASR does not do are refused, not ignored. Whisper's
     * fallback thresholds, conditioning and timestamp rules keep their defaults and do not apply.
     */
    static void refuseInapplicable(TranscribeOptions o) {
        List<String> refused = new ArrayList<>();
        if (o.task() != Task.TRANSCRIBE) refused.add("task " + o.task().name().toLowerCase(java.util.Locale.ROOT));
        if (o.temperatures().getFirst() != 0.0) refused.add("temperature " + o.temperatures().getFirst() + " (sampling)");
        if (o.beamSize() != null) refused.add("beamSize");
        if (o.bestOf() != null) refused.add("bestOf");
        if (o.patience() != null) refused.add("patience");
        if (o.lengthPenalty() != null) refused.add("lengthPenalty");
        if (o.wordTimestamps()) refused.add("wordTimestamps");
        if (!o.clipTimestamps().isEmpty()) refused.add("clipTimestamps");
        if (o.carryInitialPrompt()) refused.add("carryInitialPrompt");
        if (o.suppressTokens() != null) refused.add("suppressTokens");
        if (o.repetitionGuard() != null) refused.add("repetitionGuard (Qwen3-ASR always stops a loop, see README)");
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("Qwen3-ASR decodes greedily and transcribes only; these options do not apply"
                    + " to it: " + String.join(", ", refused));
        }
        if (o.language() != null) {
            QwenLanguages.name(o.language()); // an unsupported language is refused before any decoding
        }
    }
}
