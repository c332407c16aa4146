package io.github.asr4j.tokenizer;

/**
 * GPT-2's reversible byte-to-character table: vocabulary strings spell bytes as printable characters
 * (printable Latin-1 bytes stand for themselves, the others are shifted to U+0100 and up).
 */
final class ByteLevel {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + shifted++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {}

    /** The character that spells {@code b} (0..255) in a byte-level vocabulary. */
    static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte a vocabulary character stands for, or -1 when the character is outside the table. */
    static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /**
     * The bytes a vocabulary string stands for. A character outside the table (never in a well-formed
     * byte-level vocabulary) contributes its own UTF-8 bytes, so nothing is silently dropped.
     */
    static byte[] bytesOf(String token) {
        byte[] fast = new byte[token.length()];
        for (int i = 0; i < fast.length; i++) {
            int b = byteOf(token.charAt(i));
            if (b < 0) return bytesOfMixed(token);
            fast[i] = (byte) b;
        }
        return fast;
    }

    private static byte[] bytesOfMixed(String token) {
        var out = new java.io.ByteArrayOutputStream(token.length());
        for (int i = 0; i < token.length(); i++) {
            int b = byteOf(token.charAt(i));
            if (b >= 0) {
                out.write(b);
            } else {
                int cp = token.codePointAt(i);
                byte[] raw = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(raw, 0, raw.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toByteArray();
    }
}
