package io.github.asr4j.decode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/** Text measures openai-whisper uses to judge a window's output. */
public final class TextMetrics {
    private TextMetrics() {}

    /**
     * openai's {@code compression_ratio}: UTF-8 bytes divided by the length of
     * {@code zlib.compress(bytes)}. Python's default level is -1, which zlib maps to 6; Java's
     * {@link Deflater#DEFAULT_COMPRESSION} is the same -1, with the same zlib header and checksum.
     * Repetitive text compresses well, so a high ratio flags a decoding stuck in a loop.
     */
    public static double compressionRatio(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return (double) bytes.length / zlibLength(bytes);
    }

    static int zlibLength(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            byte[] buffer = new byte[Math.max(64, bytes.length + 64)];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
            return out.size();
        } finally {
            deflater.end();
        }
    }

    /**
     * Python's {@code str.strip()}: removes leading and trailing characters for which
     * {@code str.isspace()} holds, which unlike {@link String#strip()} includes no-break spaces
     * (U+00A0, U+2007, U+202F) and U+0085.
     */
    public static String pythonStrip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPythonSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}
