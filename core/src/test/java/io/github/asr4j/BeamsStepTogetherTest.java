package io.github.asr4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.decode.BeamSearchDecoder;
import io.github.asr4j.decode.DecodeResult;
import io.github.asr4j.decode.DecoderState;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.model.WhisperModel;
import io.github.asr4j.testkit.SharedData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Beams stepped together through the batched decoder pass choose exactly what the same beams
 * stepped one after another choose, with the same log-probabilities (a batch of at most sixteen rows
 * takes the matrix-vector kernel, which sums every row as it sums one alone, and the beams'
 * cross-attention is one pass that gives each row its result alone).
 */
class BeamsStepTogetherTest {
    private static final int[] PROMPT = {50258, 50259, 50359}; // SOT, en, transcribe

    @Test
    void batchedBeamsEqualBeamsSteppedAlone() {
        try (Backend backend = Backends.cpu(2);
             WhisperModel model = WhisperModel.load(SharedData.require("models/mini"), backend);
             SafeTensors mel = SafeTensors.open(SharedData.require("mel/mel_goldens.safetensors"))) {
            float[] audio = model.encode(mel.tensor("jfk.log_mel_80").toFloatArray());
            int endOfText = 50257;
            for (int beams : new int[] {2, 5, 8}) {
                List<DecodeResult> together = search(new SessionState(model.newSession(audio), null), beams, endOfText);
                List<DecodeResult> alone = search(new OneByOne(new SessionState(model.newSession(audio), null)),
                        beams, endOfText);
                assertThat(together).as("beam %d", beams).hasSameSizeAs(alone);
                for (int i = 0; i < alone.size(); i++) {
                    assertThat(together.get(i).tokens()).as("beam %d candidate %d", beams, i)
                            .containsExactly(alone.get(i).tokens());
                    assertThat(together.get(i).sumLogProb()).isEqualTo(alone.get(i).sumLogProb());
                }
            }
        }
    }

    /**
     * The beams of files decoded in a batch join the batch's rounds as one request per file and step
     * (exactly) as each file's beams do alone, F32 and F16 caches; the rounds hold 20 rows, so they
     * are split into passes of whole requests.
     */
    @Test
    void beamsOfBatchedFilesEqualTheirSearchAlone() throws InterruptedException {
        for (io.github.asr4j.kernels.BufferType cache : io.github.asr4j.kernels.BufferType.values()) {
            try (Backend backend = Backends.cpu(2);
                 WhisperModel model = WhisperModel.load(SharedData.require("models/mini"), backend, cache);
                 SafeTensors mel = SafeTensors.open(SharedData.require("mel/mel_goldens.safetensors"))) {
                float[] jfk = mel.tensor("jfk.log_mel_80").toFloatArray();
                int[] beams = {5, 8, 5, 2};
                float[][] audio = new float[beams.length][];
                List<List<DecodeResult>> alone = new java.util.ArrayList<>();
                for (int f = 0; f < beams.length; f++) {
                    float[] m = jfk.clone();
                    for (int i = f; i < m.length; i += 7) {
                        m[i] += 0.05f * f;        // a window of its own
                    }
                    audio[f] = model.encode(m);
                    alone.add(search(new SessionState(model.newSession(audio[f]), null), beams[f], 50257));
                }
                StepBatcher batcher = new StepBatcher();
                List<StepBatcher.Worker> seats = new java.util.ArrayList<>();
                for (int f = 0; f < beams.length; f++) {
                    seats.add(batcher.join(f));
                }
                List<List<DecodeResult>> batched = new java.util.ArrayList<>(java.util.Collections.nCopies(beams.length, null));
                List<Thread> threads = new java.util.ArrayList<>();
                for (int f = 0; f < beams.length; f++) {
                    int file = f;
                    threads.add(Thread.ofPlatform().start(() -> {
                        try (StepBatcher.Worker seat = seats.get(file)) {
                            batched.set(file, search(new SessionState(model.newSession(audio[file]), seat), beams[file], 50257));
                        }
                    }));
                }
                for (Thread t : threads) {
                    t.join();
                }
                for (int f = 0; f < beams.length; f++) {
                    assertThat(batched.get(f)).as("%s cache, file %d", cache, f).hasSameSizeAs(alone.get(f));
                    for (int i = 0; i < alone.get(f).size(); i++) {
                        assertThat(batched.get(f).get(i).tokens()).as("%s cache, file %d, candidate %d", cache, f, i)
                                .containsExactly(alone.get(f).get(i).tokens());
                        assertThat(batched.get(f).get(i).sumLogProb()).isEqualTo(alone.get(f).get(i).sumLogProb());
                    }
                }
            }
        }
    }

    /**
     * Forks made into the caches of beams that ended choose exactly what fresh forks choose, with the
     * same log-probabilities, and the search does hand ended beams over (else this would compare
     * nothing); both sides step their beams together.
     */
    @Test
    void forksIntoEndedBeamsEqualFreshForks() {
        try (Backend backend = Backends.cpu(2);
             WhisperModel model = WhisperModel.load(SharedData.require("models/mini"), backend, null);
             SafeTensors mel = SafeTensors.open(SharedData.require("mel/mel_goldens.safetensors"))) {
            float[] audio = model.encode(mel.tensor("jfk.log_mel_80").toFloatArray());
            for (int beams : new int[] {2, 5, 8}) {
                int[] reused = {0};
                int[] none = {0};
                List<DecodeResult> reusing = search(new Forks(new SessionState(model.newSession(audio), null), true, reused),
                        beams, 50257);
                List<DecodeResult> fresh = search(new Forks(new SessionState(model.newSession(audio), null), false, none),
                        beams, 50257);
                assertThat(reused[0]).as("beam %d: forks into ended beams", beams).isPositive();
                assertThat(reusing).as("beam %d", beams).hasSameSizeAs(fresh);
                for (int i = 0; i < fresh.size(); i++) {
                    assertThat(reusing.get(i).tokens()).as("beam %d candidate %d", beams, i)
                            .containsExactly(fresh.get(i).tokens());
                    assertThat(reusing.get(i).sumLogProb()).isEqualTo(fresh.get(i).sumLogProb());
                }
            }
        }
    }

    private static List<DecodeResult> search(DecoderState state, int beams, int endOfText) {
        float[] first = state.step(PROMPT);
        return new BeamSearchDecoder(beams, null, List.of(), endOfText).search(state, first, 24, 440);
    }

    /** A state stepped together as its inner one, whose forks reuse ended beams (counted) or are always fresh. */
    private record Forks(DecoderState inner, boolean reuse, int[] reused) implements DecoderState {
        @Override
        public float[] step(int[] tokens) {
            return inner.step(tokens);
        }

        @Override
        public float[][] stepAll(int[] tokens) {
            return inner.stepAll(tokens);
        }

        @Override
        public float[][] stepTogether(List<? extends DecoderState> states, int[] tokens) {
            return inner.stepTogether(states.stream().map(s -> ((Forks) s).inner).toList(), tokens);
        }

        @Override
        public DecoderState fork() {
            return new Forks(inner.fork(), reuse, reused);
        }

        @Override
        public DecoderState forkInto(DecoderState spare) {
            if (!reuse) {
                return fork();
            }
            reused[0]++;
            return new Forks(inner.forkInto(((Forks) spare).inner), reuse, reused);
        }
    }

    /** A state whose copies step one after another (the default {@link DecoderState#stepTogether}). */
    private record OneByOne(DecoderState inner) implements DecoderState {
        @Override
        public float[] step(int[] tokens) {
            return inner.step(tokens);
        }

        @Override
        public float[][] stepAll(int[] tokens) {
            return inner.stepAll(tokens);
        }

        @Override
        public DecoderState fork() {
            return new OneByOne(inner.fork());
        }
    }
}
