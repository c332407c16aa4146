package io.github.asr4j.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.testkit.RandomCheckpoint;
import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profiled run behind {@code asr4j profile}, on {@code mini} and the JFK clip. */
class ProfileRunTest {

    @Test
    void profilesOneWindowWithItsEncoderPassAndOneStepPerDecodedToken() {
        ProfileRun.Result r = ProfileRun.run(SharedData.require("models/mini"),
                SharedData.require("audio/jfk/jfk.flac"), new ProfileRun.Options(1, 3, 0));
        assertThat(r.prompt()).containsExactly(Mini.PROMPT);
        assertThat(r.tokens().length).isBetween(0, 3);
        assertThat(r.audioSeconds()).isBetween(10.9, 11.1);
        Profile p = r.profile();
        assertThat(p.threads()).isEqualTo(1);
        assertThat(p.at(SpanLevel.WINDOW)).hasSize(1);
        List<String> passes = p.at(SpanLevel.PASS).stream().map(ProfileEvent::name).toList();
        assertThat(passes.subList(0, 2)).containsExactly("encoder", "decoder.cross_kv");
        // the prompt, then one step per token except a last one that hit the limit
        int steps = 1 + Math.min(r.tokens().length, 2);
        assertThat(passes.subList(2, passes.size())).hasSize(steps).allMatch("decoder.step"::equals);
        for (ProfileEvent pass : p.at(SpanLevel.PASS)) {
            assertThat(p.byId(pass.parentId()).level()).isEqualTo(SpanLevel.WINDOW);
        }
    }

    @Test
    void profilesTheKvCacheThatTranscribeKeepsForTheWeights(@TempDir Path f16) {
        Path mini = SharedData.require("models/mini");
        Path jfk = SharedData.require("audio/jfk/jfk.flac");
        RandomCheckpoint.write(mini, f16, RandomCheckpoint.Precision.F16);
        // Float16 weights: transcribe keeps an F16 cache (WhisperModel.kvCacheFor), so the prompt's attention
        // ops read 2 bytes per cached element where the float32 checkpoint's read 4 (the same shapes).
        double ratio = (double) attentionBytesOfThePrompt(ProfileRun.run(f16, jfk, new ProfileRun.Options(1, 1, 0)))
                / attentionBytesOfThePrompt(ProfileRun.run(mini, jfk, new ProfileRun.Options(1, 1, 0)));
        assertThat(ratio).isBetween(0.45, 0.55);
    }

    /** Bytes of the attention ops inside the first decoder step (the prompt). */
    private static long attentionBytesOfThePrompt(ProfileRun.Result r) {
        Profile p = r.profile();
        int prompt = p.at(SpanLevel.PASS).stream().filter(e -> e.name().equals("decoder.step")).findFirst().orElseThrow().id();
        return p.at(SpanLevel.OP).stream().filter(e -> e.opType() == OpType.ATTENTION && within(p, e, prompt))
                .mapToLong(ProfileEvent::bytes).sum();
    }

    private static boolean within(Profile p, ProfileEvent e, int ancestor) {
        for (int id = e.parentId(); id >= 0; id = p.byId(id).parentId()) {
            if (id == ancestor) {
                return true;
            }
        }
        return false;
    }

    @Test
    void optionsRejectNonsense() {
        assertThatThrownBy(() -> new ProfileRun.Options(0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxTokens");
    }
}
