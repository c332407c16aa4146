package io.github.asr4j.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns fuzzer bytes into what a parser reads. Everything stays in memory: the parsers are fuzzed
 * through their in-memory entries, so no input costs a file write, a mapping or an arena.
 */
public final class Inputs {
    private Inputs() {}

    /** {@code bytes}, starting with {@code magic} (prepended when absent) so every input reaches the parser. */
    public static byte[] withMagic(String magic, byte[] bytes) {
        byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length >= m.length && Arrays.equals(bytes, 0, m.length, m, 0, m.length)) {
            return bytes;
        }
        byte[] out = new byte[m.length + bytes.length];
        System.arraycopy(m, 0, out, 0, m.length);
        System.arraycopy(bytes, 0, out, m.length, bytes.length);
        return out;
    }

    /**
     * One edit of a valid file, described by the fuzzer's bytes: byte 0 picks the edit, bytes 1-4 an
     * offset (taken modulo the file's length + 1), the rest is the payload. Large real files (the
     * Silero weights, its ONNX graph) are fuzzed this way so that mutations land inside a real
     * structure instead of in random bytes that fail at the first check, and the corpus stays small.
     *
     * <ul>
     *   <li>0: truncate at the offset;</li>
     *   <li>1: overwrite the bytes at the offset with the payload (clipped at the end);</li>
     *   <li>2: insert the payload at the offset;</li>
     *   <li>3: the payload alone, as a whole file.</li>
     * </ul>
     * An input under 5 bytes leaves the file unchanged.
     */
    public static byte[] edit(byte[] file, byte[] input) {
        return edit(file, input, file.length);
    }

    /**
     * {@link #edit(byte[], byte[])} with the offset taken modulo {@code region + 1}: edits land in
     * the file's first {@code region} bytes (its header), so most inputs exercise the header's checks.
     */
    public static byte[] edit(byte[] file, byte[] input, int region) {
        if (input.length < 5) {
            return file;
        }
        int at = (int) (Integer.toUnsignedLong(((input[1] & 0xff) << 24) | ((input[2] & 0xff) << 16)
                | ((input[3] & 0xff) << 8) | (input[4] & 0xff)) % (Math.min(region, file.length) + 1L));
        byte[] payload = Arrays.copyOfRange(input, 5, input.length);
        return switch ((input[0] & 0xff) % 4) {
            case 0 -> Arrays.copyOf(file, at);
            case 1 -> {
                byte[] out = file.clone();
                System.arraycopy(payload, 0, out, at, Math.min(payload.length, out.length - at));
                yield out;
            }
            case 2 -> {
                byte[] out = new byte[file.length + payload.length];
                System.arraycopy(file, 0, out, 0, at);
                System.arraycopy(payload, 0, out, at, payload.length);
                System.arraycopy(file, at, out, at + payload.length, file.length - at);
                yield out;
            }
            default -> payload;
        };
    }
}
