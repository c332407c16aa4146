package io.github.asr4j.tokenizer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds added-token strings in text, leftmost first and, among matches that start at the same place,
 * longest first (Hugging Face's leftmost-longest Aho-Corasick semantics).
 */
final class AddedTokenMatcher {
    /** Receives the pieces of a text in order: plain stretches and matched added tokens. */
    interface Sink {
        void text(String plain);

        void token(AddedToken token);
    }

    /** Candidates by first character, longest content first. */
    private final Map<Character, AddedToken[]> byFirstChar;
    /** The same first characters as a bit set, so plain text costs no map lookup per character. */
    private final BitSet firstChars = new BitSet(1 << 16);

    AddedTokenMatcher(List<AddedToken> tokens) {
        Map<Character, List<AddedToken>> groups = new HashMap<>();
        for (AddedToken t : tokens) {
            if (t.content().isEmpty()) continue;            // an empty string matches nothing
            groups.computeIfAbsent(t.content().charAt(0), c -> new ArrayList<>()).add(t);
        }
        Map<Character, AddedToken[]> built = new HashMap<>();
        groups.forEach((c, list) -> {
            list.sort(Comparator.comparingInt((AddedToken t) -> t.content().length()).reversed());
            built.put(c, list.toArray(AddedToken[]::new));
            firstChars.set(c);
        });
        this.byFirstChar = Map.copyOf(built);
    }

    void split(String text, Sink sink) {
        int plainStart = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            AddedToken match = matchAt(text, i);
            if (match == null) {
                i++;
                continue;
            }
            if (i > plainStart) sink.text(text.substring(plainStart, i));
            sink.token(match);
            i += match.content().length();
            plainStart = i;
        }
        if (plainStart < n) sink.text(text.substring(plainStart));
    }

    private AddedToken matchAt(String text, int at) {
        char first = text.charAt(at);
        if (!firstChars.get(first)) return null;
        AddedToken[] candidates = byFirstChar.get(first);
        if (candidates == null) return null;
        for (AddedToken t : candidates) {
            if (text.startsWith(t.content(), at)) return t;
        }
        return null;
    }
}
