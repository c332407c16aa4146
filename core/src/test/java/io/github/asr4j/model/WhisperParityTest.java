package io.github.asr4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.testkit.RandomCheckpoint.Precision;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.kernels.Backends;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numerical parity with the goldens of {@code shared/testdata/models} (whisper.cpp made to compute
 * in float32; see its README): encoder output, prompt logits, greedy logits and greedy tokens of
 * {@code mini}, {@code mini-128}, {@code tiny-shape} and {@code card}, with float32 weights and with
 * the weights rounded to float16.
 */
class WhisperParityTest {

    /**
     * Float16 weights against the float32 goldens: the difference is the rounding of each weight
     * (relative error up to 2^-11 = 4.9e-4), not an error of the network, so it needs its own
     * tolerance, set at about 2.5x the largest difference measured with {@code Backends.cpu()}:
     *
     * <pre>
     *   checkpoint   encoder   prompt logits  greedy logits (mini*: full rows; others: golden top 5)
     *   mini         1.7e-3    5.7e-3         5.6e-3
     *   mini-128     2.1e-3    4.9e-3         5.4e-3
     *   tiny-shape   1.6e-3    1.6e-2         6.0e-3
     *   card         2.1e-3    2.6e-2         1.3e-2
     * </pre>
     *
     * The logits differences are 4-5e-4 of the largest logit (12 for mini, 63 for card): the
     * weight rounding, carried through. Values are {logits, encoder}.
     */
    private static final Map<String, double[]> F16_TOLERANCE = Map.of(
            "mini", new double[] {1.5e-2, 5e-3},
            "mini-128", new double[] {1.5e-2, 5e-3},
            "tiny-shape", new double[] {4e-2, 5e-3},
            "card", new double[] {6e-2, 5e-3});

    private static Backend backend;

    @BeforeAll
    static void startBackend() {
        backend = Backends.cpu();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mini", "mini-128", "tiny-shape", "card"})
    void float32WeightsMatchTheGoldens(String checkpoint) {
        ModelGoldens g = ModelGoldens.read(checkpoint);
        ParityCheck.Measured m;
        try (WhisperModel model = WhisperModel.load(TestCheckpoints.folder(checkpoint, Precision.F32), backend)) {
            m = ParityCheck.run(model, g);
        }
        System.out.println(m.summary(checkpoint + " F32"));

        assertThat(m.encoderMaxAbs()).as("encoder_out max abs difference").isLessThanOrEqualTo(g.encoderAtol);
        assertThat(m.promptLogitsMaxAbs()).as("prompt_logits max abs difference").isLessThanOrEqualTo(g.logitsAtol);
        assertThat(m.greedyLogitsMaxAbs()).as("greedy logits max abs difference").isLessThanOrEqualTo(g.logitsAtol);
        assertThat(m.tokenMismatches()).as("greedy tokens that differ").isEmpty();
        assertThat(m.top5IdMismatches()).as("greedy top-5 ids that differ").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mini", "mini-128", "tiny-shape", "card"})
    void float16WeightsMatchTheGoldensWithinTheRoundingOfTheWeights(String checkpoint) {
        ModelGoldens g = ModelGoldens.read(checkpoint);
        double logitsTol = F16_TOLERANCE.get(checkpoint)[0];
        double encoderTol = F16_TOLERANCE.get(checkpoint)[1];
        ParityCheck.Measured m;
        try (WhisperModel model = WhisperModel.load(TestCheckpoints.folder(checkpoint, Precision.F16), backend)) {
            m = ParityCheck.run(model, g);
        }
        System.out.println(m.summary(checkpoint + " F16") + String.format("  (token check skipped at %d steps"
                + " with golden margin <= %.2g)", g.stepsWithMarginAtMost(2 * logitsTol), 2 * logitsTol));

        assertThat(m.encoderMaxAbs()).as("encoder_out max abs difference").isLessThanOrEqualTo(encoderTol);
        assertLogitsWithinWeightRounding(m, logitsTol);
    }

    private static void assertLogitsWithinWeightRounding(ParityCheck.Measured m, double logitsTol) {
        assertThat(m.promptLogitsMaxAbs()).as("prompt_logits max abs difference").isLessThanOrEqualTo(logitsTol);
        assertThat(m.greedyLogitsMaxAbs()).as("greedy logits max abs difference").isLessThanOrEqualTo(logitsTol);
        // A step whose golden margin is within twice the tolerance may legitimately flip under weight
        // rounding; every other step must choose the golden token.
        assertThat(m.tokenMismatches())
                .as("greedy tokens that differ where the golden margin exceeds 2 x %s", logitsTol)
                .filteredOn(t -> t.margin() > 2 * logitsTol)
                .isEmpty();
        // The order among the top 5 is not checked here: the values at the golden ids are (above).
    }

    /**
     * What {@link WhisperModel#kvCacheFor} rests on: float16 weights with a float16 KV cache (the
     * default for such checkpoints) stay within the float16 weights' own tolerance above, with the
     * same token check; the summary line prints the differences beside the F32-cache ones.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mini", "mini-128", "tiny-shape", "card"})
    void float16WeightsWithAFloat16KvCacheStayWithinTheWeightsTolerance(String checkpoint) {
        ModelGoldens g = ModelGoldens.read(checkpoint);
        double logitsTol = F16_TOLERANCE.get(checkpoint)[0];
        ParityCheck.Measured m;
        try (WhisperModel model = WhisperModel.load(TestCheckpoints.folder(checkpoint, Precision.F16), backend, null)) {
            assertThat(model.kvCache()).as("the KV cache float16 weights get by default").isEqualTo(BufferType.F16);
            m = ParityCheck.run(model, g);
        }
        System.out.println(m.summary(checkpoint + " F16 weights, F16 KV cache"));
        assertLogitsWithinWeightRounding(m, logitsTol);
    }

    @org.junit.jupiter.api.Test
    void float32WeightsKeepAFloat32KvCacheByDefault() {
        try (WhisperModel model = WhisperModel.load(TestCheckpoints.folder("mini", Precision.F32), backend, null)) {
            assertThat(model.kvCache()).isEqualTo(BufferType.F32);
        }
    }

    /** The same rule decides for weights quantized at load (the backend's format), whatever their stored type. */
    @org.junit.jupiter.api.Test
    void int8WeightsGetAQ8CrossCacheByDefaultAndAnExplicitChoiceWins() {
        try (Backend int8 = Backends.cpu(1, io.github.asr4j.kernels.WeightFormat.INT8)) {
            try (WhisperModel model = WhisperModel.load(TestCheckpoints.folder("mini", Precision.F32), int8, null)) {
                assertThat(model.kvCache()).isEqualTo(BufferType.Q8);
            }
            for (BufferType chosen : new BufferType[] {BufferType.F32, BufferType.F16}) {
                try (WhisperModel model = WhisperModel.load(TestCheckpoints.folder("mini", Precision.F32), int8, chosen)) {
                    assertThat(model.kvCache()).isEqualTo(chosen);
                }
            }
        }
        try (Backend stored = Backends.cpu(1);
             WhisperModel model = WhisperModel.load(TestCheckpoints.folder("mini", Precision.F32), stored, null)) {
            assertThat(model.kvCache()).as("float32 weights").isEqualTo(BufferType.F32);
        }
        assertThat(DecoderSession.selfCacheType(BufferType.Q8)).as("self caches beside a Q8 cross cache").isEqualTo(BufferType.F16);
        assertThat(DecoderSession.selfCacheType(BufferType.F32)).isEqualTo(BufferType.F32);
    }
}
