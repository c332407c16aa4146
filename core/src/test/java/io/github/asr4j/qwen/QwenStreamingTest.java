package io.github.asr4j.qwen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.AudioFormatException;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcriber;
import io.github.asr4j.Transcript;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.audio.AudioStream;
import io.github.asr4j.audio.Resampler;
import io.github.asr4j.audio.SampleStreams;
import io.github.asr4j.testkit.SharedData;
import io.github.asr4j.vad.SileroVad;
import io.github.asr4j.vad.SpeechDetector;
import io.github.asr4j.vad.SpeechSegment;
import io.github.asr4j.vad.VadOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Qwen3-ASR read as a stream gives what the whole array gives: the speech stretches equal
 * {@link SpeechDetector#segments} over the whole input, the 20-minute cuts equal
 * {@link LowEnergySplit#pieces}, and qwen-mini's transcripts of a file equal those of its samples.
 */
class QwenStreamingTest {
    static final int RATE = 16000;
    static final TranscribeOptions TIMED = TranscribeOptions.defaults();
    static final TranscribeOptions UNTIMED = TranscribeOptions.builder().withoutTimestamps(true).build();

    @TempDir
    static Path dir;
    static Path jfk;
    static Path sonnet;
    static Path concatenation; // 3 min: sonnet, jfk, sonnet, jfk, sonnet
    static SileroVad vad;
    static Transcriber transcriber;

    @BeforeAll
    static void load() throws IOException {
        jfk = SharedData.require("audio/jfk/jfk.wav");
        sonnet = SharedData.require("audio/long/sonnet001.wav");
        float[] j = samples(jfk);
        float[] s = samples(sonnet);
        concatenation = writeWav(dir.resolve("long.wav"), RATE, concat(s, j, s, j, s));
        vad = SileroVad.load(TIMED.vadModel());
        Path folder = Files.createDirectories(dir.resolve("qwen-mini"));
        QwenTestData.miniFolder(folder);
        transcriber = Transcriber.builder(folder).threads(2).build();
    }

    @AfterAll
    static void close() {
        if (transcriber != null) transcriber.close();
        if (vad != null) vad.close();
    }

    @Test
    void speechStretchesReadInSmallBlocksEqualThoseOfTheWholeArray() throws IOException {
        VadOptions options = TIMED.vadOptions().withMaxSpeechDurationS(QwenTranscription.MAX_SPEECH_PIECE_SECONDS);
        for (Path file : List.of(jfk, sonnet, concatenation)) {
            float[] whole = samples(file);
            List<LowEnergySplit.Piece> streamed = QwenTranscription.speech(
                    QwenTranscription.scan(() -> trickle(whole, 997), vad), TIMED);
            assertThat(streamed).as(file.toString()).isNotEmpty().isEqualTo(pieces(SpeechDetector.segments(vad, whole, options)));
        }
        // a file at another rate: the stream resampled as read equals the whole file resampled
        Path upsampled = writeWav(dir.resolve("jfk24k.wav"), 24000, Resampler.resample(samples(jfk), RATE, 24000));
        float[] whole = Resampler.resample(AudioReader.read(upsampled).samples(), 24000, RATE);
        List<LowEnergySplit.Piece> streamed = QwenTranscription.speech(QwenTranscription.scan(
                () -> SampleStreams.resampled(AudioReader.open(upsampled), RATE), vad), TIMED);
        assertThat(streamed).isNotEmpty().isEqualTo(pieces(SpeechDetector.segments(vad, whole, options)));
    }

    @Test
    void untimedCutsReadAsAStreamEqualThoseOfTheWholeArrayAndCarryTheSameSamples() {
        int max = 20 * RATE; // the 20-minute limit lowered to 20 s, the rule unchanged
        SplittableRandom random = new SplittableRandom(7);
        for (int length : new int[] {0, 1, max, max + 1, max + 3 * RATE, 130 * RATE + 123, 200 * RATE}) {
            float[] samples = noise(length, random);
            for (int q = 0; q < 12; q++) { // quiet stretches at random places, some near a cut
                int at = random.nextInt(Math.max(1, length - 4000));
                Arrays.fill(samples, at, Math.min(length, at + random.nextInt(200, 4000)), 0.001f);
            }
            List<LowEnergySplit.Piece> streamed = new ArrayList<>();
            try (PieceReader input = new PieceReader(trickle(samples, 4099))) {
                QwenTranscription.untimedPieces(input, length, max, piece -> {
                    assertThat(input.copy(piece.start(), piece.end()))
                            .isEqualTo(Arrays.copyOfRange(samples, piece.start(), piece.end()));
                    streamed.add(piece);
                });
            }
            List<LowEnergySplit.Piece> whole = LowEnergySplit.pieces(samples, max);
            assertThat(streamed).as("length " + length).isEqualTo(whole);
            if (length > max + 5 * RATE) {
                assertThat(whole).hasSizeGreaterThan(1);
            }
        }
    }

    @Test
    void qwenMiniTranscriptsOfTheFileEqualThoseOfItsSamples() {
        for (Path file : List.of(jfk, sonnet, concatenation)) {
            float[] whole = samples(file);
            for (TranscribeOptions options : List.of(TIMED, UNTIMED)) {
                Transcript streamed = transcriber.transcribe(file, options);
                Transcript inMemory = transcriber.transcribe(whole, options);
                assertThat(streamed.segments()).as(file + " " + options.withoutTimestamps()).isNotEmpty();
                assertThat(streamed).as(file + " " + options.withoutTimestamps()).isEqualTo(inMemory);
            }
        }
    }

    @Test
    void aSampleThatIsNotFiniteIsNamedBeforeAnythingIsDecoded() {
        float[] samples = new float[3 * RATE];
        samples[2 * RATE + 5] = Float.NaN;
        assertThatThrownBy(() -> QwenTranscription.scan(() -> trickle(samples, 1000), null))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("audio sample " + (2 * RATE + 5) + " is NaN");
    }

    @Test
    void aStreamShorterOnItsSecondReadingIsATypedError() {
        try (PieceReader input = new PieceReader(trickle(new float[1000], 300))) {
            assertThat(input.copy(100, 900)).hasSize(800);
            assertThatThrownBy(() -> input.copy(900, 1200)).isInstanceOf(AudioFormatException.class)
                    .hasMessageContaining("ended at sample 1000");
        }
    }

    private static List<LowEnergySplit.Piece> pieces(List<SpeechSegment> segments) {
        return segments.stream().map(s -> new LowEnergySplit.Piece((int) s.startSample(), (int) s.endSample())).toList();
    }

    /** The samples as a stream that hands out at most {@code block} at a time. */
    private static AudioStream trickle(float[] samples, int block) {
        AudioStream in = SampleStreams.of(samples, RATE);
        return new AudioStream() {
            @Override
            public int sampleRate() {
                return RATE;
            }

            @Override
            public int channels() {
                return 1;
            }

            @Override
            public int read(float[] dst, int offset, int length) {
                return in.read(dst, offset, Math.min(length, block));
            }

            @Override
            public void close() {}
        };
    }

    private static float[] samples(Path file) {
        return AudioReader.read(file).samplesAt(RATE);
    }

    private static float[] concat(float[]... parts) {
        float[] out = new float[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static float[] noise(int n, SplittableRandom random) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (0.1 + 0.4 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
        }
        return s;
    }

    /** A 16-bit mono WAV of the samples (in [-1, 1)). */
    static Path writeWav(Path file, int rate, float[] samples) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : samples) {
            data.putShort((short) Math.max(-32768, Math.min(32767, Math.round(x * 32768f))));
        }
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(36 + data.capacity()).put("WAVE".getBytes());
        h.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
                .putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        h.put("data".getBytes()).putInt(data.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(data.array());
        return Files.write(file, out.toByteArray());
    }
}
