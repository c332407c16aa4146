package io.github.asr4j.timing;

import io.github.asr4j.audio.AudioConstants;
import java.util.ArrayList;
import java.util.List;

/**
 * The alignment half of openai-whisper's {@code find_alignment}, after the model has run: from the
 * alignment heads' cross-attention over the token sequence {@code sot_sequence + [no_timestamps] +
 * text_tokens + [eot]}, the time of each word of the text.
 *
 * <pre>
 * weights [heads][tokens][frames]  softmax over the window's frames (numFrames / 2 encoder positions)
 *   standardise per head and frame over tokens   (w - mean) / std, std with the 1/N variance
 *   median filter along frames, width 7, reflect padding
 *   mean over heads; keep rows no_timestamps .. last text token (the rows that predict text + eot)
 * DTW on -matrix -> for each row the first frame it is aligned to ("jump") / 50 frames per second
 * words by split_to_word_tokens; a word starts at its first token's jump and ends at the next word's
 * </pre>
 *
 * Arithmetic is float32 where openai's is (torch tensors), float64 for the statistics torch
 * accumulates in double and for the times.
 */
public final class WordAligner {
    /** Encoder positions per second of audio, openai's {@code TOKENS_PER_SECOND}. */
    private static final double TOKENS_PER_SECOND = AudioConstants.TOKENS_PER_SECOND;
    /** openai's {@code medfilt_width} default. */
    public static final int DEFAULT_MEDIAN_FILTER_WIDTH = 7;

    private WordAligner() {}

    /**
     * openai's {@code weights[:, :, :num_frames // 2]} then {@code (weights * qk_scale).softmax(-1)}, from
     * the raw (pre-softmax, already scaled by the head dimension) cross-attention scores the model gives.
     *
     * @param qkLogits [heads][tokens][encoder positions]
     * @param numFrames the window's mel frames (openai's {@code segment_size}); its half is kept
     * @param qkScale openai's {@code qk_scale}, 1.0 by default
     */
    public static float[][][] softmaxOverFrames(float[][][] qkLogits, int numFrames, double qkScale) {
        int frames = keptFrames(qkLogits, numFrames);
        float scale = (float) qkScale;
        float[][][] out = new float[qkLogits.length][][];
        for (int h = 0; h < qkLogits.length; h++) {
            out[h] = new float[qkLogits[h].length][];
            for (int t = 0; t < qkLogits[h].length; t++) {
                float[] row = new float[frames];
                float max = Float.NEGATIVE_INFINITY;
                for (int f = 0; f < frames; f++) {
                    row[f] = qkLogits[h][t][f] * scale;
                    max = Math.max(max, row[f]);
                }
                float sum = 0;
                for (int f = 0; f < frames; f++) {
                    row[f] = (float) Math.exp(row[f] - max);
                    sum += row[f];
                }
                for (int f = 0; f < frames; f++) row[f] /= sum;
                out[h][t] = row;
            }
        }
        return out;
    }

    /**
     * The same weights from attention probabilities already softmaxed over all encoder positions (as a
     * model that does not expose its scores gives them): renormalising the kept frames to sum 1 equals the
     * softmax of the scores over those frames (openai's order), with {@code qk_scale} 1.
     */
    public static float[][][] renormalizeOverFrames(float[][][] attention, int numFrames) {
        int frames = keptFrames(attention, numFrames);
        float[][][] out = new float[attention.length][][];
        for (int h = 0; h < attention.length; h++) {
            out[h] = new float[attention[h].length][];
            for (int t = 0; t < attention[h].length; t++) {
                float[] row = new float[frames];
                double sum = 0;
                for (int f = 0; f < frames; f++) sum += attention[h][t][f];
                for (int f = 0; f < frames; f++) row[f] = (float) (attention[h][t][f] / sum);
                out[h][t] = row;
            }
        }
        return out;
    }

    private static int keptFrames(float[][][] weights, int numFrames) {
        if (numFrames < 0) throw new IllegalArgumentException("numFrames must be >= 0, got " + numFrames);
        int frames = numFrames / 2;
        for (int h = 0; h < weights.length; h++) {
            for (int t = 0; t < weights[h].length; t++) {
                // Python slicing would silently keep fewer frames; a short row here is a caller bug
                if (weights[h][t].length < frames) {
                    throw new IllegalArgumentException("attention of head " + h + ", token " + t + " has "
                            + weights[h][t].length + " frames, fewer than numFrames / 2 = " + frames);
                }
            }
        }
        return frames;
    }

    /**
     * openai's {@code find_alignment} from the softmaxed weights on.
     *
     * @param weights [heads][sotLength + 1 + textTokens.length + 1][frames], softmaxed over frames
     *     ({@link #softmaxOverFrames} or {@link #renormalizeOverFrames})
     * @param sotLength the length of the start-of-transcript sequence (sot, language, task)
     * @param textTokens the text tokens aligned (all below eot)
     * @param textTokenProbs per text token, the model's probability of it ({@link TokenProbabilities})
     * @param medianFilterWidth odd, 7 in openai
     * @return one timing per word (the end-of-text is not a word); empty for no text
     */
    public static List<WordTiming> findAlignment(float[][][] weights, int sotLength, int[] textTokens,
                                                 double[] textTokenProbs, WordSplitter splitter, int medianFilterWidth) {
        if (textTokens.length == 0) return List.of();
        if (textTokenProbs.length != textTokens.length) {
            throw new IllegalArgumentException(textTokenProbs.length + " token probabilities for " + textTokens.length + " text tokens");
        }
        float[][] matrix = alignmentMatrix(weights, sotLength, textTokens.length, medianFilterWidth);
        double[][] cost = new double[matrix.length][];
        for (int r = 0; r < matrix.length; r++) {
            cost[r] = new double[matrix[r].length];
            for (int f = 0; f < matrix[r].length; f++) cost[r][f] = -(double) matrix[r][f];
        }
        DtwPath path = Dtw.align(cost);

        int[] withEot = new int[textTokens.length + 1];
        System.arraycopy(textTokens, 0, withEot, 0, textTokens.length);
        withEot[textTokens.length] = splitter.eot();
        List<WordPiece> words = splitter.split(withEot);
        if (words.size() <= 1) return List.of(); // only the end-of-text: nothing to time
        int[] boundaries = new int[words.size()]; // [0, cumulative token counts of all words but the last]
        for (int w = 1; w < words.size(); w++) boundaries[w] = boundaries[w - 1] + words.get(w - 1).tokens().size();

        double[] jumpTimes = jumpTimes(path);
        List<WordTiming> timings = new ArrayList<>(words.size() - 1);
        for (int w = 0; w + 1 < words.size(); w++) {
            int first = boundaries[w];
            int next = boundaries[w + 1];
            if (next >= jumpTimes.length) {
                throw new IllegalStateException("word " + w + " ends at token " + next + " but the path has "
                        + jumpTimes.length + " rows");
            }
            timings.add(new WordTiming(words.get(w).text(), words.get(w).tokens(), jumpTimes[first], jumpTimes[next],
                    NumpyMath.mean(textTokenProbs, first, Math.min(next, textTokenProbs.length))));
        }
        return timings;
    }

    /**
     * The matrix DTW runs on (before negation): standardised, filtered, head-averaged weights of the rows
     * {@code sotLength .. tokens - 2}, i.e. textTokens + 1 rows.
     */
    static float[][] alignmentMatrix(float[][][] weights, int sotLength, int textTokenCount, int medianFilterWidth) {
        int heads = weights.length;
        if (heads == 0) throw new IllegalArgumentException("no alignment heads");
        int tokens = weights[0].length;
        if (tokens != sotLength + textTokenCount + 2) {
            throw new IllegalArgumentException("attention has " + tokens + " token rows, expected sot (" + sotLength
                    + ") + no_timestamps + " + textTokenCount + " text tokens + eot = " + (sotLength + textTokenCount + 2));
        }
        int frames = weights[0][0].length;
        // The heads' sum accumulated head by head (0 + head 0 + head 1 + ..., the float order of a sum over
        // heads), so one head's standardised rows are alive at a time, not every head's.
        float[][] matrix = new float[textTokenCount + 1][frames];
        for (int h = 0; h < heads; h++) {
            if (weights[h].length != tokens) throw new IllegalArgumentException("head " + h + " has " + weights[h].length + " token rows, head 0 has " + tokens);
            for (int t = 0; t < tokens; t++) {
                if (weights[h][t].length != frames) throw new IllegalArgumentException("head " + h + ", token " + t + " has " + weights[h][t].length + " frames, expected " + frames);
            }
            float[][] standardized = standardizeOverTokens(weights[h], frames);
            // the filter works row by row, so only the rows kept below need it (openai filters all)
            for (int r = 0; r <= textTokenCount; r++) {
                float[] filtered = MedianFilter.apply(standardized[sotLength + r], medianFilterWidth);
                float[] sums = matrix[r];
                for (int f = 0; f < frames; f++) sums[f] += filtered[f];
            }
        }
        for (float[] sums : matrix) {
            for (int f = 0; f < frames; f++) sums[f] /= heads;
        }
        return matrix;
    }

    /** {@code (w - mean) / std} over the token axis, per frame; torch accumulates the statistics in double. */
    private static float[][] standardizeOverTokens(float[][] head, int frames) {
        int tokens = head.length;
        float[][] out = new float[tokens][frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (float[] row : head) sum += row[f];
            double mean = sum / tokens;
            double squares = 0;
            for (float[] row : head) {
                double d = row[f] - mean;
                squares += d * d;
            }
            float meanF = (float) mean;
            float std = (float) Math.sqrt(squares / tokens);
            for (int t = 0; t < tokens; t++) out[t][f] = (head[t][f] - meanF) / std;
        }
        return out;
    }

    /** For each text row, in path order, the time of the first path step on it (openai's {@code jump_times}). */
    static double[] jumpTimes(DtwPath path) {
        int[] text = path.textIndices();
        int[] time = path.timeIndices();
        double[] times = new double[text.length];
        int count = 0;
        for (int k = 0; k < text.length; k++) {
            if (k == 0 || text[k] != text[k - 1]) times[count++] = time[k] / TOKENS_PER_SECOND;
        }
        return java.util.Arrays.copyOf(times, count);
    }
}
