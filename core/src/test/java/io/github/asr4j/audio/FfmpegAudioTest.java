package io.github.asr4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.asr4j.AudioFormatException;
import io.github.asr4j.UnsupportedAudioFormatException;
import io.github.asr4j.testkit.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Formats asr4j does not read itself, decoded through ffmpeg. Lossy codecs change the samples, so
 * each decoding is compared with the original WAV by its loudness envelope (RMS per 20 ms frame)
 * and its length, not sample by sample. Skips with a message when ffmpeg is not on the PATH
 * ({@code .ci/run} installs it).
 */
class FfmpegAudioTest {
    static Path ffmpeg;
    static float[] reference;

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsFfmpeg() {
        Optional<Path> found = FfmpegAudio.executable();
        assumeTrue(found.isPresent(), "ffmpeg is not on the PATH: install it (apt-get install ffmpeg) to run the ffmpeg decoding tests");
        ffmpeg = found.get();
        reference = AudioReader.read(SharedData.require("audio/jfk/jfk.wav")).samples(); // 16 kHz mono already
    }

    @Test
    void jfkMp3DecodesToTheSameSpeechAsJfkWav() {
        Path mp3 = SharedData.require("audio/edge/jfk.mp3");
        UnsupportedAudioFormatException refusal = assertRefused(mp3);
        assertThat(refusal.format()).startsWith("MP3");

        float[] samples = FfmpegAudio.read16kInstead(mp3, refusal);

        assertSameSpeech(samples, "jfk.mp3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ogg,  -c:a libvorbis -q:a 4",
            "opus, -c:a libopus -b:a 48k",
            "m4a,  -c:a aac -b:a 96k",
            "mp4,  -c:a aac -b:a 96k -c:v mpeg4 VIDEO",
    })
    void containersMadeByFfmpegDecodeToTheSameSpeech(String extension, String codecArgs) throws Exception {
        Path made = tmp.resolve("jfk." + extension);
        make(made, codecArgs);
        UnsupportedAudioFormatException refusal = assertRefused(made);

        assertSameSpeech(FfmpegAudio.read16kInstead(made, refusal), made.getFileName().toString());
    }

    @Test
    void fileNamesAreNeverReadAsOptionsOrShellSyntax() throws Exception {
        Path odd = tmp.resolve("-i x; echo $(touch pwned) 'it''s' %d.ogg");
        make(odd, "-c:a libvorbis");
        assertSameSpeech(FfmpegAudio.decode(ffmpeg, odd), "odd name");
        assertThat(tmp.resolve("pwned")).doesNotExist();
        assertThat(Path.of("pwned")).doesNotExist();
    }

    @Test
    void whatFfmpegCannotDecodeEitherIsATypedErrorWithBothReasons() {
        Path png = SharedData.require("audio/edge/not_audio.wav");
        UnsupportedAudioFormatException refusal = assertRefused(png);
        assertThatThrownBy(() -> FfmpegAudio.read16kInstead(png, refusal))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("not a recognised audio file")
                .hasMessageContaining("ffmpeg could not decode it either");
    }

    @Test
    void withoutFfmpegTheErrorNamesTheFormatAndHowToGetIt() {
        Path mp3 = SharedData.require("audio/edge/jfk.mp3");
        UnsupportedAudioFormatException refusal = assertRefused(mp3);
        assertThatThrownBy(() -> FfmpegAudio.read16kInstead(mp3, refusal, Optional.empty()))
                .isInstanceOf(UnsupportedAudioFormatException.class)
                .hasMessageContaining("jfk.mp3").hasMessageContaining("MP3")
                .hasMessageContaining("ffmpeg is not on the PATH").hasMessageContaining("apt-get install ffmpeg");
    }

    @Test
    void rawPcmReadsLittleEndianSignedSamplesAndRefusesAHalfSample() {
        byte[] pcm = {0, 0, (byte) 0xFF, 0x7F, 0, (byte) 0x80, (byte) 0xFF, (byte) 0xFF};
        assertThat(Pcm16.read(new ByteArrayInputStream(pcm), "stdin"))
                .containsExactly(0f, 32767 / 32768f, -1f, -1 / 32768f);
        assertThatThrownBy(() -> Pcm16.read(new ByteArrayInputStream(new byte[] {1, 2, 3}), "stdin"))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("stdin").hasMessageContaining("even byte count");
    }

    private static UnsupportedAudioFormatException assertRefused(Path file) {
        try {
            AudioReader.read(file);
        } catch (UnsupportedAudioFormatException e) {
            return e;
        }
        throw new AssertionError(file + " was read without ffmpeg; the test needs a format asr4j does not read");
    }

    private void make(Path out, String codecArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-i", SharedData.require("audio/jfk/jfk.wav").toString()));
        List<String> codec = new ArrayList<>(List.of(codecArgs.strip().split("\\s+")));
        if (codec.remove("VIDEO")) { // a small picture track, so the file is a video with a soundtrack
            cmd.addAll(List.of("-f", "lavfi", "-i", "color=c=blue:s=64x48:r=5", "-shortest"));
        }
        cmd.addAll(codec);
        cmd.add("file:" + out.toAbsolutePath());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor() == 0 && Files.size(out) > 0, () -> "this ffmpeg cannot encode " + codecArgs + ": " + log);
    }

    /** Same length (within codec padding) and the same loudness envelope as jfk.wav. */
    private static void assertSameSpeech(float[] decoded, String what) {
        assertThat(Math.abs(decoded.length - reference.length)).as(what + " length in samples vs jfk.wav")
                .isLessThan(FfmpegAudio.SAMPLE_RATE / 10);
        double r = envelopeCorrelation(decoded, reference);
        assertThat(r).as(what + ": correlation of the 20 ms RMS envelopes with jfk.wav").isGreaterThan(0.98);
    }

    private static double envelopeCorrelation(float[] a, float[] b) {
        int frame = FfmpegAudio.SAMPLE_RATE / 50;
        int n = Math.min(a.length, b.length) / frame;
        double[] ea = envelope(a, frame, n);
        double[] eb = envelope(b, frame, n);
        double ma = mean(ea);
        double mb = mean(eb);
        double num = 0;
        double da = 0;
        double db = 0;
        for (int i = 0; i < n; i++) {
            num += (ea[i] - ma) * (eb[i] - mb);
            da += (ea[i] - ma) * (ea[i] - ma);
            db += (eb[i] - mb) * (eb[i] - mb);
        }
        return num / Math.sqrt(da * db);
    }

    private static double[] envelope(float[] x, int frame, int n) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = i * frame; j < (i + 1) * frame; j++) {
                s += x[j] * x[j];
            }
            e[i] = Math.sqrt(s / frame);
        }
        return e;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
