package io.github.asr4j.vad;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.asr4j.fuzz.Inputs;
import io.github.asr4j.fuzz.Outcomes;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.SafeTensorsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Silero VAD weights: the shipped v5 file with one fuzzed edit ({@link Inputs#edit}), loaded as
 * {@link SileroVad#load(Path)} loads a file (in memory, one parser).
 *
 * <ul>
 *   <li>{@link #weights}: an edit anywhere in the file, then one window of speech probability: a
 *       typed {@link VadModelException} or a probability in [0, 1]. Most edits land in the 2.3 MB of
 *       values, so most inputs build the network and run it (~200 inputs/s).</li>
 *   <li>{@link #header}: an edit in the 8-byte length or the JSON header (names, dtypes, shapes,
 *       offsets), then what the load does before it reads a value: the safetensors header parse and
 *       {@link SileroVad#requireTensors} (every tensor present, F32, of its shape); a typed
 *       {@link SafeTensorsException} (which the load wraps in a {@link VadModelException}) or a
 *       {@link VadModelException}. No value is read and no backend made, so a long run reaches 10^6 inputs.</li>
 * </ul>
 */
class VadWeightsFuzzTest {
    private static final byte[] V5 = resource(VadModel.V5.resource());
    private static final Path NAME = Path.of("fuzz_vad.safetensors");
    private static final float[] WINDOW = tone();
    /** The 8-byte length and the JSON header. */
    private static final int HEADER_REGION = 8 + (int) ByteBuffer.wrap(V5, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();

    @FuzzTest
    void weights(byte[] input) {
        byte[] file = Inputs.edit(V5, input);
        Outcomes.expectTyped(() -> {
            try (SileroVad vad = SileroVad.load("fuzz", NAME, file)) {
                float p = vad.newSession().probability(WINDOW, 0);
                if (!(p >= 0f && p <= 1f)) {
                    throw new AssertionError("speech probability " + p + " outside [0, 1]");
                }
            }
        }, VadModelException.class);
    }

    @FuzzTest
    void header(byte[] input) {
        byte[] file = Inputs.edit(V5, input, HEADER_REGION);
        Outcomes.expectTyped(() -> {
            try (SafeTensors weights = SafeTensors.read(NAME, file)) {
                SileroVad.requireTensors(weights);
            }
        }, SafeTensorsException.class, VadModelException.class);
    }

    private static float[] tone() {
        float[] w = new float[SileroVad.WINDOW];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / SileroVad.SAMPLE_RATE));
        }
        return w;
    }

    private static byte[] resource(String name) {
        try (InputStream in = SileroVad.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
