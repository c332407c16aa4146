package io.github.asr4j.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.testkit.SharedData;
import java.util.List;
import org.junit.jupiter.api.Test;

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
    void optionsRejectNonsense() {
        assertThatThrownBy(() -> new ProfileRun.Options(0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxTokens");
    }
}
