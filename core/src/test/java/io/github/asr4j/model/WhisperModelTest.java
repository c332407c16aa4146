package io.github.asr4j.model;

import io.github.asr4j.ModelLoadException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.asr4j.testkit.RandomCheckpoint;
import io.github.asr4j.testkit.RandomCheckpoint.Precision;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.profile.Profiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The session semantics (rewind, copy, limits), load-time errors and thread-count determinism, on {@code mini}. */
class WhisperModelTest {
    private static Backend backend;
    private static WhisperModel model;
    private static ModelGoldens goldens;
    private static float[] encoderOut;

    @BeforeAll
    static void load() {
        goldens = ModelGoldens.read("mini");
        backend = Backends.cpu();
        model = WhisperModel.load(TestCheckpoints.shared("mini"), backend);
        encoderOut = model.encode(goldens.mel);
    }

    @AfterAll
    static void close() {
        model.close();
        backend.close();
    }

    private static ModelGoldens.Prompt prompt(String name) {
        return goldens.prompts.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void stepAllLogitsGivesEveryPositionAndItsLastRowIsThePromptGolden() {
        ModelGoldens.Prompt p = prompt("prev");
        float[][] all = model.newSession(encoderOut).stepAllLogits(p.tokens());
        assertThat(all).hasNumberOfRows(p.tokens().length);
        assertThat(ParityCheck.maxAbs(all[all.length - 1], p.promptLogits())).isLessThanOrEqualTo(goldens.logitsAtol);

        // Feeding the same tokens one at a time gives the same rows (up to summation order).
        DecoderSession oneByOne = model.newSession(encoderOut);
        for (int i = 0; i < p.tokens().length; i++) {
            float[] row = oneByOne.step(new int[] {p.tokens()[i]});
            assertThat(ParityCheck.maxAbs(row, all[i])).as("position %d", i).isLessThanOrEqualTo(1e-5);
        }
        assertThat(oneByOne.position()).isEqualTo(p.tokens().length);
    }

    @Test
    void rewindForgetsPositionsSoRefeedingGivesIdenticalLogits() {
        ModelGoldens.Prompt p = prompt("notimestamps");
        DecoderSession s = model.newSession(encoderOut);
        s.step(p.tokens());
        int[] next = Arrays.copyOf(p.greedyTokens(), 3);
        float[] first = s.step(next);
        s.step(new int[] {7, 8, 9}); // something else, then go back
        s.rewind(p.tokens().length);
        assertThat(s.position()).isEqualTo(p.tokens().length);
        assertThat(s.step(next)).isEqualTo(first);

        s.reset();
        assertThat(s.position()).isZero();
        assertThat(ParityCheck.maxAbs(s.step(p.tokens()), p.promptLogits())).isLessThanOrEqualTo(goldens.logitsAtol);
        assertThatThrownBy(() -> s.rewind(s.position() + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.rewind(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copyIsIndependentOfItsOriginal() {
        ModelGoldens.Prompt p = prompt("timestamps");
        DecoderSession original = model.newSession(encoderOut);
        original.step(p.tokens());
        DecoderSession copy = original.copy();
        assertThat(copy.position()).isEqualTo(original.position());

        // The copy takes a different path; the original must still follow the golden one.
        copy.step(new int[] {1, 2, 3});
        float[] copyRow = copy.step(new int[] {4});
        float[] originalRow = original.step(new int[] {p.greedyTokens()[0]});
        assertThat(ParityCheck.maxAbs(originalRow, p.greedyLogits()[0]))
                .isLessThanOrEqualTo(goldens.logitsAtol);
        assertThat(copyRow).isNotEqualTo(originalRow);

        // A copy at the same position gives bit-identical logits to its original.
        DecoderSession twin = original.copy();
        assertThat(twin.step(new int[] {p.greedyTokens()[1]})).isEqualTo(original.step(new int[] {p.greedyTokens()[1]}));
    }

    /**
     * A copy into a sibling's caches (beam search reusing an ended beam) is the session a fresh copy
     * is: bit-identical logits step after step, though the sibling held other tokens at more
     * positions; the original is not changed. Into itself or into another window's session is refused.
     */
    @Test
    void copyIntoASiblingGivesWhatAFreshCopyGives() {
        ModelGoldens.Prompt p = prompt("timestamps");
        DecoderSession original = model.newSession(encoderOut);
        original.step(p.tokens());
        DecoderSession sibling = original.copy();
        sibling.step(new int[] {7, 8, 9, 10, 11, 12, 13, 14, 15});   // other rows, further on

        DecoderSession fresh = original.copy();
        DecoderSession reused = original.copyInto(sibling);
        assertThat(reused).isSameAs(sibling);
        assertThat(reused.position()).isEqualTo(original.position()).isEqualTo(fresh.position());
        for (int token : new int[] {p.greedyTokens()[0], 440, 50257 - 1, 3}) {
            assertThat(reused.step(new int[] {token})).isEqualTo(fresh.step(new int[] {token}));
        }
        assertThat(ParityCheck.maxAbs(original.step(new int[] {p.greedyTokens()[0]}), p.greedyLogits()[0]))
                .isLessThanOrEqualTo(goldens.logitsAtol);

        assertThatThrownBy(() -> original.copyInto(original)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> original.copyInto(model.newSession(encoderOut)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same window");
    }

    /**
     * A copy reusing a spare of another window (a copy kept from an earlier window) is a new session in
     * the spare's caches and gives bit for bit what a fresh copy gives; the spare is refused afterwards.
     * A spare of the same window is reused in place (as copyInto); itself or another model's is refused.
     */
    @Test
    void copyReusingASpareOfAnotherWindowGivesWhatAFreshCopyGives() {
        ModelGoldens.Prompt p = prompt("timestamps");
        float[] otherMel = otherMel();
        DecoderSession original = model.newSession(encoderOut);
        original.step(p.tokens());
        DecoderSession elsewhere = model.newSession(model.encode(otherMel));
        elsewhere.step(new int[] {7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
        DecoderSession spare = elsewhere.copy();

        DecoderSession fresh = original.copy();
        DecoderSession reused = original.copyReusing(spare);
        assertThat(reused).isNotSameAs(spare);
        assertThat(reused.position()).isEqualTo(original.position());
        for (int token : new int[] {p.greedyTokens()[0], 440, 3}) {
            assertThat(reused.step(new int[] {token})).isEqualTo(fresh.step(new int[] {token}));
        }
        assertThatThrownBy(() -> spare.step(new int[] {1}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("taken over");
        assertThatThrownBy(() -> original.copyReusing(spare)).isInstanceOf(IllegalStateException.class);

        DecoderSession sibling = original.copy();
        assertThat(original.copyReusing(sibling)).isSameAs(sibling);
        assertThatThrownBy(() -> original.copyReusing(original)).isInstanceOf(IllegalArgumentException.class);
        try (WhisperModel f16 = WhisperModel.load(TestCheckpoints.shared("mini"), backend, BufferType.F16)) {
            DecoderSession ofF16 = f16.newSession(encoderOut);
            assertThatThrownBy(() -> original.copyReusing(ofF16))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same model");
        }
    }

    /**
     * A session that takes over a finished window's memory (the next window of a long transcription)
     * is the session a fresh one is: bit-identical logits, with F32 and F16 caches, though the finished
     * session attended to other audio and held more positions. The finished session is refused
     * afterwards, as is taking over twice or across models.
     */
    @Test
    void aSessionTakingOverAFinishedWindowGivesWhatAFreshSessionGives() {
        ModelGoldens.Prompt p = prompt("timestamps");
        float[] otherMel = otherMel();
        try (WhisperModel f16 = WhisperModel.load(TestCheckpoints.shared("mini"), backend, BufferType.F16)) {
            for (WhisperModel m : new WhisperModel[] {model, f16}) {
                float[] window = m.encode(goldens.mel);
                DecoderSession finished = m.newSession(m.encode(otherMel));
                finished.step(new int[] {7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24});
                finished.copy().step(new int[] {5});

                DecoderSession next = m.newSession(window, Profiler.off(), finished);
                DecoderSession fresh = m.newSession(window);
                assertThat(next.position()).isZero();
                assertThat(next.step(p.tokens())).isEqualTo(fresh.step(p.tokens()));
                for (int token : new int[] {p.greedyTokens()[0], 440, 3}) {
                    assertThat(next.step(new int[] {token})).isEqualTo(fresh.step(new int[] {token}));
                }

                assertThatThrownBy(() -> finished.step(new int[] {1}))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("taken over");
                assertThatThrownBy(finished::copy).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> m.newSession(window, Profiler.off(), finished))
                        .isInstanceOf(IllegalStateException.class);
            }
            DecoderSession ofF16 = f16.newSession(encoderOut);
            assertThatThrownBy(() -> model.newSession(encoderOut, Profiler.off(), ofF16))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same model");
        }
        DecoderSession greedy = model.newSession(encoderOut, Profiler.off(), null); // nothing to take over: a new session
        assertThat(ParityCheck.maxAbs(greedy.step(p.tokens()), p.promptLogits())).isLessThanOrEqualTo(goldens.logitsAtol);
    }

    /**
     * A session encoded in place (its cross-attention K/V projected from the encoder's own output
     * buffer, no host copy) gives bit for bit what a session of the downloaded audio states gives,
     * fresh and taking over a finished window; the finished one is refused afterwards, and the
     * encoder, its scratch handed back, encodes again as before. F32 and F16 caches.
     */
    @Test
    void aSessionEncodedInPlaceGivesWhatASessionOfTheEncodedStatesGives() {
        ModelGoldens.Prompt p = prompt("timestamps");
        float[] otherMel = otherMel();
        try (WhisperModel f16 = WhisperModel.load(TestCheckpoints.shared("mini"), backend, BufferType.F16)) {
            for (WhisperModel m : new WhisperModel[] {model, f16}) {
                DecoderSession inPlace = m.encodeSession(goldens.mel, Profiler.off(), null);
                DecoderSession viaHost = m.newSession(m.encode(goldens.mel));
                assertThat(inPlace.step(p.tokens())).isEqualTo(viaHost.step(p.tokens()));
                for (int token : new int[] {p.greedyTokens()[0], 440, 3}) {
                    assertThat(inPlace.step(new int[] {token})).isEqualTo(viaHost.step(new int[] {token}));
                }

                DecoderSession next = m.encodeSession(otherMel, Profiler.off(), inPlace);
                DecoderSession fresh = m.newSession(m.encode(otherMel));
                assertThat(next.position()).isZero();
                assertThat(next.step(p.tokens())).isEqualTo(fresh.step(p.tokens()));
                assertThat(next.step(new int[] {440})).isEqualTo(fresh.step(new int[] {440}));
                assertThatThrownBy(() -> inPlace.step(new int[] {1}))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("taken over");
                assertThat(m.encode(goldens.mel)).isEqualTo(m.encode(goldens.mel));
            }
        }
        assertThat(ParityCheck.maxAbs(model.encodeSession(goldens.mel, Profiler.off(), null).step(p.tokens()),
                p.promptLogits())).isLessThanOrEqualTo(goldens.logitsAtol);
        assertThatThrownBy(() -> model.encodeSession(new float[80 * 2999], Profiler.off(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("240000");
    }

    /**
     * The self-attention caches grow as positions are fed (64 rows, then doubling). A session that grew
     * step by step through 64, 128, 256 and 448 rows gives at every position bit for bit the logits of
     * a session whose caches held all 448 rows from the start (one that took over a finished window
     * that had filled them: its stale rows past the position are never read); so do copies made on
     * the way, a copy into a sibling of smaller capacity, and copies stepped as one batch. F32 and F16.
     */
    @Test
    void cachesThatGrowGiveWhatWholeCachesGive() {
        ModelGoldens.Prompt p = prompt("timestamps");
        try (WhisperModel f16 = WhisperModel.load(TestCheckpoints.shared("mini"), backend, BufferType.F16)) {
            for (WhisperModel m : new WhisperModel[] {model, f16}) {
                int vocab = m.config().vocabSize();
                float[] window = m.encode(goldens.mel);
                DecoderSession filled = m.newSession(window);
                filled.step(new int[filled.maxPositions()]);
                DecoderSession whole = m.newSession(window, Profiler.off(), filled);
                assertThat(whole.capacity()).isEqualTo(448);
                DecoderSession growing = m.newSession(window);
                assertThat(growing.capacity()).isZero();

                assertThat(growing.step(p.tokens())).isEqualTo(whole.step(p.tokens()));
                assertThat(growing.capacity()).isEqualTo(64);
                DecoderSession smallSibling = growing.copy();
                assertThat(smallSibling.capacity()).isEqualTo(64);
                for (int i = 0; growing.position() < 300; i++) {
                    int[] token = {(i * 37 + 11) % vocab};
                    assertThat(growing.step(token)).as("position %d", growing.position()).isEqualTo(whole.step(token));
                }
                assertThat(growing.capacity()).isEqualTo(448);
                DecoderSession copy = whole.copy();
                assertThat(copy.capacity()).isEqualTo(448);
                assertThat(growing.copyInto(smallSibling)).isSameAs(smallSibling);
                assertThat(smallSibling.capacity()).isEqualTo(448);

                DecoderSession early = m.newSession(window);
                early.step(p.tokens());
                for (int i = 0; early.position() < 100; i++) {
                    early.step(new int[] {(i * 37 + 11) % vocab});
                }
                assertThat(early.capacity()).isEqualTo(128);
                DecoderSession earlyCopy = early.copy();
                assertThat(earlyCopy.capacity()).isEqualTo(128);

                int[] tokens = {5, 440, 3};
                float[][] batched = DecoderSession.stepBatch(new DecoderSession[] {smallSibling, copy, earlyCopy}, tokens);
                assertThat(batched[0]).isEqualTo(growing.step(new int[] {tokens[0]}));
                assertThat(batched[1]).isEqualTo(whole.step(new int[] {tokens[1]}));
                assertThat(batched[2]).isEqualTo(early.step(new int[] {tokens[2]}));
            }
        }
    }

    @Test
    void feedingPastMaxTargetPositionsIsRefusedWithoutChangingTheSession() {
        DecoderSession s = model.newSession(encoderOut);
        int max = s.maxPositions();
        assertThat(max).isEqualTo(448);
        s.step(new int[max - 1]);
        assertThatThrownBy(() -> s.step(new int[] {1, 2}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("448");
        assertThat(s.position()).isEqualTo(max - 1);
        s.step(new int[] {1}); // exactly at the limit is fine
        assertThatThrownBy(() -> s.step(new int[] {1})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badInputsAreRefusedWithAMessage() {
        DecoderSession s = model.newSession(encoderOut);
        assertThatThrownBy(() -> s.step(new int[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.step(new int[] {50258, 51865}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("51865");
        assertThatThrownBy(() -> s.step(new int[] {-1})).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.position()).isZero();
        assertThatThrownBy(() -> model.encode(new float[80 * 2999]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("240000");
        assertThatThrownBy(() -> model.newSession(new float[10])).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "scalar"})
    void oneAndTwoThreadsGiveBitIdenticalResults(String kind) {
        Path folder = TestCheckpoints.shared("mini");
        ModelGoldens.Prompt p = prompt("prev");
        float[][] results = new float[2][];
        float[][] encoded = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            try (Backend b = kind.equals("cpu") ? Backends.cpu(threads) : Backends.scalar(threads);
                 WhisperModel m = WhisperModel.load(folder, b)) {
                encoded[threads - 1] = m.encode(goldens.mel);
                DecoderSession s = m.newSession(encoded[threads - 1]);
                float[] prompt = s.step(p.tokens());
                float[] step = s.step(new int[] {p.greedyTokens()[0]});
                results[threads - 1] = concat(prompt, step);
            }
        }
        assertThat(encoded[1]).as("encoder output, 2 threads vs 1").isEqualTo(encoded[0]);
        assertThat(results[1]).as("logits, 2 threads vs 1").isEqualTo(results[0]);
    }

    @Test
    void concurrentSessionsOnOneModelGiveTheSequentialResults() throws Exception {
        // Kernel results may legitimately depend on how a backend's workers are shared between
        // callers; what is tested here is that sessions share no mutable state, so the scalar backend
        // (bit-reproducible) is used.
        try (Backend scalar = Backends.scalar(2);
             WhisperModel shared = WhisperModel.load(TestCheckpoints.shared("mini"), scalar);
             var pool = Executors.newFixedThreadPool(3)) {
            float[][] sequential = new float[goldens.prompts.size()][];
            for (int i = 0; i < sequential.length; i++) {
                sequential[i] = greedyRun(shared, goldens.prompts.get(i));
            }
            var futures = goldens.prompts.stream().map(p -> pool.submit(() -> greedyRun(shared, p))).toList();
            for (int i = 0; i < sequential.length; i++) {
                assertThat(futures.get(i).get()).as(goldens.prompts.get(i).name()).isEqualTo(sequential[i]);
            }
        }
    }

    /** Encodes (so encoders run concurrently too), feeds the prompt and four golden tokens; returns the last logits. */
    private static float[] greedyRun(WhisperModel model, ModelGoldens.Prompt p) {
        DecoderSession s = model.newSession(model.encode(goldens.mel));
        float[] logits = s.step(p.tokens());
        for (int k = 0; k < 4; k++) {
            logits = s.step(new int[] {p.greedyTokens()[k]});
        }
        return logits;
    }

    @Test
    void theScalarBackendPassesTheMiniGoldensToo() {
        try (Backend scalar = Backends.scalar(2);
             WhisperModel m = WhisperModel.load(TestCheckpoints.shared("mini"), scalar)) {
            ParityCheck.Measured r = ParityCheck.run(m, goldens);
            System.out.println(r.summary("mini F32 scalar"));
            assertThat(r.encoderMaxAbs()).isLessThanOrEqualTo(goldens.encoderAtol);
            assertThat(r.promptLogitsMaxAbs()).isLessThanOrEqualTo(goldens.logitsAtol);
            assertThat(r.greedyLogitsMaxAbs()).isLessThanOrEqualTo(goldens.logitsAtol);
            assertThat(r.tokenMismatches()).isEmpty();
        }
    }

    @Test
    void configIsTheCheckpointsOne() {
        assertThat(model.config().dModel()).isEqualTo(64);
        assertThat(model.config().vocabSize()).isEqualTo(51865);
        assertThat(encoderOut).hasSize(1500 * 64);
        assertThat(encoderOut[0]).isCloseTo(goldens.encoderOut[0], within((float) goldens.encoderAtol));
    }

    // ------------------------------------------------------------------ load errors

    @Test
    void aMissingTensorIsNamed(@TempDir Path dir) throws IOException {
        String missing = "model.decoder.layers.1.encoder_attn.v_proj.bias";
        writeMini(dir, shapes -> shapes.remove(missing));
        assertThatThrownBy(() -> WhisperModel.load(dir, backend))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(missing)
                .hasMessageContaining("model.safetensors");
    }

    @Test
    void aMisshapedTensorIsNamedWithBothShapes(@TempDir Path dir) throws IOException {
        String name = "model.encoder.layers.0.fc1.weight";
        writeMini(dir, shapes -> shapes.put(name, new int[] {255, 64}));
        assertThatThrownBy(() -> WhisperModel.load(dir, backend))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("[255, 64]")
                .hasMessageContaining("[256, 64]");
    }

    @Test
    void aStoredProjOutIsCheckedAndUsedInsteadOfTheTiedEmbedding(@TempDir Path dir) throws IOException {
        writeMini(dir, shapes -> shapes.put("proj_out.weight", new int[] {51865, 32}));
        assertThatThrownBy(() -> WhisperModel.load(dir, backend))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("proj_out.weight");

        // With a well-shaped (random, untied) proj_out, the logits are no longer the tied ones.
        writeMini(dir, shapes -> shapes.put("proj_out.weight", new int[] {51865, 64}));
        try (WhisperModel untied = WhisperModel.load(dir, backend)) {
            float[] logits = untied.newSession(encoderOut).step(prompt("notimestamps").tokens());
            assertThat(ParityCheck.maxAbs(logits, prompt("notimestamps").promptLogits())).isGreaterThan(0.1);
        }
    }

    private static void writeMini(Path dir, Consumer<Map<String, int[]>> edit) throws IOException {
        Path shared = TestCheckpoints.shared("mini");
        Files.copy(shared.resolve("config.json"), dir.resolve("config.json"),
                StandardCopyOption.REPLACE_EXISTING);
        RandomCheckpoint.Spec spec = RandomCheckpoint.Spec.read(shared.resolve("config.json"));
        Map<String, int[]> shapes = new LinkedHashMap<>(RandomCheckpoint.shapes(spec));
        edit.accept(shapes);
        RandomCheckpoint.writeSafetensors(spec, dir.resolve("model.safetensors"), Precision.F32, shapes);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A second window's log-mel: the goldens' one negated and halved (other audio, same shape). */
    private float[] otherMel() {
        float[] mel = goldens.mel.clone();
        for (int i = 0; i < mel.length; i++) {
            mel[i] = -mel[i] * 0.5f;
        }
        return mel;
    }
}
