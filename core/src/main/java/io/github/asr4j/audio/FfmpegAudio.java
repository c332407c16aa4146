package io.github.asr4j.audio;

import io.github.asr4j.AudioFormatException;
import io.github.asr4j.UnsupportedAudioFormatException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Decodes what asr4j does not read itself (MP3, M4A/AAC, Ogg/Opus/Vorbis, video files, ...) by
 * running {@code ffmpeg} from the PATH, as openai-whisper's {@code load_audio} does: mono 16-bit
 * PCM at 16 kHz on ffmpeg's standard output, scaled to [-1, 1). The file name is passed as one
 * argument (no shell) behind ffmpeg's {@code file:} protocol, so no name is read as an option or
 * another protocol.
 */
public final class FfmpegAudio {
    /** The rate ffmpeg is asked for: Whisper's. */
    public static final int SAMPLE_RATE = 16_000;
    private static final int STDERR_KEEP = 4096;
    private static final String INSTALL_HINT = "install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg;"
            + " Windows: winget install ffmpeg) and asr4j decodes it through ffmpeg, or convert it to WAV or FLAC";

    private FfmpegAudio() {}

    /** The ffmpeg executable on the PATH, if there is one. */
    public static Optional<Path> executable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        List<String> names = System.getProperty("os.name", "").startsWith("Windows") ? List.of("ffmpeg.exe") : List.of("ffmpeg");
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : names) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Decodes a file that asr4j's own readers refused with {@code refusal}: through ffmpeg when it
     * is on the PATH, otherwise the refusal is thrown again, saying how to get ffmpeg.
     *
     * @throws UnsupportedAudioFormatException naming the format and how to get ffmpeg, when there is none
     * @throws AudioFormatException when ffmpeg cannot decode the file either
     */
    public static float[] read16kInstead(Path file, UnsupportedAudioFormatException refusal) {
        return read16kInstead(file, refusal, executable());
    }

    /** The refusal of a format asr4j does not read, saying how to get ffmpeg, which would. */
    public static UnsupportedAudioFormatException withoutFfmpeg(UnsupportedAudioFormatException refusal) {
        return new UnsupportedAudioFormatException(refusal.getMessage()
                + "; ffmpeg is not on the PATH: " + INSTALL_HINT, refusal.format());
    }

    static float[] read16kInstead(Path file, UnsupportedAudioFormatException refusal, Optional<Path> found) {
        Path ffmpeg = found.orElseThrow(() -> withoutFfmpeg(refusal));
        try {
            return decode(ffmpeg, file);
        } catch (AudioFormatException e) {
            throw new AudioFormatException(refusal.getMessage() + "; ffmpeg could not decode it either: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes any file ffmpeg can read into 16 kHz mono samples.
     *
     * @throws AudioFormatException when ffmpeg fails, with the last line it printed
     * @throws UncheckedIOException when ffmpeg cannot be started
     */
    public static float[] decode(Path ffmpeg, Path file) {
        List<String> command = List.of(ffmpeg.toString(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-threads", "0", "-i", "file:" + file.toAbsolutePath(),
                "-f", "s16le", "-ac", "1", "-acodec", "pcm_s16le", "-ar", Integer.toString(SAMPLE_RATE), "-");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + ffmpeg + " to decode " + file, e);
        }
        StderrTail stderr = new StderrTail(process.getErrorStream());
        Thread drain = Thread.ofVirtual().name("ffmpeg-stderr").start(stderr);
        try (InputStream out = process.getInputStream()) {
            float[] samples = Pcm16.read(out, file.toString());
            int exit = process.waitFor();
            drain.join();
            if (exit != 0) {
                throw new AudioFormatException(file + ": ffmpeg exited with " + exit + ": " + stderr.lastLine());
            }
            if (samples.length == 0 && !stderr.lastLine().isEmpty()) {
                throw new AudioFormatException(file + ": ffmpeg produced no audio: " + stderr.lastLine());
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException("reading ffmpeg's output for " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ffmpeg decoded " + file, e);
        } finally {
            process.destroyForcibly(); // a no-op once it has exited; never leave it running behind an error
        }
    }

    private static File nullFile() {
        return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** Reads ffmpeg's stderr to the end (so it never blocks on a full pipe), keeping the tail for messages. */
    private static final class StderrTail implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream tail = new ByteArrayOutputStream();

        StderrTail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buf = new byte[4096];
            try (in) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (tail) {
                        tail.write(buf, 0, n);
                        if (tail.size() > 2 * STDERR_KEEP) {
                            byte[] all = tail.toByteArray();
                            tail.reset();
                            tail.write(all, all.length - STDERR_KEEP, STDERR_KEEP);
                        }
                    }
                }
            } catch (IOException e) {
                // the process went away; what was read is what there is
            }
        }

        String lastLine() {
            String text;
            synchronized (tail) {
                text = tail.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
            }
            int nl = text.lastIndexOf('\n');
            return nl < 0 ? text : text.substring(nl + 1).strip();
        }
    }
}
