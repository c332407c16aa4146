package io.github.asr4j.decode;

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
 */
public record DecodedSegment(int id, int seek, double start, double end, String text, int[] tokens,
                             double temperature, double avgLogProb, double compressionRatio,
                             double noSpeechProb) {
    public DecodedSegment {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    DecodedSegment withId(int newId) {
        return new DecodedSegment(newId, seek, start, end, text, tokens, temperature, avgLogProb,
                compressionRatio, noSpeechProb);
    }

    DecodedSegment cleared() {
        return new DecodedSegment(id, seek, start, end, "", new int[0], temperature, avgLogProb,
                compressionRatio, noSpeechProb);
    }
}
