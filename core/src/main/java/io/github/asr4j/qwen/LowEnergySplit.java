package io.github.asr4j.qwen;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts audio longer than a limit into pieces that cover it exactly (no gap, no overlap), as the
 * official pipeline does beyond 20 minutes ({@code split_audio_into_chunks}): each cut is sought
 * within 5 s either side of the limit, in the 100 ms window of least summed magnitude, at that
 * window's quietest sample.
 */
final class LowEnergySplit {
    /** The official {@code MAX_ASR_INPUT_SECONDS}: audio up to 20 minutes is decoded in one piece. */
    static final int MAX_PIECE_SECONDS = 1200;
    static final int SAMPLE_RATE = 16000;
    private static final int SEARCH_SAMPLES = 5 * SAMPLE_RATE;
    private static final int WINDOW_SAMPLES = SAMPLE_RATE / 10;

    /** A piece {@code [start, end)} in samples. */
    record Piece(int start, int end) {}

    private LowEnergySplit() {}

    static List<Piece> pieces(float[] samples, int maxPieceSamples) {
        List<Piece> pieces = new ArrayList<>();
        int total = samples.length;
        int start = 0;
        while (total - start > maxPieceSamples) {
            int boundary = boundary(samples, 0, start, total, maxPieceSamples);
            pieces.add(new Piece(start, boundary));
            start = boundary;
        }
        pieces.add(new Piece(start, total));
        return pieces;
    }

    /** How many samples from a piece's start {@link #boundary} reads: the limit and the search beyond it. */
    static int reach(int maxPieceSamples) {
        return maxPieceSamples + SEARCH_SAMPLES;
    }

    /**
     * Where the piece that starts at {@code start} ends, when more than {@code maxPieceSamples}
     * remain of the {@code total}; {@code samples[i]} is sample {@code first + i} of the input and
     * must hold {@code [start, min(total, start + reach(maxPieceSamples)))}.
     */
    static int boundary(float[] samples, int first, int start, int total, int maxPieceSamples) {
        int cut = start + maxPieceSamples;
        int left = Math.max(start, cut - SEARCH_SAMPLES);
        int right = Math.min(total, cut + SEARCH_SAMPLES);
        int boundary = right - left <= WINDOW_SAMPLES ? cut : first + quietest(samples, left - first, right - first);
        return Math.min(Math.max(boundary, start + 1), total);
    }

    /** The quietest sample of the quietest window in {@code [left, right)} (first ones on ties). */
    private static int quietest(float[] samples, int left, int right) {
        double sum = 0;
        for (int i = left; i < left + WINDOW_SAMPLES; i++) {
            sum += Math.abs(samples[i]);
        }
        double least = sum;
        int window = left;
        for (int w = left + 1; w + WINDOW_SAMPLES <= right; w++) {
            sum += Math.abs(samples[w + WINDOW_SAMPLES - 1]) - Math.abs(samples[w - 1]);
            if (sum < least) {
                least = sum;
                window = w;
            }
        }
        int quiet = window;
        for (int i = window + 1; i < window + WINDOW_SAMPLES; i++) {
            if (Math.abs(samples[i]) < Math.abs(samples[quiet])) {
                quiet = i;
            }
        }
        return quiet;
    }
}
