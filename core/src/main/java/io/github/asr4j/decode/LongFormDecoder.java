package io.github.asr4j.decode;

import io.github.asr4j.audio.AudioConstants;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The long-audio loop of openai-whisper's {@code transcribe}, apart from audio and network: it
 * moves a 30 s window ({@value #N_FRAMES} mel frames) through the audio, asks for each window's
 * decoding with a previous-text prompt, and cuts the result into segments with absolute times.
 *
 * <ul>
 *   <li>A window whose no-speech probability is above the threshold and whose average
 *       log-probability is not above its threshold is skipped whole.</li>
 *   <li>Tokens are cut after every pair of consecutive timestamps; each piece is a segment from its
 *       first to its last timestamp. If the output ends in a single timestamp nothing is left
 *       unfinished and the next window starts after this one; otherwise the unfinished tail is
 *       dropped and the next window starts at the last complete segment's closing timestamp.</li>
 *   <li>Without a timestamp pair the whole output is one segment, ending at its last timestamp
 *       (unless that is {@code <|0.00|>}) or at the window's end; the next window follows this one.</li>
 *   <li>Segments of zero length or blank text are kept with their text and tokens cleared.</li>
 *   <li>The prompt is every token committed since the last reset (with timestamps); it resets when
 *       conditioning is off or a window needed a temperature above 0.5.</li>
 * </ul>
 */
public final class LongFormDecoder {
    private static final int N_FRAMES = AudioConstants.N_FRAMES;
    private static final int HOP_LENGTH = AudioConstants.HOP_LENGTH;
    private static final int SAMPLE_RATE = AudioConstants.SAMPLE_RATE;
    private static final int FRAMES_PER_SECOND = AudioConstants.FRAMES_PER_SECOND;

    /** Decodes the window of {@code segmentFrames} mel frames at {@code seek} (zero-padded to 30 s). */
    @FunctionalInterface
    public interface WindowDecoding {
        /** @param prompt the previous-text tokens (the window decoder keeps the last n_text_ctx/2 - 1) */
        DecodingResult decode(int seek, int segmentFrames, int[] prompt);
    }

    /**
     * Where openai adds word timestamps (and its hallucination-silence skipping): called after a
     * window's segments are cut, before blank ones are cleared and all are committed.
     */
    @FunctionalInterface
    public interface WindowHook {
        /**
         * May replace or remove entries of {@code window.segments()}.
         *
         * @return the frame the next window starts at ({@code window.seek()} keeps openai's choice)
         */
        int afterWindow(CutWindow window);
    }

    /**
     * A decoded window just cut into segments.
     *
     * @param previousSeek the window's start frame
     * @param seek where the next window would start
     * @param segmentFrames the window's frames of real audio
     * @param singleTimestampEnding whether the output ended in a single timestamp
     * @param segments the new segments; mutable
     */
    public record CutWindow(int previousSeek, int seek, int segmentFrames, double timeOffset,
                            boolean singleTimestampEnding, DecodingResult result, List<DecodedSegment> segments) {}

    /**
     * @param text the text of every committed token after the initial prompt
     * @param segments in time order, ids 0, 1, ...
     * @param tokens every committed token, initial prompt first
     */
    public record Result(String text, List<DecodedSegment> segments, int[] tokens) {
        public Result {
            segments = List.copyOf(segments);
            tokens = tokens.clone();
        }

        @Override
        public int[] tokens() {
            return tokens.clone();
        }
    }

    private final SpecialTokens special;
    private final int textContext;
    private final int inputStride;
    private final double timePrecision;
    private final Function<int[], String> textDecoder;

    /**
     * @param textContext the decoder's positions (448): sets the prompt budget
     * @param audioContext the encoder's output positions (1500): sets the frames per timestamp step
     * @param textDecoder tokens to text (openai's {@code tokenizer.decode}); a segment's text is made from
     *     its tokens below end-of-text, the transcript's text from every committed token below the first
     *     timestamp id (other control tokens kept as text, as openai does)
     */
    public LongFormDecoder(SpecialTokens special, int textContext, int audioContext,
                           Function<int[], String> textDecoder) {
        if (audioContext < 1 || N_FRAMES % audioContext != 0) {
            throw new IllegalArgumentException("audio context " + audioContext + " does not divide " + N_FRAMES
                    + " mel frames");
        }
        this.special = special;
        this.textContext = textContext;
        this.inputStride = N_FRAMES / audioContext;
        this.timePrecision = inputStride * HOP_LENGTH / (double) SAMPLE_RATE;
        this.textDecoder = textDecoder;
    }

    public Result run(int contentFrames, WindowDecoding windows, LongFormOptions options) {
        return run(contentFrames, windows, options, null);
    }

    /** @param hook null, or the word-timestamp step */
    public Result run(int contentFrames, WindowDecoding windows, LongFormOptions options, WindowHook hook) {
        if (contentFrames < 0) {
            throw new IllegalArgumentException("content frames must be >= 0, got " + contentFrames);
        }
        List<Integer> allTokens = new ArrayList<>();
        List<DecodedSegment> allSegments = new ArrayList<>();
        int promptResetSince = 0;

        int remainingPromptLength = textContext / 2 - 1;
        int[] initialPrompt = options.initialPrompt() == null ? new int[0] : options.initialPrompt();
        for (int t : initialPrompt) {
            allTokens.add(t);
        }
        remainingPromptLength -= initialPrompt.length;

        List<int[]> clips = seekClips(options.clipTimestamps(), contentFrames);
        int clipIndex = 0;
        int seek = clips.get(0)[0];
        while (clipIndex < clips.size()) {
            int clipStart = clips.get(clipIndex)[0];
            int clipEnd = clips.get(clipIndex)[1];
            if (seek < clipStart) {
                seek = clipStart;
            }
            if (seek >= clipEnd) {
                clipIndex++;
                if (clipIndex < clips.size()) {
                    seek = clips.get(clipIndex)[0];
                }
                continue;
            }
            double timeOffset = (double) seek * HOP_LENGTH / SAMPLE_RATE;
            int segmentSize = Math.min(N_FRAMES, Math.min(contentFrames - seek, clipEnd - seek));
            double segmentDuration = (double) segmentSize * HOP_LENGTH / SAMPLE_RATE;

            int[] prompt;
            if (options.carryInitialPrompt()) {
                int ignored = Math.max(initialPrompt.length, promptResetSince);
                int[] remaining = PythonSlices.last(toArray(allTokens.subList(ignored, allTokens.size())),
                        remainingPromptLength);
                prompt = concat(initialPrompt, remaining);
            } else {
                prompt = toArray(allTokens.subList(promptResetSince, allTokens.size()));
            }

            DecodingResult result = windows.decode(seek, segmentSize, prompt);
            int[] tokens = result.tokens();

            if (options.noSpeechThreshold() != null) {
                boolean shouldSkip = result.noSpeechProb() > options.noSpeechThreshold();
                if (options.logProbThreshold() != null && result.avgLogProb() > options.logProbThreshold()) {
                    shouldSkip = false; // confident text despite the no-speech probability
                }
                if (shouldSkip) {
                    seek += segmentSize;
                    continue;
                }
            }

            int previousSeek = seek;
            List<DecodedSegment> current = new ArrayList<>();
            int n = tokens.length;
            boolean singleTimestampEnding = n >= 2 && !special.isTimestamp(tokens[n - 2])
                    && special.isTimestamp(tokens[n - 1]);
            List<Integer> slices = new ArrayList<>();
            for (int i = 0; i + 1 < n; i++) {
                if (special.isTimestamp(tokens[i]) && special.isTimestamp(tokens[i + 1])) {
                    slices.add(i + 1);
                }
            }
            if (!slices.isEmpty()) {
                if (singleTimestampEnding) {
                    slices.add(n);
                }
                int lastSlice = 0;
                for (int slice : slices) {
                    int[] sliced = Arrays.copyOfRange(tokens, lastSlice, slice);
                    int startPosition = sliced[0] - special.timestampBegin();
                    int endPosition = sliced[sliced.length - 1] - special.timestampBegin();
                    current.add(segment(seek, timeOffset + startPosition * timePrecision,
                            timeOffset + endPosition * timePrecision, sliced, result));
                    lastSlice = slice;
                }
                if (singleTimestampEnding) {
                    seek += segmentSize; // nothing unfinished: go on after this window
                } else {
                    // drop the unfinished tail and start again at the last complete segment's end
                    int lastTimestampPosition = tokens[lastSlice - 1] - special.timestampBegin();
                    seek += lastTimestampPosition * inputStride;
                }
            } else {
                double duration = segmentDuration;
                int lastTimestamp = -1;
                for (int t : tokens) {
                    if (special.isTimestamp(t)) {
                        lastTimestamp = t;
                    }
                }
                if (lastTimestamp >= 0 && lastTimestamp != special.timestampBegin()) {
                    duration = (lastTimestamp - special.timestampBegin()) * timePrecision;
                }
                current.add(segment(seek, timeOffset, timeOffset + duration, tokens, result));
                seek += segmentSize;
            }

            if (hook != null) {
                seek = hook.afterWindow(new CutWindow(previousSeek, seek, segmentSize, timeOffset,
                        singleTimestampEnding, result, current));
            }
            if (seek <= previousSeek) {
                // openai would decode this window again (and can loop forever): move on instead
                seek = previousSeek + segmentSize;
            }

            for (DecodedSegment s : current) {
                DecodedSegment kept = s.start() == s.end() || TextMetrics.pythonStrip(s.text()).isEmpty()
                        ? s.cleared() : s;
                allSegments.add(kept.withId(allSegments.size()));
                for (int t : kept.tokens()) {
                    allTokens.add(t);
                }
            }

            if (!options.conditionOnPreviousText() || result.temperature() > 0.5) {
                promptResetSince = allTokens.size(); // a high temperature was needed: don't build on it
            }
        }
        int[] committed = toArray(allTokens);
        int[] afterPrompt = Arrays.stream(committed, initialPrompt.length, committed.length)
                .filter(t -> t < special.timestampBegin()).toArray();
        return new Result(textDecoder.apply(afterPrompt), allSegments, committed);
    }

    /**
     * openai's {@code seek_clips}: frame pairs from start,end,... seconds (Python's round-half-even).
     * Points past the audio are clamped to its end, where openai would loop on a negative window.
     */
    static List<int[]> seekClips(double[] clipTimestamps, int contentFrames) {
        List<Integer> points = new ArrayList<>();
        for (double t : clipTimestamps) {
            points.add((int) Math.min(contentFrames, Math.rint(t * FRAMES_PER_SECOND)));
        }
        if (points.isEmpty()) {
            points.add(0);
        }
        if (points.size() % 2 == 1) {
            points.add(contentFrames);
        }
        List<int[]> clips = new ArrayList<>();
        for (int i = 0; i < points.size(); i += 2) {
            clips.add(new int[] {points.get(i), points.get(i + 1)});
        }
        return clips;
    }

    private DecodedSegment segment(int seek, double start, double end, int[] tokens, DecodingResult result) {
        int[] text = Arrays.stream(tokens).filter(t -> t < special.endOfText()).toArray();
        return new DecodedSegment(-1, seek, start, end, textDecoder.apply(text), tokens, result.temperature(),
                result.avgLogProb(), result.compressionRatio(), result.noSpeechProb());
    }

    private static int[] toArray(List<Integer> tokens) {
        return tokens.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
