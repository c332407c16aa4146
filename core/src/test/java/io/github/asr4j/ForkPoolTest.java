package io.github.asr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.model.DecoderSession;
import io.github.asr4j.model.WhisperModel;
import io.github.asr4j.testkit.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The pool lends a copy's memory again only after {@link ForkPool#reclaim} (a new attempt), within a
 * window and across windows, and every copy it lends steps as a fresh copy of its source does.
 */
class ForkPoolTest {
    private static final int[] PROMPT = {50258, 50259, 50359}; // SOT, en, transcribe

    @Test
    void copiesAreReusedAfterReclaimAndStepAsFreshCopies() {
        try (Backend backend = Backends.cpu(2);
             WhisperModel model = WhisperModel.load(SharedData.require("models/mini"), backend);
             SafeTensors mel = SafeTensors.open(SharedData.require("mel/mel_goldens.safetensors"))) {
            float[] jfk = mel.tensor("jfk.log_mel_80").toFloatArray();
            float[] other = jfk.clone();
            for (int i = 0; i < other.length; i++) {
                other[i] = -other[i] * 0.5f;
            }
            ForkPool pool = new ForkPool();
            DecoderSession window = model.newSession(model.encode(jfk));
            window.step(PROMPT);
            DecoderSession a = pool.copyOf(window);
            DecoderSession b = pool.copyOf(window);
            assertThat(b).isNotSameAs(a);
            a.step(new int[] {440});
            b.step(new int[] {441, 442});

            // a second attempt: the same window from its start, the copies' memory lent again in place
            pool.reclaim();
            window.reset();
            window.step(new int[] {50258, 50259});
            DecoderSession c = pool.copyOf(window);
            DecoderSession d = pool.copyOf(window);
            DecoderSession e = pool.copyOf(window);
            assertThat(c).isIn(a, b);
            assertThat(d).isIn(a, b).isNotSameAs(c);
            assertThat(e).isNotIn(a, b);
            stepsAsAFreshCopy(window, c);
            stepsAsAFreshCopy(window, e);

            // the next window: the copies attend to the new audio, in the old copies' caches
            pool.reclaim();
            DecoderSession next = model.newSession(model.encode(other), io.github.asr4j.profile.Profiler.off(), window);
            next.step(PROMPT);
            DecoderSession f = pool.copyOf(next);
            assertThat(f).isNotIn(c, d, e);
            stepsAsAFreshCopy(next, f);
            assertThatThrownBy(() -> c.step(new int[] {1})).isInstanceOf(IllegalStateException.class);
        }
    }

    private static void stepsAsAFreshCopy(DecoderSession source, DecoderSession copy) {
        DecoderSession fresh = source.copy();
        assertThat(copy.position()).isEqualTo(source.position());
        for (int token : new int[] {440, 3, 50257 - 1}) {
            assertThat(copy.step(new int[] {token})).isEqualTo(fresh.step(new int[] {token}));
        }
    }
}
