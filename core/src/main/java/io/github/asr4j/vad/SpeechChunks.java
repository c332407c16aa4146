package io.github.asr4j.vad;

import io.github.asr4j.Segment;
import io.github.asr4j.Transcript;
import io.github.asr4j.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The speech of an input cut out and joined for decoding, and the way back: times in the joined
 * audio are mapped to the input's timeline by adding the silence removed before their chunk (as
 * faster-whisper's {@code SpeechTimestampsMap}, to 0.01 s). Unlike faster-whisper, a time is kept
 * within the chunk it is mapped with, so no segment or word lands in the removed silence.
 */
public final class SpeechChunks {
    private final List<SpeechSegment> chunks;
    /** Each chunk's end in the joined audio, in samples. */
    private final long[] joinedEnd;
    /** Seconds of input removed before each chunk. */
    private final double[] silenceBefore;

    private SpeechChunks(List<SpeechSegment> chunks) {
        this.chunks = List.copyOf(chunks);
        joinedEnd = new long[chunks.size()];
        silenceBefore = new double[chunks.size()];
        long removed = 0;
        long previousEnd = 0;
        for (int i = 0; i < chunks.size(); i++) {
            SpeechSegment c = chunks.get(i);
            if (c.startSample() < previousEnd) {
                throw new IllegalArgumentException("speech chunks overlap or are out of order at " + c);
            }
            removed += c.startSample() - previousEnd;
            previousEnd = c.endSample();
            joinedEnd[i] = c.endSample() - removed;
            silenceBefore[i] = removed / (double) SileroVad.SAMPLE_RATE;
        }
    }

    /** @param chunks in time order, not overlapping (as {@link SpeechSegmenter} gives them) */
    public static SpeechChunks of(List<SpeechSegment> chunks) {
        return new SpeechChunks(chunks);
    }

    public boolean isEmpty() {
        return chunks.isEmpty();
    }

    public List<SpeechSegment> chunks() {
        return chunks;
    }

    /** The chunks' samples one after another. */
    public float[] join(float[] samples) {
        float[] joined = new float[chunks.isEmpty() ? 0 : Math.toIntExact(joinedEnd[joinedEnd.length - 1])];
        int at = 0;
        for (SpeechSegment c : chunks) {
            int n = Math.toIntExact(c.samples());
            System.arraycopy(samples, Math.toIntExact(c.startSample()), joined, at, n);
            at += n;
        }
        return joined;
    }

    /**
     * The chunk a time of the joined audio falls in; an end time exactly at a chunk's end belongs to
     * that chunk, not the next.
     */
    public int chunkAt(double joinedSeconds, boolean isEnd) {
        long sample = (long) (joinedSeconds * SileroVad.SAMPLE_RATE);
        if (isEnd) {
            for (int i = 0; i < joinedEnd.length; i++) {
                if (joinedEnd[i] == sample) {
                    return i;
                }
            }
        }
        int after = Arrays.binarySearch(joinedEnd, sample);
        int index = after >= 0 ? after + 1 : -after - 1; // first chunk ending after the sample (bisect_right)
        return Math.min(index, joinedEnd.length - 1);
    }

    /**
     * A time of the joined audio on the input's timeline (to 0.01 s), as a time of chunk
     * {@code chunk}: kept within that chunk, so a word whose middle is in one chunk but whose edge
     * crosses into the next (or a timestamp past the end of the audio) does not land in removed silence.
     */
    public double originalTime(double joinedSeconds, int chunk) {
        double rate = SileroVad.SAMPLE_RATE;
        double first = (joinedEnd[chunk] - chunks.get(chunk).samples()) / rate;
        double clamped = Math.max(first, Math.min(joinedSeconds, joinedEnd[chunk] / rate));
        return Math.round((silenceBefore[chunk] + clamped) * 100) / 100.0;
    }

    /**
     * The transcript of the joined audio with every time on the input's timeline: a segment's words
     * each keep to the chunk of their middle, and the segment then spans its words; a segment
     * without words maps its start and end on their own.
     */
    public Transcript restore(Transcript joined) {
        List<Segment> segments = new ArrayList<>();
        for (Segment s : joined.segments()) {
            double start;
            double end;
            List<Word> words = new ArrayList<>();
            for (Word w : s.words()) {
                int chunk = chunkAt((w.start() + w.end()) / 2, false);
                words.add(new Word(w.word(), originalTime(w.start(), chunk), originalTime(w.end(), chunk),
                        w.probability()));
            }
            if (!words.isEmpty()) {
                start = words.getFirst().start();
                end = words.getLast().end();
            } else {
                start = originalTime(s.start(), chunkAt(s.start(), false));
                end = originalTime(s.end(), chunkAt(s.end(), true));
            }
            double seekSeconds = s.seek() / 100.0;
            int seek = (int) Math.round(originalTime(seekSeconds, chunkAt(seekSeconds, false)) * 100);
            segments.add(new Segment(s.id(), seek, start, end, s.text(), s.tokens(), s.temperature(), s.avgLogProb(),
                    s.compressionRatio(), s.noSpeechProb(), words));
        }
        return new Transcript(joined.text(), joined.language(), joined.languageProbabilities(), segments);
    }
}
