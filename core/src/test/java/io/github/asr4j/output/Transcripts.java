package io.github.asr4j.output;

import io.github.asr4j.Segment;
import io.github.asr4j.Transcript;
import io.github.asr4j.Word;
import java.util.List;
import java.util.Map;

/**
 * Hand-built transcripts for the writer tests. Each mirrors a Python dict fed to openai-whisper's
 * writers ({@code whisper/utils.py}) to derive the expected bytes.
 */
final class Transcripts {
    private Transcripts() {}

    static Segment segment(int id, int seek, double start, double end, String text, List<Integer> tokens,
                           double temperature, double avgLogProb, double compressionRatio, double noSpeechProb,
                           List<Word> words) {
        return new Segment(id, seek, start, end, text, tokens, temperature, avgLogProb, compressionRatio,
                noSpeechProb, words);
    }

    /**
     * No word timings. Covers: 1.0005 s (1.0005 * 1000.0 is exactly 1000.5; Python's round gives the even 1000 ms),
     * times past one hour (3661.5 s = 1 h 1 min 1.5 s; 3723.9995 s rounds to 3724000 ms), 59.9996 s
     * rounding up into the next minute, non-ASCII and non-BMP text, "-->" (subtitles write "->"),
     * a tab (tsv writes a space), text with surrounding spaces (stripped everywhere but json).
     */
    static Transcript plain() {
        return new Transcript(" Hello world. Ça va --> bien?\t日本語 😀 Bye.", "fr", Map.of(), List.of(
                segment(0, 0, 0.0, 1.0005, " Hello world.", List.of(50364, 2425, 1002, 13), 0.0, -0.2345678,
                        0.8571428571428571, 0.0123, List.of()),
                segment(1, 3000, 3661.5, 3723.9995, " Ça va --> bien?\t日本語 😀", List.of(1, 2, 3), 0.2, -1.0, 1.5,
                        1e-05, List.of()),
                segment(2, 6000, 59.9996, 60.0, "  Bye. ", List.of(), 0.6000000000000001, -0.5, 2.28, 0.0,
                        List.of())));
    }

    static Transcript empty() {
        return new Transcript("", "en", Map.of(), List.of());
    }

    /** Two segments with word timings; 3.5 s of silence between them (a "long pause" is > 3 s). */
    static Transcript words() {
        return new Transcript(" The quick brown fox. Jumps over \"the\" lazy dog.", "en", Map.of(), List.of(
                segment(0, 0, 0.0, 2.0, " The quick brown fox.", List.of(1, 2, 3, 4, 5), 0.0, -0.1, 1.2, 0.01, List.of(
                        new Word(" The", 0.0, 0.24, 0.9), new Word(" quick", 0.24, 0.6, 0.8),
                        new Word(" brown", 0.62, 0.9, 0.7), new Word(" fox.", 1.0, 1.5, 0.95))),
                segment(1, 0, 5.0, 7.5, " Jumps over \"the\" lazy dog.", List.of(6, 7, 8, 9, 10), 0.0, -0.2, 1.3, 0.02,
                        List.of(new Word(" Jumps", 5.0, 5.5, 0.5), new Word(" over", 5.5, 5.8, 0.6),
                                new Word(" \"the\"", 5.8, 6.0, 0.61), new Word(" lazy", 6.1, 6.6, 0.62),
                                new Word(" dog.", 6.6, 7.5, 0.63)))));
    }
}
