package io.github.asr4j.tokenizer;

/**
 * Lossy UTF-8 decoding with one U+FFFD per maximal invalid subsequence (Unicode's "substitution of
 * maximal subparts", as Python's {@code errors="replace"}, Rust's {@code from_utf8_lossy} and WHATWG).
 * Written out here so the result does not depend on a JDK decoder's replacement policy.
 */
final class Utf8Lossy {
    private static final char REPLACEMENT = '\uFFFD';

    private Utf8Lossy() {}

    static String decode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b0 = bytes[i] & 0xFF;
            if (b0 < 0x80) {
                out.append((char) b0);
                i++;
                continue;
            }
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            int cp;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                need = 1;
                cp = b0 & 0x1F;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                need = 2;
                cp = b0 & 0x0F;
                if (b0 == 0xE0) lo = 0xA0;      // no overlong forms
                if (b0 == 0xED) hi = 0x9F;      // no surrogates
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                need = 3;
                cp = b0 & 0x07;
                if (b0 == 0xF0) lo = 0x90;      // no overlong forms
                if (b0 == 0xF4) hi = 0x8F;      // nothing above U+10FFFF
            } else {
                out.append(REPLACEMENT);        // stray continuation byte, C0, C1 or F5..FF
                i++;
                continue;
            }
            int j = i + 1;
            boolean complete = true;
            for (int k = 0; k < need; k++, j++) {
                int b = j < n ? bytes[j] & 0xFF : -1;
                int min = k == 0 ? lo : 0x80;
                int max = k == 0 ? hi : 0xBF;
                if (b < min || b > max) {
                    complete = false;
                    break;
                }
                cp = (cp << 6) | (b & 0x3F);
            }
            if (complete) {
                out.appendCodePoint(cp);
            } else {
                out.append(REPLACEMENT);        // the lead byte and the valid continuations so far
            }
            i = j;                              // the offending byte (if any) is read again
        }
        return out.toString();
    }
}
