package io.github.asr4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.testkit.RandomCheckpoint.Precision;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.kernels.WeightFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The accuracy cost of {@link WeightFormat#INT8} weights (quantized at load from the float32
 * checkpoint, blocks of 32 inputs, scale = max|w| / 127) against the float32 goldens. Each weight
 * moves by up to 1/254 of its block's largest magnitude, about 8x the float16 rounding, so the
 * differences are those of a perturbed network, not of a bug; the tolerances are about 2.5x the
 * largest difference measured (2 threads, Zen 5, 512-bit vectors):
 *
 * <pre>
 *   checkpoint   encoder   prompt logits   greedy logits
 *   mini         1.5e-2    0.10            0.085
 *   tiny-shape   1.6e-2    0.24            0.14
 *   card         2.9e-2    0.36            0.17     (measured once; not run here, to keep CI short)
 * </pre>
 *
 * The logits differences are about 1% of the largest logit (12 for mini), some 18x those of
 * float16 weights. One greedy token of mini flips (its golden margin is below the difference).
 *
 * Values are {logits, encoder}. Tokens are not compared: with random weights many golden margins
 * are smaller than the int8 perturbation.
 */
class Int8AccuracyTest {
    private static final Map<String, double[]> TOLERANCE = Map.of(
            "mini", new double[] {0.25, 0.04},
            "tiny-shape", new double[] {0.6, 0.04});

    private static Backend backend;

    @BeforeAll
    static void startBackend() {
        backend = Backends.cpu(Runtime.getRuntime().availableProcessors(), WeightFormat.INT8);
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    /** With either KV cache: int8 weights take an F16 cache by default in {@code Transcriber}, as whisper.cpp does. */
    @ParameterizedTest
    @CsvSource({"mini, F32", "mini, F16", "tiny-shape, F32", "tiny-shape, F16"})
    void int8WeightsStayCloseToTheFloat32Goldens(String checkpoint, BufferType kvCache) {
        ModelGoldens g = ModelGoldens.read(checkpoint);
        ParityCheck.Measured m;
        try (WhisperModel model = WhisperModel.load(TestCheckpoints.folder(checkpoint, Precision.F32), backend, kvCache)) {
            m = ParityCheck.run(model, g);
        }
        System.out.println(m.summary(checkpoint + " INT8, " + kvCache + " cache")
                + String.format("  (%d greedy tokens differ)", m.tokenMismatches().size()));
        assertThat(m.encoderMaxAbs()).as("encoder_out max abs difference").isLessThanOrEqualTo(TOLERANCE.get(checkpoint)[1]);
        assertThat(m.promptLogitsMaxAbs()).as("prompt_logits max abs difference").isLessThanOrEqualTo(TOLERANCE.get(checkpoint)[0]);
        assertThat(m.greedyLogitsMaxAbs()).as("greedy logits max abs difference").isLessThanOrEqualTo(TOLERANCE.get(checkpoint)[0]);
    }
}
