package io.github.asr4j.audio;

import io.github.asr4j.AudioFormatException;
import io.github.asr4j.FileProblems;
import io.github.asr4j.UnsupportedAudioFormatException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an audio file into mono float samples at its own rate, recognising the format by its
 * content (never by the file name): WAV ({@code RIFF....WAVE}) and FLAC ({@code fLaC}, optionally
 * behind an ID3v2 tag). MP3, Ogg, MP4 and other containers are recognised only to say clearly that
 * they are not supported.
 *
 * <p>Resample the result with {@link Resampler} before computing features.
 */
public final class AudioReader {
    private static final int SNIFF_BYTES = 12;
    private static final int ID3_HEADER = 10;

    private AudioReader() {}

    /**
     * Reads a WAV or FLAC file.
     *
     * @throws AudioFormatException when the content is not a supported, well-formed audio file
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Audio read(Path file) {
        try (AudioStream in = open(file)) {
            return in.readAll();
        }
    }

    /**
     * Opens a WAV or FLAC file and reads its header, so its format and rate are known (and its
     * faults found) before any sample is decoded; the caller closes the stream.
     *
     * @throws AudioFormatException when the file is a folder or not a supported, well-formed header
     * @throws UncheckedIOException when the file cannot be read, saying why
     */
    public static AudioStream open(Path file) {
        if (Files.isDirectory(file)) {
            throw new AudioFormatException(file + ": is a folder, not an audio file");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audio file " + file + ": " + FileProblems.reason(e), e);
        }
        try {
            return open(in, file.toString());
        } catch (RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Reads an audio file held in memory; {@code name} is used in error messages. */
    public static Audio read(byte[] bytes, String name) {
        return read(new ByteArrayInputStream(bytes), name);
    }

    /**
     * Reads audio from a stream (which is not closed); {@code name} is used in error messages.
     * The stream is buffered, so it may be read somewhat past the end of the audio data.
     */
    public static Audio read(InputStream stream, String name) {
        return open(stream, name).readAll();
    }

    /**
     * Reads the header of audio from a stream and returns the samples to come; closing the result
     * closes {@code stream}; {@code name} is used in error messages.
     */
    public static AudioStream open(InputStream stream, String name) {
        BufferedInputStream in = new BufferedInputStream(stream, 1 << 16);
        try {
            byte[] head = peek(in, SNIFF_BYTES);
            if (head.length == 0) {
                throw new AudioFormatException(name + ": empty file (0 bytes), not audio");
            }
            if (startsWith(head, "ID3")) {
                // An ID3v2 tag may precede FLAC as well as MP3; look at what follows it.
                long tagSize = id3Size(head, name);
                skipFully(in, tagSize, name);
                byte[] after = peek(in, 4);
                if (startsWith(after, "fLaC")) {
                    return FlacStream.open(in, name);
                }
                throw unsupported(name, "MP3 (ID3-tagged MPEG audio)");
            }
            if (startsWith(head, "RIFF") && head.length >= 12 && matches(head, 8, "WAVE")) {
                return WavDecoder.open(in, name);
            }
            if (startsWith(head, "fLaC")) {
                return FlacStream.open(in, name);
            }
            throw unrecognised(name, head);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audio " + name, e);
        }
    }

    private static AudioFormatException unrecognised(String name, byte[] head) {
        String kind = null;
        if (startsWith(head, "RIFF")) {
            kind = "RIFF file of type '" + (head.length >= 12 ? new String(head, 8, 4, java.nio.charset.StandardCharsets.ISO_8859_1) : "?")
                    + "', not WAVE";
        } else if (startsWith(head, "RIFX")) {
            kind = "big-endian WAV (RIFX)";
        } else if (startsWith(head, "RF64") || startsWith(head, "BW64")) {
            kind = "RF64/BW64 (64-bit WAV)";
        } else if (startsWith(head, "OggS")) {
            kind = "Ogg (Vorbis/Opus/FLAC-in-Ogg)";
        } else if (head.length >= 8 && matches(head, 4, "ftyp")) {
            kind = "MP4/M4A";
        } else if (startsWith(head, "FORM")) {
            kind = "AIFF";
        } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
            kind = ((head[1] >> 1) & 3) == 0 ? "AAC (ADTS)" : "MP3 (MPEG audio)";
        }
        if (kind != null) {
            return unsupported(name, kind);
        }
        String what = head.length >= 4 && (head[0] & 0xFF) == 0x89 && matches(head, 1, "PNG") ? " (a PNG image)" : "";
        return new UnsupportedAudioFormatException(name + ": not a recognised audio file" + what + ": first bytes "
                + hex(head) + " are neither RIFF/WAVE nor fLaC (byte offset 0)", null);
    }

    private static AudioFormatException unsupported(String name, String kind) {
        return new UnsupportedAudioFormatException(name + ": unsupported format: " + kind
                + "; supported are WAV and FLAC (convert with e.g. ffmpeg -i in -ar 16000 out.wav)", kind);
    }

    /** The size of an ID3v2 tag including its header (sizes are 4 x 7-bit "synchsafe" bytes). */
    private static long id3Size(byte[] h, String name) {
        if (h.length < ID3_HEADER) {
            throw new AudioFormatException(name + ": truncated ID3 tag (byte offset 0)");
        }
        long size = ((h[6] & 0x7F) << 21) | ((h[7] & 0x7F) << 14) | ((h[8] & 0x7F) << 7) | (h[9] & 0x7F);
        boolean footer = (h[5] & 0x10) != 0;
        return ID3_HEADER + size + (footer ? ID3_HEADER : 0);
    }

    private static void skipFully(InputStream in, long n, String name) throws IOException {
        byte[] scratch = new byte[8192];
        long done = 0;
        while (done < n) {
            int got = in.read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (got < 0) {
                throw new AudioFormatException(name + ": ID3 tag declares " + n + " bytes but the file ends after " + done);
            }
            done += got;
        }
    }

    private static byte[] peek(BufferedInputStream in, int n) throws IOException {
        in.mark(n);
        byte[] b = in.readNBytes(n);
        in.reset();
        return b;
    }

    private static boolean startsWith(byte[] b, String magic) {
        return b.length >= magic.length() && matches(b, 0, magic);
    }

    private static boolean matches(byte[] b, int off, String magic) {
        for (int i = 0; i < magic.length(); i++) {
            if (off + i >= b.length || b[off + i] != (byte) magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 8); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02X", b[i] & 0xFF));
        }
        return s.toString();
    }
}
