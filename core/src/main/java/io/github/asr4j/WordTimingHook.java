package io.github.asr4j;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.decode.DecodedSegment;
import io.github.asr4j.decode.HallucinationSilence;
import io.github.asr4j.decode.LongFormDecoder;
import io.github.asr4j.model.DecoderSession;
import io.github.asr4j.timing.AlignmentPass;
import io.github.asr4j.timing.WordSplitter;
import io.github.asr4j.timing.WordTimestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The word-timestamp step of openai-whisper's {@code transcribe()}, run after each window is cut
 * into segments: align the window's text with its audio through the alignment heads'
 * cross-attention, give every segment its words (and the bounds they imply), and seek to the end of
 * the last word when the window did not end on a single timestamp.
 */
final class WordTimingHook implements LongFormDecoder.WindowHook {
    private static final int FRAMES_PER_SECOND = AudioConstants.FRAMES_PER_SECOND;

    private final List<int[]> alignmentHeads;
    private final int[] sotSequence;
    private final int noTimestamps;
    private final WordSplitter splitter;
    private final String prepend;
    private final String append;
    private final Double hallucinationSilenceThreshold;
    private final int contentFrames;
    private DecoderSession windowSession;
    private double lastSpeechTimestamp;

    /**
     * @param hallucinationSilenceThreshold openai's option of that name (null: off)
     * @param contentFrames the input's mel frames (the hallucination rule may seek to the end)
     */
    WordTimingHook(List<int[]> alignmentHeads, int[] sotSequence, int noTimestamps,
                   WordSplitter splitter, String prepend, String append, Double hallucinationSilenceThreshold,
                   int contentFrames) {
        this.hallucinationSilenceThreshold = hallucinationSilenceThreshold;
        this.contentFrames = contentFrames;
        this.alignmentHeads = alignmentHeads;
        this.sotSequence = sotSequence.clone();
        this.noTimestamps = noTimestamps;
        this.splitter = splitter;
        this.prepend = prepend;
        this.append = append;
    }

    /** The decoder session of the window about to be cut: the alignment pass attends to its audio (a fresh pass; the session is not changed). */
    void windowEncoded(DecoderSession session) {
        this.windowSession = session;
    }

    @Override
    public int afterWindow(LongFormDecoder.CutWindow window) {
        List<DecodedSegment> decoded = window.segments();
        DecoderSession session = windowSession;
        List<DecodedSegment> timed = WordTimestamps.add(decoded, tokens -> {
            DecoderSession.CrossAttentionPass pass = session.crossAttentionPass(tokens, alignmentHeads);
            return new AlignmentPass(pass.weights(), pass.logits());
        }, sotSequence, noTimestamps, splitter, window.segmentFrames(), lastSpeechTimestamp, prepend, append);
        for (int i = 0; i < decoded.size(); i++) {
            decoded.set(i, timed.get(i));
        }

        int seek = window.seek();
        OptionalDouble lastWordEnd = WordTimestamps.lastWordEnd(timed);
        if (!window.singleTimestampEnding() && lastWordEnd.isPresent() && lastWordEnd.getAsDouble() > window.timeOffset()) {
            seek = (int) Math.rint(lastWordEnd.getAsDouble() * FRAMES_PER_SECOND); // Python's round: half to even
        }
        if (hallucinationSilenceThreshold != null) {
            seek = HallucinationSilence.apply(hallucinationSilenceThreshold, window, decoded, seek, lastSpeechTimestamp,
                    contentFrames);
            lastWordEnd = WordTimestamps.lastWordEnd(timed.subList(0, decoded.size())); // it cuts a tail
        }
        if (lastWordEnd.isPresent()) {
            lastSpeechTimestamp = lastWordEnd.getAsDouble();
        }
        return seek;
    }

    /** openai's default when a model names none: every head of the last half of the decoder layers. */
    static List<int[]> defaultAlignmentHeads(int decoderLayers, int heads) {
        List<int[]> all = new ArrayList<>();
        for (int layer = decoderLayers / 2; layer < decoderLayers; layer++) {
            for (int h = 0; h < heads; h++) {
                all.add(new int[] {layer, h});
            }
        }
        return all;
    }
}
