package io.github.asr4j.timing;

import java.util.List;

/**
 * A word aligned to the audio window, before it is placed in a segment (openai's {@code WordTiming}).
 *
 * @param word the text with its leading space; empty once merged into a neighbour
 * @param tokens its tokens; empty once merged into a neighbour
 * @param start seconds from the start of the window
 * @param end seconds from the start of the window
 * @param probability the mean probability of its tokens
 */
public record WordTiming(String word, List<Integer> tokens, double start, double end, double probability) {
    public WordTiming {
        tokens = List.copyOf(tokens);
    }

    WordTiming withText(String newWord, List<Integer> newTokens) {
        return new WordTiming(newWord, newTokens, start, end, probability);
    }

    WordTiming withTimes(double newStart, double newEnd) {
        return new WordTiming(word, tokens, newStart, newEnd, probability);
    }
}
