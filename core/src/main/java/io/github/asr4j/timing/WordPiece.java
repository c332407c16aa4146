package io.github.asr4j.timing;

import java.util.List;

/** A run of tokens and its decoded text: a word, or a piece of one. */
public record WordPiece(String text, List<Integer> tokens) {
    public WordPiece {
        tokens = List.copyOf(tokens);
    }
}
