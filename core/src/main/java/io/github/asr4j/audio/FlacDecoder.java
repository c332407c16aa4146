package io.github.asr4j.audio;

import io.github.asr4j.AudioFormatException;
import java.io.IOException;
import java.io.InputStream;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;

/**
 * Decodes FLAC with jflac-codec: any bit depth (scaled by 2^(bits-1), so 16 and 24-bit both land
 * in [-1, 1)), any channel count (averaged to mono), any sample rate.
 *
 * <p>jflac skips frames that fail their CRC and counts them; a silently shortened recording is a
 * wrong answer, so any bad frame is reported as an error here.
 */
final class FlacDecoder {
    private FlacDecoder() {}

    static Audio decode(InputStream in, String name) {
        try {
            return decodeOrThrow(in, name);
        } catch (java.io.EOFException e) {
            throw new AudioFormatException(name + ": FLAC stream ends early (truncated header or metadata)", e);
        } catch (IOException e) {
            throw new AudioFormatException(name + ": cannot decode FLAC: " + e, e);
        } catch (AudioFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // jflac signals some malformed streams with unchecked exceptions (array bounds, ...).
            throw new AudioFormatException(name + ": malformed FLAC stream (" + e + ")", e);
        }
    }

    private static Audio decodeOrThrow(InputStream in, String name) throws IOException {
        FLACDecoder decoder = new FLACDecoder(in);
        decoder.readMetadata();
        StreamInfo info = decoder.getStreamInfo();
        if (info == null) {
            throw new AudioFormatException(name + ": FLAC stream has no STREAMINFO block");
        }
        int channels = info.getChannels();
        int rate = info.getSampleRate();
        if (channels < 1 || rate < 1) {
            throw new AudioFormatException(name + ": FLAC STREAMINFO declares " + channels + " channels at " + rate + " Hz");
        }
        long declared = info.getTotalSamples(); // 0 means "unknown" in FLAC
        SampleBuffer out = new SampleBuffer(declared);
        ErrorCollector errors = new ErrorCollector(out);
        decoder.addFrameListener(errors);
        Frame frame;
        while ((frame = decoder.readNextFrame()) != null) {
            int n = frame.header.blockSize;
            int ch = frame.header.channels;
            int bits = frame.header.bitsPerSample > 0 ? frame.header.bitsPerSample : info.getBitsPerSample();
            if (bits < 4 || bits > 32) {
                throw new AudioFormatException(name + ": FLAC frame at sample " + out.size() + " has " + bits + " bits per sample");
            }
            double scale = 1.0 / (1L << (bits - 1)) / ch;
            ChannelData[] data = decoder.getChannelData();
            for (int i = 0; i < n; i++) {
                long sum = 0;
                for (int c = 0; c < ch; c++) {
                    sum += data[c].getOutput()[i];
                }
                out.add((float) (sum * scale));
            }
        }
        if (errors.first != null) {
            throw new AudioFormatException(name + ": corrupt FLAC stream: " + errors.count + " frame error(s), first: "
                    + errors.first + " (in the frame starting at sample " + errors.atSample + ")");
        }
        if (decoder.getBadFrames() > 0) {
            throw new AudioFormatException(name + ": " + decoder.getBadFrames()
                    + " FLAC frame(s) failed to decode (CRC or format error) after sample " + out.size());
        }
        if (declared > 0 && out.size() < declared) {
            throw new AudioFormatException(name + ": FLAC stream is truncated: STREAMINFO declares " + declared
                    + " samples, only " + out.size() + " decoded");
        }
        return new Audio(out.toArray(), rate, channels);
    }


    /**
     * jflac reports a frame whose CRC-16 does not match only to listeners (and then outputs
     * silence for it); collect those reports so they become an error instead.
     */
    private static final class ErrorCollector implements FrameListener {
        private final SampleBuffer out;
        String first;
        int count;
        long atSample = -1;

        ErrorCollector(SampleBuffer out) {
            this.out = out;
        }

        @Override
        public void processMetadata(Metadata metadata) {}

        @Override
        public void processFrame(Frame frame) {}

        @Override
        public void processError(String message) {
            if (first == null) {
                first = message;
                atSample = out.size();
            }
            count++;
        }
    }
}
