package io.github.asr4j.vad;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.asr4j.fuzz.Inputs;
import io.github.asr4j.fuzz.Outcomes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Silero VAD weights: the shipped v5 file with one fuzzed edit ({@link Inputs#edit}), loaded as
 * {@link SileroVad#load(Path)} loads a file (in memory, one parser), then one window of speech
 * probability: it must be a typed {@link VadModelException} or a probability in [0, 1].
 */
class VadWeightsFuzzTest {
    private static final byte[] V5 = resource(VadModel.V5.resource());
    private static final Path NAME = Path.of("fuzz_vad.safetensors");
    private static final float[] WINDOW = tone();

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
