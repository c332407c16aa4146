package io.github.asr4j.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns fuzzer bytes into what a parser reads: a file in a scratch folder, with a magic prefix where one is needed. */
final class Inputs {
    private static final Path SCRATCH;

    static {
        try {
            SCRATCH = Files.createTempDirectory("asr4j-fuzz");
            SCRATCH.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Inputs() {}

    /** A scratch folder (the same one for every input of this JVM; files are overwritten). */
    static Path folder(String name) {
        Path dir = SCRATCH.resolve(name);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} to {@code name} in {@link #folder}, replacing what was there. */
    static Path file(String folder, String name, byte[] bytes) {
        Path file = folder(folder).resolve(name);
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path file(String folder, String name, String text) {
        return file(folder, name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code bytes}, starting with {@code magic} (prepended when absent) so every input reaches the parser. */
    static byte[] withMagic(String magic, byte[] bytes) {
        byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length >= m.length && java.util.Arrays.equals(bytes, 0, m.length, m, 0, m.length)) {
            return bytes;
        }
        byte[] out = new byte[m.length + bytes.length];
        System.arraycopy(m, 0, out, 0, m.length);
        System.arraycopy(bytes, 0, out, m.length, bytes.length);
        return out;
    }
}
