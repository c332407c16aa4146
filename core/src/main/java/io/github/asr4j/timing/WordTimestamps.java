package io.github.asr4j.timing;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.Word;
import io.github.asr4j.decode.DecodedSegment;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The rest of openai-whisper's {@code add_word_timestamps}, given the window's alignment: clamps words
 * that run long at sentence ends, merges punctuation, deals the words out to the window's segments
 * (times shifted by the window start and rounded to 10 ms) and reconciles word and segment times.
 */
public final class WordTimestamps {
    private static final int HOP_LENGTH = AudioConstants.HOP_LENGTH;
    private static final int SAMPLE_RATE = AudioConstants.SAMPLE_RATE;
    private static final String SENTENCE_END_MARKS = ".。!！?？";

    private WordTimestamps() {}

    /**
     * openai's {@code add_word_timestamps} in one call: runs the model over the window's text, aligns it and
     * places the words ({@link #textTokens}, {@link TokenProbabilities}, {@link WordAligner}, {@link #apply}).
     *
     * @param segments the window's segments, all with the window's {@code seek}
     * @param model runs the decoder over the given tokens on the window's audio
     * @param sotSequence sot, language, task (without no_timestamps)
     * @param noTimestamps the no-timestamps token id
     * @param splitter the tokenizer's word splitting for the transcript's language (its eot is used)
     * @param numFrames the window's mel frames (openai's {@code segment_size})
     * @param lastSpeechTimestamp the end of the last word of the previous windows (0 at the start)
     */
    public static List<DecodedSegment> add(List<DecodedSegment> segments, Function<int[], AlignmentPass> model, int[] sotSequence,
                                    int noTimestamps, WordSplitter splitter, int numFrames, double lastSpeechTimestamp,
                                    String prepended, String appended) {
        if (segments.isEmpty()) return segments;
        int eot = splitter.eot();
        int[] text = textTokens(segments, eot);
        List<WordTiming> alignment = List.of();
        if (text.length > 0) {
            int[] tokens = new int[sotSequence.length + text.length + 2];
            System.arraycopy(sotSequence, 0, tokens, 0, sotSequence.length);
            tokens[sotSequence.length] = noTimestamps;
            System.arraycopy(text, 0, tokens, sotSequence.length + 1, text.length);
            tokens[tokens.length - 1] = eot;
            AlignmentPass pass = model.apply(tokens);
            double[] probs = TokenProbabilities.of(pass.logits(), sotSequence.length, text, eot);
            float[][][] attention = pass.attention();
            // Neither the logits ([tokens][vocab]) nor the weights before their renormalised copy are needed
            // past here: unreachable before the copies are made (an interpreted frame keeps a local alive).
            pass = null;
            float[][][] weights = WordAligner.renormalizeOverFrames(attention, numFrames);
            attention = null;
            alignment = WordAligner.findAlignment(weights, sotSequence.length, text, probs, splitter,
                    WordAligner.DEFAULT_MEDIAN_FILTER_WIDTH);
        }
        return apply(segments, eot, alignment, lastSpeechTimestamp, prepended, appended);
    }

    /** The tokens of the segments below {@code eot} (openai's {@code text_tokens}), in order: what to align. */
    public static int[] textTokens(List<DecodedSegment> segments, int eot) {
        return segments.stream().flatMapToInt(s -> Arrays.stream(s.tokens())).filter(t -> t < eot).toArray();
    }

    /**
     * {@code add_word_timestamps} after {@code find_alignment}.
     *
     * @param segments the window's segments, all with the window's {@code seek}
     * @param eot the end-of-text id (tokens at or above it are not text)
     * @param alignment {@link WordAligner#findAlignment} of {@link #textTokens}
     * @param lastSpeechTimestamp the end of the last word of the previous windows (0 at the start)
     * @param prepended see {@link PunctuationMerger#DEFAULT_PREPENDED}
     * @param appended see {@link PunctuationMerger#DEFAULT_APPENDED}
     * @return the segments with words, and start and end adjusted as openai adjusts them
     */
    public static List<DecodedSegment> apply(List<DecodedSegment> segments, int eot, List<WordTiming> alignment,
                                      double lastSpeechTimestamp, String prepended, String appended) {
        if (segments.isEmpty()) return segments;
        List<WordTiming> timings = new ArrayList<>(alignment);

        double[] durations = timings.stream().mapToDouble(t -> t.end() - t.start()).filter(d -> d != 0).toArray();
        double medianDuration = durations.length > 0 ? NumpyMath.median(durations) : 0.0;
        medianDuration = pyMin(0.7, medianDuration);
        double maxDuration = medianDuration * 2;

        // openai's hack: words at sentence boundaries may be no longer than twice the median word
        if (durations.length > 0) {
            for (int i = 1; i < timings.size(); i++) {
                WordTiming t = timings.get(i);
                if (t.end() - t.start() > maxDuration) {
                    if (SENTENCE_END_MARKS.contains(t.word())) {
                        timings.set(i, t.withTimes(t.start(), t.start() + maxDuration));
                    } else if (SENTENCE_END_MARKS.contains(timings.get(i - 1).word())) {
                        timings.set(i, t.withTimes(t.end() - maxDuration, t.end()));
                    }
                }
            }
        }
        timings = PunctuationMerger.merge(timings, prepended, appended);

        double timeOffset = (long) segments.getFirst().seek() * HOP_LENGTH / (double) SAMPLE_RATE;
        int wordIndex = 0;
        List<DecodedSegment> out = new ArrayList<>(segments.size());
        for (DecodedSegment segment : segments) {
            long textTokenCount = Arrays.stream(segment.tokens()).filter(t -> t < eot).count();
            int savedTokens = 0;
            List<MutableWord> words = new ArrayList<>();
            while (wordIndex < timings.size() && savedTokens < textTokenCount) {
                WordTiming timing = timings.get(wordIndex);
                if (!timing.word().isEmpty()) {
                    words.add(new MutableWord(timing.word(), round2(timeOffset + timing.start()),
                            round2(timeOffset + timing.end()), timing.probability()));
                }
                savedTokens += timing.tokens().size();
                wordIndex++;
            }
            double start = segment.start();
            double end = segment.end();
            if (!words.isEmpty()) {
                MutableWord first = words.getFirst();
                // openai's hack: the first and second word after a pause may be no longer than twice the median
                if (first.end - lastSpeechTimestamp > medianDuration * 4
                        && (first.end - first.start > maxDuration
                        || (words.size() > 1 && words.get(1).end - first.start > maxDuration * 2))) {
                    if (words.size() > 1 && words.get(1).end - words.get(1).start > maxDuration) {
                        double boundary = pyMax(words.get(1).end / 2, words.get(1).end - maxDuration);
                        first.end = boundary;
                        words.get(1).start = boundary;
                    }
                    first.start = pyMax(0, first.end - maxDuration);
                }
                // prefer the segment's start if the first word is too long
                if (start < first.end && start - 0.5 > first.start) {
                    first.start = pyMax(0, pyMin(first.end - medianDuration, start));
                } else {
                    start = first.start;
                }
                // prefer the segment's end if the last word is too long
                MutableWord last = words.getLast();
                if (end > last.start && end + 0.5 < last.end) {
                    last.end = pyMax(last.start + medianDuration, end);
                } else {
                    end = last.end;
                }
                lastSpeechTimestamp = end;
            }
            List<Word> finished = words.stream().map(w -> new Word(w.word, w.start, w.end, w.probability)).toList();
            out.add(segment.withWords(start, end, finished));
        }
        return out;
    }

    /** openai's {@code get_end}: the end of the last word of the segments, else the last segment's end. */
    public static OptionalDouble lastWordEnd(List<DecodedSegment> segments) {
        for (int s = segments.size() - 1; s >= 0; s--) {
            List<Word> words = segments.get(s).words();
            if (!words.isEmpty()) return OptionalDouble.of(words.getLast().end());
        }
        return segments.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(segments.getLast().end());
    }

    /**
     * openai's {@code round(time, 2)} on a numpy float64 (the alignment times are numpy scalars), which is
     * numpy's rounding: {@code rint(x * 100) / 100}. Python's own float rounding differs on about 2% of
     * near-ties (numpy gives 0.88 for 0.885, Python 0.89).
     */
    static double round2(double x) {
        return Math.rint(x * 100.0) / 100.0;
    }

    /** Python's {@code max(a, b)}: {@code b} only when strictly greater (so NaN never wins over a first 0). */
    private static double pyMax(double a, double b) {
        return b > a ? b : a;
    }

    /** Python's {@code min(a, b)}: {@code b} only when strictly smaller. */
    private static double pyMin(double a, double b) {
        return b < a ? b : a;
    }

    private static final class MutableWord {
        final String word;
        double start;
        double end;
        final double probability;

        MutableWord(String word, double start, double end, double probability) {
            this.word = word;
            this.start = start;
            this.end = end;
            this.probability = probability;
        }
    }
}
