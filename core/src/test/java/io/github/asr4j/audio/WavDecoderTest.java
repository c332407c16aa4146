package io.github.asr4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.asr4j.AudioFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** WAV decoding on hand-built files: layouts, normalisation, and malformed headers. */
class WavDecoderTest {

    /** Builds RIFF/WAVE bytes from chunks; sizes are taken as given, so they can lie. */
    private static final class Riff {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Riff chunk(String id, long declaredSize, byte[] body) {
            out.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(le(4).putInt((int) declaredSize).array());
            out.writeBytes(body);
            return this;
        }

        Riff chunk(String id, byte[] body) {
            chunk(id, body.length, body);
            if ((body.length & 1) != 0) {
                out.write(0);
            }
            return this;
        }

        byte[] bytes() {
            byte[] body = out.toByteArray();
            ByteBuffer b = le(12 + body.length);
            b.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(4 + body.length);
            b.put("WAVE".getBytes(StandardCharsets.ISO_8859_1)).put(body);
            return b.array();
        }
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] fmt(int tag, int channels, int rate, int bitsPerSample) {
        int blockAlign = channels * ((bitsPerSample + 7) / 8);
        return le(16).putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bitsPerSample).array();
    }

    private static byte[] extensible(int channels, int rate, int bits, int subFormatTag) {
        int blockAlign = channels * bits / 8;
        ByteBuffer b = le(40).putShort((short) 0xFFFE).putShort((short) channels).putInt(rate)
                .putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits)
                .putShort((short) 22).putShort((short) bits).putInt(0);
        b.putShort((short) subFormatTag).put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        return b.array();
    }

    private static byte[] shorts(int... values) {
        ByteBuffer b = le(values.length * 2);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    private static Audio read(byte[] wav) {
        return AudioReader.read(wav, "test.wav");
    }

    @Test
    void threeChannelsAreAveraged() {
        byte[] wav = new Riff().chunk("fmt ", fmt(1, 3, 22_050, 16))
                .chunk("data", shorts(3000, 6000, 9000, -300, 0, 300)).bytes();
        Audio a = read(wav);
        assertThat(a.channels()).isEqualTo(3);
        assertThat(a.sampleRate()).isEqualTo(22_050);
        assertThat(a.samples()).containsExactly(6000 / 32768f, 0f);
    }

    @Test
    void integerFormatsUseTheirFullScale() {
        byte[] u8 = new Riff().chunk("fmt ", fmt(1, 1, 8000, 8)).chunk("data", new byte[] {0, (byte) 128, (byte) 255}).bytes();
        assertThat(read(u8).samples()).containsExactly(-1f, 0f, 127 / 128f);

        byte[] s24 = new Riff().chunk("fmt ", fmt(1, 1, 8000, 24))
                .chunk("data", new byte[] {0, 0, (byte) 0x80, (byte) 0xFF, (byte) 0xFF, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF})
                .bytes();
        assertThat(read(s24).samples()).containsExactly(-1f, (float) (8388607 / 8388608.0), (float) (-1 / 8388608.0));

        byte[] s32 = new Riff().chunk("fmt ", fmt(1, 1, 8000, 32))
                .chunk("data", le(8).putInt(Integer.MIN_VALUE).putInt(1 << 30).array()).bytes();
        assertThat(read(s32).samples()).containsExactly(-1f, 0.5f);
    }

    @Test
    void floatFormatsAreTakenAsTheyAre() {
        byte[] f64 = new Riff().chunk("fmt ", fmt(3, 1, 16_000, 64))
                .chunk("data", le(16).putDouble(0.25).putDouble(-0.125).array()).bytes();
        assertThat(read(f64).samples()).containsExactly(0.25f, -0.125f);

        byte[] extFloat = new Riff().chunk("fmt ", extensible(2, 16_000, 32, 3))
                .chunk("data", le(8).putFloat(0.5f).putFloat(0.25f).array()).bytes();
        assertThat(read(extFloat).samples()).containsExactly(0.375f);
    }

    @Test
    void nonFiniteFloatSamplesAreRejectedWithTheirPosition() {
        byte[] nan = new Riff().chunk("fmt ", fmt(3, 1, 16_000, 32))
                .chunk("data", le(12).putFloat(0.1f).putFloat(0.2f).putFloat(Float.NaN).array()).bytes();
        assertThatThrownBy(() -> read(nan)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("test.wav").hasMessageContaining("non-finite")
                .hasMessageContaining("sample frame 2").hasMessageContaining("byte offset 52");

        byte[] inf = new Riff().chunk("fmt ", fmt(3, 1, 16_000, 64))
                .chunk("data", le(8).putDouble(Double.NEGATIVE_INFINITY).array()).bytes();
        assertThatThrownBy(() -> read(inf)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("-Infinity").hasMessageContaining("sample frame 0");
    }

    @Test
    void extensibleWithAnUnknownSubFormatIsRejected() {
        byte[] ext = extensible(1, 16_000, 16, 1);
        ext[30] = 0x11; // corrupt the GUID tail
        byte[] wav = new Riff().chunk("fmt ", ext).chunk("data", shorts(1)).bytes();
        assertThatThrownBy(() -> read(wav)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("SubFormat GUID");
    }

    @Test
    void compressedFormatTagsAreNamed() {
        byte[] mulaw = new Riff().chunk("fmt ", fmt(7, 1, 8000, 8)).chunk("data", new byte[4]).bytes();
        assertThatThrownBy(() -> read(mulaw)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("unsupported WAV format tag 0x0007 (mu-law)").hasMessageContaining("byte offset 20");
    }

    @Test
    void structuralErrorsNameTheProblem() {
        byte[] dataFirst = new Riff().chunk("data", shorts(1, 2)).chunk("fmt ", fmt(1, 1, 16_000, 16)).bytes();
        assertThatThrownBy(() -> read(dataFirst)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("'data' chunk comes before any 'fmt ' chunk");

        byte[] shortFmt = new Riff().chunk("fmt ", new byte[8]).chunk("data", shorts(1)).bytes();
        assertThatThrownBy(() -> read(shortFmt)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("'fmt ' chunk size 8");

        byte[] noData = new Riff().chunk("fmt ", fmt(1, 1, 16_000, 16)).chunk("LIST", new byte[4]).bytes();
        assertThatThrownBy(() -> read(noData)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("no 'data' chunk before the end of the file");

        byte[] zeroChannels = new Riff().chunk("fmt ", fmt(1, 0, 16_000, 16)).chunk("data", shorts(1)).bytes();
        assertThatThrownBy(() -> read(zeroChannels)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("channel count is 0");

        byte[] headerOnly = java.util.Arrays.copyOf(new Riff().chunk("fmt ", fmt(1, 1, 16_000, 16)).bytes(), 20);
        assertThatThrownBy(() -> read(headerOnly)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("'fmt ' chunk declares 16 bytes but the file ends after 0");
    }

    @Test
    void forgedSizesOnAStreamCostOnlyWhatIsThere() {
        // A data chunk claiming 4 GB on a stream of unknown length: the 3 samples present are
        // returned, nothing near 4 GB is allocated.
        byte[] hugeData = new Riff().chunk("fmt ", fmt(1, 1, 16_000, 16))
                .chunk("data", 0xFFFF_FFF0L, shorts(1, 2, 3)).bytes();
        InputStream stream = new ByteArrayInputStream(hugeData);
        assertThat(AudioReader.read(stream, "stream").samples()).containsExactly(1 / 32768f, 2 / 32768f, 3 / 32768f);

        byte[] hugeList = new Riff().chunk("fmt ", fmt(1, 1, 16_000, 16))
                .chunk("LIST", 0xFFFF_FFF0L, new byte[100]).bytes();
        assertThatThrownBy(() -> AudioReader.read(new ByteArrayInputStream(hugeList), "stream"))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("chunk 'LIST' declares 4294967280 bytes, beyond the end of the file")
                .hasMessageContaining("byte offset 36");
    }

    @Test
    void partialTrailingFrameIsDropped() {
        byte[] wav = new Riff().chunk("fmt ", fmt(1, 2, 16_000, 16)).chunk("data", 12, shorts(100, 300, 7)).bytes();
        assertThat(read(wav).samples()).containsExactly(200 / 32768f);
    }

    @Test
    void nonWaveContentIsRecognisedAndRefused() {
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("empty file");
        byte[] avi = "RIFF\0\0\0\0AVI LIST".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read(avi)).hasMessageContaining("unsupported format: RIFF file of type 'AVI ', not WAVE");
        byte[] ogg = "OggS\0\2\0\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read(ogg)).hasMessageContaining("unsupported format: Ogg");
        byte[] mp3Frame = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64, 0, 0, 0, 0};
        assertThatThrownBy(() -> read(mp3Frame)).hasMessageContaining("unsupported format: MP3");
        byte[] text = "hello world, not audio".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> read(text)).isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("not a recognised audio file").hasMessageContaining("68 65 6C 6C");
    }

    @Test
    void durationFollowsTheRate() {
        byte[] wav = new Riff().chunk("fmt ", fmt(1, 1, 8000, 16)).chunk("data", new byte[8000 * 2]).bytes();
        assertThat(read(wav).durationSeconds()).isCloseTo(1.0, within(1e-12));
    }
}
