package io.github.asr4j.output;

/**
 * openai-whisper's subtitle options ({@code --max_line_width}, {@code --max_line_count},
 * {@code --highlight_words}, {@code --max_words_per_line}). They only change the output when the
 * segments carry word timings; txt, tsv and json ignore them.
 *
 * <p>0 means "not set", as Python's {@code None} (openai reads them with {@code x or default}, so
 * a 0 there is also "not set").
 *
 * @param maxLineWidth characters (code points) per line before a line break
 * @param maxLineCount lines per cue; only has effect together with {@code maxLineWidth}
 * @param highlightWords underline each word in turn ({@code <u>word</u>}), one cue per word
 * @param maxWordsPerLine words per cue; ignored when {@code maxLineWidth} and {@code maxLineCount} are both set
 */
public record SubtitleOptions(int maxLineWidth, int maxLineCount, boolean highlightWords, int maxWordsPerLine) {
    /** No wrapping, no highlighting: one cue per segment. */
    public static final SubtitleOptions DEFAULT = new SubtitleOptions(0, 0, false, 0);

    public SubtitleOptions {
        if (maxLineWidth < 0 || maxLineCount < 0 || maxWordsPerLine < 0) {
            throw new IllegalArgumentException("subtitle limits must be >= 0 (0 = not set): maxLineWidth="
                    + maxLineWidth + ", maxLineCount=" + maxLineCount + ", maxWordsPerLine=" + maxWordsPerLine);
        }
    }
}
