package io.github.asr4j.tokenizer;

import java.util.function.Consumer;

/**
 * Hand-written equivalents of the GPT-2 and Qwen2 split patterns (see {@link PreTokenizer}): the same
 * pieces as {@code java.util.regex} with {@code UNICODE_CHARACTER_CLASS}, at several times the speed.
 * Each method below follows the pattern's alternatives in order, as a backtracking regex engine tries them.
 */
final class KnownPatternSplitter {
    enum Kind {
        GPT2,
        QWEN2
    }

    private final Kind kind;

    KnownPatternSplitter(Kind kind) {
        this.kind = kind;
    }

    void split(String text, Consumer<String> sink) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            int end = kind == Kind.GPT2 ? gpt2(text, i, n) : qwen2(text, i, n);
            sink.accept(text.substring(i, end));
            i = end;
        }
    }

    /** {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+} from {@code i}. */
    private static int gpt2(String s, int i, int n) {
        char c = s.charAt(i);
        if (c == '\'') {
            int len = contraction(s, i, n, false);
            if (len > 0) return i + len;
        }
        int start = c == ' ' && i + 1 < n ? i + 1 : i;   // the optional leading space
        int cp = s.codePointAt(start);
        if (isLetter(cp)) return run(s, start, n, Class.LETTER);
        if (isNumber(cp)) return run(s, start, n, Class.NUMBER);
        if (isOther(cp)) return run(s, start, n, Class.OTHER);
        return whitespace(s, i, n);
    }

    /**
     * {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*
     * |\s*[\r\n]+|\s+(?!\S)|\s+} from {@code i}.
     */
    private static int qwen2(String s, int i, int n) {
        char c = s.charAt(i);
        if (c == '\'') {
            int len = contraction(s, i, n, true);
            if (len > 0) return i + len;
        }
        int cp = s.codePointAt(i);
        int cpLen = Character.charCount(cp);
        if (isLetter(cp)) return run(s, i, n, Class.LETTER);
        if (cp != '\r' && cp != '\n' && !isNumber(cp) && i + cpLen < n && isLetter(s.codePointAt(i + cpLen))) {
            return run(s, i + cpLen, n, Class.LETTER);   // one non-letter, non-number prefix, then letters
        }
        if (isNumber(cp)) return i + cpLen;
        int start = c == ' ' && i + 1 < n && isOther(s.codePointAt(i + 1)) ? i + 1 : i;
        if (isOther(s.codePointAt(start))) {
            int j = run(s, start, n, Class.OTHER);
            while (j < n && (s.charAt(j) == '\r' || s.charAt(j) == '\n')) j++;
            return j;
        }
        // whitespace: \s*[\r\n]+ takes the run up to its last CR/LF
        int runEnd = run(s, i, n, Class.SPACE);
        for (int k = runEnd - 1; k >= i; k--) {
            char ch = s.charAt(k);
            if (ch == '\r' || ch == '\n') return k + 1;
        }
        return whitespace(s, i, n);
    }

    /** {@code \s+(?!\S)|\s+} at a whitespace character. */
    private static int whitespace(String s, int i, int n) {
        int runEnd = run(s, i, n, Class.SPACE);
        if (runEnd == n) return n;
        return runEnd - 1 > i ? runEnd - 1 : i + 1;   // leave the last space to the next word
    }

    /** Length of a contraction at {@code i} (an apostrophe), 0 when none; case-folded for Qwen2. */
    private static int contraction(String s, int i, int n, boolean ignoreCase) {
        if (i + 1 >= n) return 0;
        char a = s.charAt(i + 1);
        if (is(a, 's', ignoreCase) || is(a, 't', ignoreCase)) return 2;
        if (i + 2 < n) {
            char b = s.charAt(i + 2);
            if ((is(a, 'r', ignoreCase) || is(a, 'v', ignoreCase)) && is(b, 'e', ignoreCase)) return 3;
        }
        if (is(a, 'm', ignoreCase)) return 2;
        if (i + 2 < n && is(a, 'l', ignoreCase) && is(s.charAt(i + 2), 'l', ignoreCase)) return 3;
        if (is(a, 'd', ignoreCase)) return 2;
        return 0;
    }

    /** java.util.regex's Unicode case-insensitive comparison of one char (so U+017F matches 's'). */
    private static boolean is(char c, char lower, boolean ignoreCase) {
        if (c == lower) return true;
        return ignoreCase && Character.toLowerCase(Character.toUpperCase(c)) == lower;
    }

    private enum Class {
        LETTER,
        NUMBER,
        OTHER,
        SPACE
    }

    /** The end of the run of {@code cls} code points starting at {@code i} (the first is assumed to be in it). */
    private static int run(String s, int i, int n, Class cls) {
        int j = i;
        while (j < n) {
            int cp = s.codePointAt(j);
            boolean in = switch (cls) {
                case LETTER -> isLetter(cp);
                case NUMBER -> isNumber(cp);
                case OTHER -> isOther(cp);
                case SPACE -> isWhiteSpace(cp);
            };
            if (!in) break;
            j += Character.charCount(cp);
        }
        return j;
    }

    static boolean isLetter(int cp) {
        if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
        return Character.isLetter(cp);
    }

    static boolean isNumber(int cp) {
        if (cp < 0x80) return cp >= '0' && cp <= '9';
        int t = Character.getType(cp);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    /** Unicode White_Space, as {@code \s} under UNICODE_CHARACTER_CLASS. */
    static boolean isWhiteSpace(int cp) {
        if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
        if (cp == 0x85) return true;
        int t = Character.getType(cp);
        return t == Character.SPACE_SEPARATOR || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isOther(int cp) {
        return !isWhiteSpace(cp) && !isLetter(cp) && !isNumber(cp);
    }
}
