package io.github.asr4j.decode;

import static io.github.asr4j.decode.FakeVocab.EN;
import static io.github.asr4j.decode.FakeVocab.EOT;
import static io.github.asr4j.decode.FakeVocab.SOT;
import static io.github.asr4j.decode.FakeVocab.SOT_PREV;
import static io.github.asr4j.decode.FakeVocab.TRANSCRIBE;
import static io.github.asr4j.decode.FakeVocab.row;
import static io.github.asr4j.decode.FakeVocab.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The long-form loop, fallback and window decoder together over two scripted windows. */
class EndToEndTest {
    @Test
    void twoWindowsSeekByTheLastTimestampAndPromptTheSecondWithTheFirst() {
        // window at frame 0: <0.00> w1 <2.00><2.00> w2 <eot>; the pair ends a segment, "<2.00> w2" is
        // unfinished, so the next window starts at <2.00> = frame 200
        ScriptedModel first = new ScriptedModel()
                .after(new int[] {}, row(ts(0), 10))
                .after(new int[] {ts(0)}, row(1, 10))
                .after(new int[] {ts(0), 1}, row(ts(2.0), 10))
                .after(new int[] {ts(0), 1, ts(2.0)}, row(ts(2.0), 10, EOT, 5))
                .after(new int[] {ts(0), 1, ts(2.0), ts(2.0)}, row(2, 10))
                .after(new int[] {ts(0), 1, ts(2.0), ts(2.0), 2}, row(EOT, 10));
        // window at frame 200 (800 frames left): <0.00> w3 <3.00> <eot>: one segment 2.0 + 3.0 s
        ScriptedModel second = new ScriptedModel()
                .after(new int[] {}, row(ts(0), 10))
                .after(new int[] {ts(0)}, row(3, 10))
                .after(new int[] {ts(0), 3}, row(ts(3.0), 10))
                .after(new int[] {ts(0), 3, ts(3.0)}, row(EOT, 10));
        FallbackDecoder fallback = new FallbackDecoder(FakeVocab.windowDecoder(), FallbackPolicy.defaults());
        LongFormDecoder longForm = new LongFormDecoder(FakeVocab.SPECIAL, FakeVocab.TEXT_CONTEXT,
                FakeVocab.AUDIO_CONTEXT, FakeVocab.TEXT);

        LongFormDecoder.Result result = longForm.run(1000, (seek, frames, prompt) -> {
            ScriptedModel model = seek == 0 ? first : second;
            return fallback.decode(model::newState,
                    DecodingOptions.builder().prompt(prompt).build(), FallbackDecoder.windowSeed(7, seek));
        }, LongFormOptions.defaults());

        assertThat(result.segments()).hasSize(2);
        assertThat(result.segments().get(0).start()).isEqualTo(0.0);
        assertThat(result.segments().get(0).end()).isCloseTo(2.0, within(1e-9));
        assertThat(result.segments().get(1).start()).isCloseTo(2.0, within(1e-9));
        assertThat(result.segments().get(1).end()).isCloseTo(5.0, within(1e-9));
        assertThat(result.segments().get(1).seek()).isEqualTo(200);
        assertThat(result.text()).isEqualTo(" w1 w3");
        assertThat(second.feeds.get(0)).as("previous text, then the start sequence")
                .containsExactly(SOT_PREV, ts(0), 1, ts(2.0), SOT, EN, TRANSCRIBE);
        assertThat(first.feeds.get(0)).containsExactly(SOT, EN, TRANSCRIBE);
        assertThat(result.segments()).allSatisfy(s -> assertThat(s.temperature()).isZero());
    }
}
