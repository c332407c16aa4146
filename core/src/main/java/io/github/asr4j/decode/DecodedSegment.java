package io.github.asr4j.decode;

import io.github.asr4j.Word;
import java.util.List;

/**
 * One segment of a long-form transcription (openai-whisper's segment dict).
 *
 * @param id its index in the transcription
 * @param seek the mel frame the window that produced it started at
 * @param start seconds from the start of the audio
 * @param end seconds from the start of the audio
 * @param text the decoded text tokens (empty when the segment was cleared as instantaneous or blank)
 * @param tokens the segment's tokens with its timestamp tokens (empty when cleared)
 * @param temperature the window result's temperature
 * @param avgLogProb the window result's average log-probability
 * @param compressionRatio the window result's compression ratio
 * @param noSpeechProb the window result's no-speech probability
 * @param words word timings when they were asked for, else empty
 */
public record DecodedSegment(int id, int seek, double start, double end, String text, int[] tokens,
                             double temperature, double avgLogProb, double compressionRatio,
                             double noSpeechProb, List<Word> words) {
    public DecodedSegment {
        tokens = tokens.clone();
        words = List.copyOf(words);
    }

    /** A segment without word timings. */
    public DecodedSegment(int id, int seek, double start, double end, String text, int[] tokens,
                          double temperature, double avgLogProb, double compressionRatio, double noSpeechProb) {
        this(id, seek, start, end, text, tokens, temperature, avgLogProb, compressionRatio, noSpeechProb, List.of());
    }

    /** This segment with new times and word timings (the word-timestamp step moves segment bounds). */
    public DecodedSegment withWords(double newStart, double newEnd, List<Word> newWords) {
        return new DecodedSegment(id, seek, newStart, newEnd, text, tokens, temperature, avgLogProb,
                compressionRatio, noSpeechProb, newWords);
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    DecodedSegment withId(int newId) {
        return new DecodedSegment(newId, seek, start, end, text, tokens, temperature, avgLogProb,
                compressionRatio, noSpeechProb, words);
    }

    DecodedSegment cleared() {
        return new DecodedSegment(id, seek, start, end, "", new int[0], temperature, avgLogProb,
                compressionRatio, noSpeechProb, List.of());
    }
}
