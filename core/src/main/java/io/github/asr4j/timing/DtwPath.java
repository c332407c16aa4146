package io.github.asr4j.timing;

/**
 * A monotonic alignment path from (0, 0) to (rows - 1, columns - 1), as openai's {@code backtrace}
 * returns it: step k pairs text row {@code textIndices[k]} with time column {@code timeIndices[k]}.
 */
public record DtwPath(int[] textIndices, int[] timeIndices) {
    public DtwPath {
        if (textIndices.length != timeIndices.length) {
            throw new IllegalArgumentException("path has " + textIndices.length + " text and " + timeIndices.length + " time indices");
        }
    }

    public int length() {
        return textIndices.length;
    }
}
