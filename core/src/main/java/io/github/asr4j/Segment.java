package io.github.asr4j;

import java.util.List;

/**
 * A stretch of transcribed audio, with what openai-whisper reports for it.
 *
 * @param id position in the transcript, from 0
 * @param seek the mel frame at which the window that produced it started
 * @param start seconds from the start of the audio
 * @param end seconds from the start of the audio
 * @param text the decoded text of {@code tokens}
 * @param tokens the tokens the model chose for this segment (no prompt, no end-of-text)
 * @param temperature the sampling temperature of the accepted decode (0 = greedy or beam)
 * @param avgLogProb the window decode's summed log-probability over (tokens + 1)
 * @param compressionRatio UTF-8 bytes of the window's text over its zlib-compressed bytes
 * @param noSpeechProb probability of the no-speech token at the start of the window (NaN when not computed)
 * @param words word timings, empty unless requested
 */
public record Segment(int id, int seek, double start, double end, String text, List<Integer> tokens,
                      double temperature, double avgLogProb, double compressionRatio, double noSpeechProb,
                      List<Word> words) {
    public Segment {
        tokens = List.copyOf(tokens);
        words = List.copyOf(words);
    }
}
