package io.github.asr4j;

import java.util.List;

/**
 * A stretch of transcribed audio.
 *
 * @param start seconds from the start of the audio
 * @param end seconds from the start of the audio
 * @param text the decoded text of {@code tokens}
 * @param tokens the text tokens the model chose (no prompt, no end-of-text)
 */
public record Segment(double start, double end, String text, List<Integer> tokens) {
    public Segment {
        tokens = List.copyOf(tokens);
    }
}
