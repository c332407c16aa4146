package io.github.asr4j.qwen;

/**
 * The audio encoder's output for one clip: {@code tokens} rows of {@code width} values, row-major,
 * the rows that replace the {@code <|audio_pad|>} embeddings of the prompt, in order.
 *
 * @param rows   {@code [tokens, width]} row-major
 * @param tokens audio tokens (13 per 100 log-mel frames, fewer for a short last chunk)
 * @param width  the decoder's hidden size ({@code output_dim})
 */
public record EncodedAudio(float[] rows, int tokens, int width) {
    public EncodedAudio {
        java.util.Objects.requireNonNull(rows, "rows");
        if (tokens < 0 || width < 1 || (long) tokens * width != rows.length) {
            throw new IllegalArgumentException(rows.length + " values are not " + tokens + " audio rows of width " + width);
        }
    }

    /** Row {@code i} as a new array. */
    public float[] row(int i) {
        java.util.Objects.checkIndex(i, tokens);
        return java.util.Arrays.copyOfRange(rows, i * width, (i + 1) * width);
    }
}
