package io.github.asr4j.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.model.DecoderSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Activation capture on {@code mini}: nothing is copied unless wanted, and captured values equal a direct computation. */
class ActivationCaptureTest {
    /** float32 network vs double reference on values of order 1 (d = 64, sums of ≤ 1500 terms). */
    private static final double ACTIVATION_TOL = 2e-4;
    private static final double WEIGHT_TOL = 2e-5;

    private static Mini mini;
    private static Reference ref;

    @BeforeAll
    static void load() {
        mini = Mini.get();
        ref = new Reference(mini);
    }

    /** Counts every wants() call and fails on any accept(). */
    private static final class Refusing implements ActivationListener {
        final Map<String, Integer> asked = new HashMap<>();

        @Override
        public boolean wants(String name) {
            asked.merge(name, 1, Integer::sum);
            return false;
        }

        @Override
        public void accept(String name, float[] values, int[] shape) {
            throw new AssertionError("accept(" + name + ") after wants() returned false");
        }
    }

    @Test
    void aListenerThatWantsNothingIsAskedOncePerNameAndNeverHandedAnything() {
        Refusing refusing = new Refusing();
        float[] out = mini.model.encode(mini.mel, refusing);
        assertSame(out, mini.model.encode(mini.mel));
        assertThat(refusing.asked).containsKeys("encoder.conv1", "encoder.conv2", "encoder.layers.0",
                "encoder.layers.1.self_attn", "encoder.layers.1.self_attn.weights", "encoder.layer_norm");
        assertThat(refusing.asked.values()).allMatch(n -> n == 1);
        assertThat(refusing.asked).doesNotContainKey("encoder.layers.0.encoder_attn");

        Refusing inDecoder = new Refusing();
        DecoderSession s = mini.model.newSession(mini.encoderOut);
        float[] logits = s.step(Mini.PROMPT, inDecoder);
        assertSame(logits, mini.model.newSession(mini.encoderOut).step(Mini.PROMPT));
        assertThat(inDecoder.asked).containsKeys("decoder.embed", "decoder.layers.1.encoder_attn.weights",
                "decoder.logits");
        assertThat(inDecoder.asked.values()).allMatch(n -> n == 1);
    }

    @Test
    void capturedConv1EqualsADirectConvolutionOfTheMel() {
        ActivationRecorder rec = ActivationRecorder.matching("encoder.conv1");
        float[] out = mini.model.encode(mini.mel, rec);
        assertSame(out, mini.model.encode(mini.mel));
        assertThat(rec.captured()).hasSize(1);
        CapturedTensor conv1 = rec.last("encoder.conv1");
        assertThat(conv1.shape()).containsExactly(2 * Mini.T, Mini.D);
        assertClose(conv1.values(), ref.conv1(), ACTIVATION_TOL);
    }

    @Test
    void encoderCapturesHaveTheDocumentedShapesAndTheLastIsTheEncoderOutput() {
        ActivationRecorder rec = ActivationRecorder.matching("encoder.layers.*, encoder.layer_norm");
        mini.model.encode(mini.mel, rec);
        List<String> names = rec.captured().stream().map(CapturedTensor::name).toList();
        assertThat(names).containsExactly(
                "encoder.layers.0.self_attn.weights", "encoder.layers.0.self_attn", "encoder.layers.0.fc1",
                "encoder.layers.0.fc2", "encoder.layers.0",
                "encoder.layers.1.self_attn.weights", "encoder.layers.1.self_attn", "encoder.layers.1.fc1",
                "encoder.layers.1.fc2", "encoder.layers.1", "encoder.layer_norm");
        assertThat(rec.last("encoder.layers.0.self_attn.weights").shape()).containsExactly(Mini.HEADS, Mini.T, Mini.T);
        assertThat(rec.last("encoder.layers.1.fc1").shape()).containsExactly(Mini.T, Mini.FFN);
        assertThat(rec.last("encoder.layers.1").shape()).containsExactly(Mini.T, Mini.D);
        assertSame(rec.last("encoder.layer_norm").values(), mini.encoderOut);
        assertRowsAreDistributions(rec.last("encoder.layers.1.self_attn.weights").values(), Mini.T);
    }

    @Test
    void decoderLayerCapturesEqualADirectComputation() {
        ActivationRecorder rec = ActivationRecorder.matching("decoder.*");
        mini.model.newSession(mini.encoderOut).stepAllLogits(Mini.PROMPT, rec);
        int n = Mini.PROMPT.length;

        double[] x = ref.embed(Mini.PROMPT);
        assertClose(rec.last("decoder.embed").values(), x, 1e-6);
        for (int l = 0; l < 2; l++) {
            Reference.DecoderLayerOut want = ref.decoderLayer(l, x, mini.encoderOut);
            String p = "decoder.layers." + l;
            assertThat(rec.last(p + ".self_attn.weights").shape()).containsExactly(Mini.HEADS, n, n);
            assertClose(rec.last(p + ".self_attn.weights").values(), want.selfWeights(), WEIGHT_TOL);
            assertClose(rec.last(p + ".self_attn").values(), want.selfAttn(), ACTIVATION_TOL);
            assertThat(rec.last(p + ".encoder_attn.weights").shape()).containsExactly(Mini.HEADS, n, Mini.T);
            assertClose(rec.last(p + ".encoder_attn.weights").values(), want.crossWeights(), WEIGHT_TOL);
            assertClose(rec.last(p + ".encoder_attn").values(), want.crossAttn(), ACTIVATION_TOL);
            assertThat(rec.last(p).shape()).containsExactly(n, Mini.D);
            assertClose(rec.last(p).values(), want.out(), ACTIVATION_TOL);
            x = want.out();
        }
        assertThat(rec.last("decoder.logits").shape()).containsExactly(n, Mini.VOCAB);
    }

    @Test
    void crossAttentionWeightsOfAlignmentHeadsAreDistributionsEqualToADirectComputation() {
        int[] tokens = {50258, 50259, 50359, 50363, 400, 1000, 220, 50257};
        List<int[]> heads = List.of(new int[] {1, 0}, new int[] {0, 2}, new int[] {1, 3});
        float[][][] w = mini.model.crossAttentionWeights(mini.encoderOut, tokens, heads);
        assertThat(w.length).isEqualTo(3);

        double[] x0 = ref.embed(tokens);
        Reference.DecoderLayerOut layer0 = ref.decoderLayer(0, x0, mini.encoderOut);
        Reference.DecoderLayerOut layer1 = ref.decoderLayer(1, layer0.out(), mini.encoderOut);
        Reference.DecoderLayerOut[] byLayer = {layer0, layer1};
        int n = tokens.length;
        for (int a = 0; a < heads.size(); a++) {
            int layer = heads.get(a)[0];
            int head = heads.get(a)[1];
            assertThat(w[a].length).isEqualTo(n);
            for (int i = 0; i < n; i++) {
                assertThat(w[a][i].length).isEqualTo(Mini.T);
                double sum = 0;
                for (float p : w[a][i]) {
                    assertThat(p).isBetween(0f, 1f);
                    sum += p;
                }
                assertThat(sum).as("row %d of head %s sums to 1", i, heads.get(a)).isCloseTo(1.0,
                        org.assertj.core.api.Assertions.within(1e-4));
                double[] want = new double[Mini.T];
                System.arraycopy(byLayer[layer].crossWeights(), (head * n + i) * Mini.T, want, 0, Mini.T);
                assertClose(w[a][i], want, WEIGHT_TOL);
            }
        }
    }

    @Test
    void crossAttentionWeightsCutToTheAudioFramesAreASoftmaxOverThoseKeysOnly() {
        int[] tokens = {50258, 50259, 50359, 50363, 400, 50257};
        int frames = 550; // an 11 s clip: num_frames // 2
        float[][][] cut = mini.model.crossAttentionWeights(mini.encoderOut, tokens, List.of(new int[] {1, 2}), frames);
        Reference.DecoderLayerOut layer0 = ref.decoderLayer(0, ref.embed(tokens), mini.encoderOut);
        double[] full = ref.decoderLayer(1, layer0.out(), mini.encoderOut).crossWeights();
        int n = tokens.length;
        for (int i = 0; i < n; i++) {
            assertThat(cut[0][i]).hasSize(frames);
            // softmax over the first `frames` scores = the full softmax renormalised over them
            double[] want = new double[frames];
            double sum = 0;
            for (int j = 0; j < frames; j++) {
                want[j] = full[(2 * n + i) * Mini.T + j];
                sum += want[j];
            }
            for (int j = 0; j < frames; j++) {
                want[j] /= sum;
            }
            assertClose(cut[0][i], want, WEIGHT_TOL);
        }
        assertThatThrownBy(() -> mini.model.crossAttentionWeights(mini.encoderOut, tokens, List.of(new int[] {0, 0}), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audioFrames");
    }

    @Test
    void theCrossAttentionPassGivesTheWeightsAndTheLogitsOfOnePass() {
        int[] tokens = {50258, 50259, 50359, 50363, 400, 1000, 50257};
        List<int[]> heads = List.of(new int[] {1, 1}, new int[] {0, 3});
        DecoderSession s = mini.model.newSession(mini.encoderOut);
        DecoderSession.CrossAttentionPass pass = s.crossAttentionPass(tokens, heads);
        float[][][] weights = s.crossAttentionWeights(tokens, heads);
        float[][] logits = mini.model.newSession(mini.encoderOut).stepAllLogits(tokens);
        assertThat(pass.logits()).hasNumberOfRows(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            assertSame(pass.logits()[i], logits[i]);
            for (int a = 0; a < heads.size(); a++) {
                assertSame(pass.weights()[a][i], weights[a][i]);
            }
        }
    }

    @Test
    void crossAttentionWeightsLeaveTheSessionAsItWasAndRejectUnknownHeads() {
        DecoderSession s = mini.model.newSession(mini.encoderOut);
        s.step(Mini.PROMPT);
        s.crossAttentionWeights(new int[] {50258, 400}, List.of(new int[] {0, 0}));
        assertThat(s.position()).isEqualTo(Mini.PROMPT.length);
        assertThatThrownBy(() -> s.crossAttentionWeights(new int[] {50258}, List.of(new int[] {2, 0})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 0]").hasMessageContaining("2 layers");
        assertThatThrownBy(() -> s.crossAttentionWeights(new int[] {50258}, List.of(new int[] {0, 4})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 heads");
    }

    @Test
    void globPatternsMatchWholeNamesOnly() {
        ActivationRecorder r = ActivationRecorder.matching("encoder.layers.*.self_attn, decoder.logits");
        assertThat(r.wants("encoder.layers.3.self_attn")).isTrue();
        assertThat(r.wants("encoder.layers.3.self_attn.weights")).isFalse();
        assertThat(r.wants("decoder.logits")).isTrue();
        assertThat(r.wants("decoder.layers.0")).isFalse();
        assertThat(ActivationListener.NONE.wants("encoder.conv1")).isFalse();
    }

    private static void assertRowsAreDistributions(float[] w, int cols) {
        List<Integer> bad = new ArrayList<>();
        for (int r = 0; r < w.length / cols; r++) {
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += w[r * cols + c];
            }
            if (Math.abs(sum - 1) > 1e-4) {
                bad.add(r);
            }
        }
        assertThat(bad).as("rows not summing to 1").isEmpty();
    }

    /**
     * The same pass with and without a listener. Not compared bit for bit: the vector backend's
     * results move in the last bits while the JIT replaces the Vector API fallbacks by intrinsics.
     */
    private static void assertSame(float[] got, float[] want) {
        double[] w = new double[want.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = want[i];
        }
        assertClose(got, w, 1e-5);
    }

    static void assertClose(float[] got, double[] want, double tol) {
        assertThat(got.length).isEqualTo(want.length);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < got.length; i++) {
            double e = Math.abs(got[i] - want[i]);
            if (e > worst) {
                worst = e;
                at = i;
            }
        }
        assertThat(worst).as("max |error| at index %d", at).isLessThanOrEqualTo(tol);
    }
}
