package io.github.asr4j.decode;

import static io.github.asr4j.decode.FakeVocab.SPACE;
import static io.github.asr4j.decode.FakeVocab.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * transcribe.py's loop over scripted window results; every expected seek, time and prompt is
 * worked out by hand from openai's code in the comments.
 */
class LongFormDecoderTest {
    private final LongFormDecoder decoder = new LongFormDecoder(FakeVocab.SPECIAL, FakeVocab.TEXT_CONTEXT,
            FakeVocab.AUDIO_CONTEXT, FakeVocab.TEXT);

    private record Call(int seek, int segmentFrames, List<Integer> prompt) {}

    /** Window results by seek; records each call. */
    private static final class Windows implements LongFormDecoder.WindowDecoding {
        final Map<Integer, DecodingResult> bySeek = new HashMap<>();
        final List<Call> calls = new ArrayList<>();

        Windows at(int seek, DecodingResult result) {
            bySeek.put(seek, result);
            return this;
        }

        @Override
        public DecodingResult decode(int seek, int segmentFrames, int[] prompt) {
            calls.add(new Call(seek, segmentFrames, ScriptedModel.toList(prompt)));
            DecodingResult result = bySeek.get(seek);
            if (result == null) {
                throw new AssertionError("no window scripted at seek " + seek);
            }
            return result;
        }
    }

    private static DecodingResult result(double temperature, double avgLogProb, double noSpeech, int... tokens) {
        return new DecodingResult(tokens, "", avgLogProb * (tokens.length + 1), avgLogProb, noSpeech, temperature,
                1.0);
    }

    private static DecodingResult speech(int... tokens) {
        return result(0.0, -0.2, 0.01, tokens);
    }

    private static List<Integer> list(int... tokens) {
        return ScriptedModel.toList(tokens);
    }

    @Test
    void segmentsAreCutAtTimestampPairsAndTheNextWindowStartsAtTheLastCompleteOne() {
        int[] first = {ts(0), 1, 2, ts(2.0), ts(2.0), 3, ts(5.5), ts(6.0), 4};
        int[] second = {ts(0), 5, ts(1.0)};
        int[] third = {ts(0), 6, ts(3.0), ts(3.0), 7, ts(5.0)};
        Windows windows = new Windows().at(0, speech(first)).at(550, speech(second)).at(3550, speech(third));

        LongFormDecoder.Result result = decoder.run(5000, windows, LongFormOptions.defaults());

        // window 0: timestamps at 0, 3, 4, 6, 7; consecutive pairs (3,4) and (6,7) cut before 4 and 7:
        // [<0.00> w1 w2 <2.00>] 0.0-2.0 and [<2.00> w3 <5.50>] 2.0-5.5; "<6.00> w4" is unfinished
        // (the output does not end in a single timestamp), so seek += (275 = <5.50>) * 2 frames = 550.
        // window 550 (offset 5.5 s, 3000 frames): no pair; the last timestamp <1.00> ends the one
        // segment: 5.5-6.5; seek += 3000 -> 3550.
        // window 3550: min(3000, 5000 - 3550) = 1450 frames; pair (2,3) cuts; it ends in a single
        // timestamp, so the tail is a segment too: 35.5-38.5 and 38.5-40.5; seek += 1450 -> 5000, done.
        assertThat(windows.calls).extracting(Call::seek).containsExactly(0, 550, 3550);
        assertThat(windows.calls).extracting(Call::segmentFrames).containsExactly(3000, 3000, 1450);
        double[][] times = {{0.0, 2.0}, {2.0, 5.5}, {5.5, 6.5}, {35.5, 38.5}, {38.5, 40.5}};
        assertThat(result.segments()).hasSize(times.length);
        for (int i = 0; i < times.length; i++) {
            DecodedSegment s = result.segments().get(i);
            assertThat(s.id()).isEqualTo(i);
            assertThat(s.start()).as("start of %d", i).isCloseTo(times[i][0], within(1e-9));
            assertThat(s.end()).as("end of %d", i).isCloseTo(times[i][1], within(1e-9));
        }
        assertThat(result.segments()).extracting(DecodedSegment::text)
                .containsExactly(" w1 w2", " w3", " w5", " w6", " w7");
        assertThat(result.segments()).extracting(DecodedSegment::seek).containsExactly(0, 0, 550, 3550, 3550);
        assertThat(result.segments().get(1).tokens()).containsExactly(ts(2.0), 3, ts(5.5));

        // the prompt is every committed token, timestamps included; the unfinished "<6.00> w4" is not
        List<Integer> afterFirst = list(ts(0), 1, 2, ts(2.0), ts(2.0), 3, ts(5.5));
        assertThat(windows.calls.get(0).prompt()).isEmpty();
        assertThat(windows.calls.get(1).prompt()).isEqualTo(afterFirst);
        List<Integer> afterSecond = new ArrayList<>(afterFirst);
        afterSecond.addAll(list(second));
        assertThat(windows.calls.get(2).prompt()).isEqualTo(afterSecond);
        assertThat(result.text()).isEqualTo(" w1 w2 w3 w5 w6 w7");
    }

    @Test
    void aWindowWithLikelySilenceAndLowConfidenceIsSkipped() {
        Windows windows = new Windows()
                .at(0, result(0.0, -1.5, 0.9, ts(0), 1)) // 0.9 > 0.6 and -1.5 <= -1: skipped
                .at(3000, result(0.0, -0.5, 0.9, ts(0), 2)) // confident enough: kept
                .at(6000, speech());
        LongFormDecoder.Result result = decoder.run(7000, windows, LongFormOptions.defaults());

        assertThat(windows.calls).extracting(Call::seek).containsExactly(0, 3000, 6000);
        assertThat(windows.calls.get(1).prompt()).as("a skipped window adds nothing").isEmpty();
        // window 3000: no closing timestamp, so the segment runs to the window's end (30 s later);
        // window 6000: 1000 frames, no tokens: a 10 s segment with no text, cleared but kept
        assertThat(result.segments()).hasSize(2);
        assertThat(result.segments().get(0).start()).isEqualTo(30.0);
        assertThat(result.segments().get(0).end()).isEqualTo(60.0);
        assertThat(result.segments().get(1).end()).isEqualTo(70.0);
        assertThat(result.segments().get(1).text()).isEmpty();

        Windows again = new Windows().at(0, result(0.0, -1.5, 0.9, ts(0), 1, ts(1.0)));
        LongFormDecoder.Result unskipped = decoder.run(3000, again, LongFormOptions.defaults().withThresholds(null, -1.0));
        assertThat(unskipped.segments()).extracting(DecodedSegment::text).containsExactly(" w1");
    }

    @Test
    void thePromptResetsAfterAHighTemperatureOrWithoutConditioning() {
        Windows windows = new Windows()
                .at(0, speech(ts(0), 1, ts(1.0)))
                .at(3000, result(0.6, -0.2, 0.01, ts(0), 2, ts(1.0)))
                .at(6000, speech(ts(0), 3, ts(1.0)))
                .at(9000, speech(ts(0), 4, ts(1.0)));
        decoder.run(12000, windows, LongFormOptions.defaults());
        assertThat(windows.calls).extracting(Call::prompt).containsExactly(
                list(),
                list(ts(0), 1, ts(1.0)),
                list(), // window 3000 needed 0.6 > 0.5: everything so far is dropped
                list(ts(0), 3, ts(1.0)));

        windows.calls.clear();
        decoder.run(12000, windows, LongFormOptions.defaults().withConditionOnPreviousText(false));
        assertThat(windows.calls).extracting(Call::prompt).containsOnly(list());
    }

    @Test
    void theInitialPromptLeadsTheFirstPromptButNotTheText() {
        Windows windows = new Windows()
                .at(0, speech(ts(0), 1, ts(1.0)))
                .at(3000, result(0.8, -0.2, 0.01, ts(0), 2, ts(1.0)))
                .at(6000, speech(ts(0), 3, ts(1.0)));
        LongFormDecoder.Result result = decoder.run(9000, windows,
                LongFormOptions.defaults().withInitialPrompt(new int[] {40, 41}, false));
        assertThat(windows.calls).extracting(Call::prompt).containsExactly(
                list(40, 41),
                list(40, 41, ts(0), 1, ts(1.0)),
                list());
        assertThat(result.text()).isEqualTo(" w1 w2 w3");
        assertThat(result.tokens()).startsWith(40, 41);
    }

    @Test
    void aCarriedInitialPromptHeadsEveryPromptAndLeavesRoomForTheRest() {
        int[] initial = new int[220];
        java.util.Arrays.fill(initial, 40);
        Windows windows = new Windows()
                .at(0, speech(ts(0), 1, 2, 3, ts(1.0)))
                .at(3000, result(0.8, -0.2, 0.01, ts(0), 4, ts(1.0)))
                .at(6000, speech(ts(0), 5, ts(1.0)));
        decoder.run(9000, windows, LongFormOptions.defaults().withInitialPrompt(initial, true));

        // remaining_prompt_length = 448 // 2 - 1 - 220 = 3: the initial prompt + the last 3 tokens
        // committed since max(len(initial), prompt_reset_since)
        List<Integer> head = ScriptedModel.toList(initial);
        List<Integer> second = new ArrayList<>(head);
        second.addAll(list(2, 3, ts(1.0)));
        assertThat(windows.calls.get(0).prompt()).isEqualTo(head);
        assertThat(windows.calls.get(1).prompt()).isEqualTo(second);
        assertThat(windows.calls.get(2).prompt()).as("reset: only the initial prompt").isEqualTo(head);
    }

    @Test
    void clipTimestampsLimitTheWindows() {
        Windows windows = new Windows()
                .at(100, speech(ts(0), 1))
                .at(5000, speech(ts(0), 2, ts(1.0)))
                .at(8000, speech(ts(0), 3, ts(1.0)));
        // "1,3,50": clips (100, 300) and (5000, content end 10000)
        LongFormDecoder.Result result =
                decoder.run(10000, windows, LongFormOptions.defaults().withClipTimestamps(1.0, 3.0, 50.0));
        assertThat(windows.calls).extracting(Call::seek).containsExactly(100, 5000, 8000);
        assertThat(windows.calls).extracting(Call::segmentFrames).containsExactly(200, 3000, 2000);
        // the first clip's segment has no closing timestamp: it lasts the clip's 200 frames
        assertThat(result.segments().get(0).start()).isEqualTo(1.0);
        assertThat(result.segments().get(0).end()).isEqualTo(3.0);
        assertThat(result.segments().get(1).start()).isEqualTo(50.0);

        Windows none = new Windows();
        decoder.run(5000, none, LongFormOptions.defaults().withClipTimestamps(50.0, 200.0));
        assertThat(none.calls).as("a clip past the end of the audio").isEmpty();
        assertThat(LongFormDecoder.seekClips(new double[] {0.005, 0.015}, 100))
                .as("round half to even").containsExactly(new int[] {0, 2});
    }

    @Test
    void instantaneousAndBlankSegmentsAreClearedAndLeftOutOfThePrompt() {
        Windows windows = new Windows()
                .at(0, speech(ts(1.0), 1, ts(1.0), ts(1.0), 2, ts(3.0)))
                .at(3000, speech(ts(0), SPACE, ts(1.0), ts(1.0), 3, ts(2.0)))
                .at(6000, speech());
        LongFormDecoder.Result result = decoder.run(6100, windows, LongFormOptions.defaults());

        assertThat(result.segments()).extracting(DecodedSegment::text).containsExactly("", " w2", "", " w3", "");
        assertThat(result.segments().get(0).tokens()).isEmpty();
        assertThat(result.segments().get(0).start()).isEqualTo(result.segments().get(0).end());
        assertThat(windows.calls.get(1).prompt()).isEqualTo(list(ts(1.0), 2, ts(3.0)));
        assertThat(result.tokens()).containsExactly(ts(1.0), 2, ts(3.0), ts(1.0), 3, ts(2.0));
    }

    @Test
    void aWindowThatWouldNotAdvanceMovesOnInsteadOfLooping() {
        // <0.00><0.00> is a pair ending at position 0: openai would seek += 0 and decode it again
        Windows windows = new Windows().at(0, speech(ts(0), ts(0), 1)).at(3000, speech());
        decoder.run(4000, windows, LongFormOptions.defaults());
        assertThat(windows.calls).extracting(Call::seek).containsExactly(0, 3000);
    }

    @Test
    void theWindowHookSeesTheCutsAndMayMoveTheSeek() {
        Windows windows = new Windows()
                .at(0, speech(ts(0), 1, ts(2.0), ts(2.0), 2))
                .at(100, speech(ts(0), 3, ts(1.0)));
        List<LongFormDecoder.CutWindow> seen = new ArrayList<>();
        LongFormDecoder.Result result = decoder.run(3100, windows, LongFormOptions.defaults(), window -> {
            seen.add(window);
            return window.previousSeek() == 0 ? 100 : window.seek();
        });
        assertThat(seen.get(0).seek()).as("openai's choice: <2.00> -> frame 200").isEqualTo(200);
        assertThat(seen.get(0).singleTimestampEnding()).isFalse();
        assertThat(seen.get(1).singleTimestampEnding()).isTrue();
        assertThat(windows.calls).extracting(Call::seek).containsExactly(0, 100);
        assertThat(result.segments()).hasSize(2);
    }
}
