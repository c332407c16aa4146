package io.github.asr4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.AudioFormatException;
import io.github.asr4j.testkit.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed front end gives exactly what the whole-file one gives: resampled samples, and every
 * log-mel window at any start (odd starts, window ends, past the audio), bit for bit.
 */
class StreamingSpectrogramTest {
    @TempDir
    Path tmp;

    @Test
    void resamplingStreamEqualsWholeInputResampling() {
        for (String file : new String[] {"audio/edge/pcm_s16_44k1_stereo.wav", "audio/edge/pcm_s16_8k_mono.wav",
                "audio/jfk/jfk.flac"}) {
            Path path = SharedData.require(file);
            Audio whole = AudioReader.read(path);
            float[] expected = Resampler.resample(whole.samples(), whole.sampleRate(), AudioConstants.SAMPLE_RATE);
            float[] streamed = drain(ResamplingStream.of(AudioReader.open(path), AudioConstants.SAMPLE_RATE), new SplittableRandom(7));
            Signals.assertSameSamples(streamed, expected);
        }
    }

    @Test
    void windowsEqualTheWholeSpectrogramsWindows() throws IOException {
        Path long95 = writeWav(tmp.resolve("noise95.wav"), 95 * 16_000 + 77, 22_050);
        for (Path file : new Path[] {SharedData.require("audio/jfk/jfk.wav"),
                SharedData.require("audio/edge/pcm_s16_48k_stereo.wav"),
                SharedData.require("audio/librispeech-test-clean/1089-134686-0000.flac"),
                SharedData.require("audio/edge/one_sample.wav"), SharedData.require("audio/edge/empty_0_samples.wav"),
                SharedData.require("audio/edge/silence_2s.wav"), long95}) {
            LogMel logMel = new LogMel(80);
            Audio audio = AudioReader.read(file);
            LogMel.Spectrogram whole = logMel.computePadded(audio.samplesAt(AudioConstants.SAMPLE_RATE));
            try (StreamingSpectrogram streamed = new StreamingSpectrogram(() -> AudioReader.open(file), logMel)) {
                assertThat(streamed.contentFrames()).as(file.toString()).isEqualTo(whole.contentFrames());
                assertThat(streamed.frames()).isEqualTo(whole.frames());
                int c = whole.contentFrames();
                int[][] asks = {{0, 3000}, {1, 3000}, {0, 1234}, {577, 2999}, {Math.max(0, c - 1), 3000},
                        {c, 3000}, {Math.min(3001, whole.frames()), 100}, {whole.frames(), 3000}, {0, 3000}};
                for (int[] ask : asks) {
                    Signals.assertSameSamples(streamed.window(ask[0], ask[1]), whole.window(ask[0], ask[1]));
                }
            }
        }
    }

    @Test
    void aNonFiniteSampleIsNamed() throws IOException {
        float[] samples = new float[40_000];
        samples[33_333] = Float.POSITIVE_INFINITY;
        Path file = tmp.resolve("inf.wav");
        Files.write(file, floatWav(samples));
        assertThatThrownBy(() -> new StreamingSpectrogram(() -> AudioReader.open(file), new LogMel(80)))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("non-finite float sample")
                .hasMessageContaining("33333");
    }

    private static float[] drain(AudioStream in, SplittableRandom random) {
        try (in) {
            ByteBuffer all = ByteBuffer.allocate(64 << 20).order(ByteOrder.LITTLE_ENDIAN);
            float[] block = new float[5000];
            int n;
            while ((n = in.read(block, 0, 1 + random.nextInt(block.length))) >= 0) {
                for (int i = 0; i < n; i++) {
                    all.putFloat(block[i]);
                }
            }
            float[] out = new float[all.position() / 4];
            all.flip();
            all.asFloatBuffer().get(out);
            return out;
        }
    }

    /** A 16-bit mono WAV of seeded noise bursts and silence. */
    static Path writeWav(Path file, int samples, int rate) throws IOException {
        SplittableRandom r = new SplittableRandom(42);
        ByteBuffer data = ByteBuffer.allocate(2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            boolean loud = (i / 20_000) % 3 != 2;
            data.putShort((short) (loud ? r.nextInt(-8000, 8000) : 0));
        }
        Files.write(file, wav(1, rate, 16, data.array()));
        return file;
    }

    private static byte[] floatWav(float[] samples) {
        ByteBuffer data = ByteBuffer.allocate(4 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : samples) {
            data.putFloat(v);
        }
        return wav(3, 16_000, 32, data.array());
    }

    static byte[] wav(int tag, int rate, int bits, byte[] data) {
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        h.put("fmt ".getBytes()).putInt(16).putShort((short) tag).putShort((short) 1).putInt(rate)
                .putInt(rate * bits / 8).putShort((short) (bits / 8)).putShort((short) bits);
        h.put("data".getBytes()).putInt(data.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(data);
        return out.toByteArray();
    }
}
