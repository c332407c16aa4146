package io.github.asr4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.profile.Profile;
import io.github.asr4j.profile.Profiler;
import io.github.asr4j.profile.RecordingProfiler;
import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every decoding option through the real network (random-weight {@code mini}): no crash, sane
 * segments, and the same output twice. The rules themselves are proven against openai-whisper's
 * behaviour with a scripted model in the decode package; this shows they hold together end to end.
 */
class TranscribeOptionsSweepTest {
    static final TranscribeOptions SHORT = TranscribeOptions.builder().language("en").maxTokensPerWindow(16).build();

    static Transcriber transcriber;
    static Path jfk;
    static Path sonnet;

    @BeforeAll
    static void load() {
        transcriber = Transcriber.builder(SharedData.require("models/mini")).threads(2).build();
        jfk = SharedData.require("audio/jfk/jfk.wav");
        sonnet = SharedData.require("audio/long/sonnet001.wav");
    }

    @AfterAll
    static void close() {
        if (transcriber != null) {
            transcriber.close();
        }
    }

    static Stream<Arguments> options() {
        return Stream.of(
                Arguments.of("greedy, no fallback", SHORT.toBuilder().temperature(0).build()),
                Arguments.of("default fallback schedule", SHORT),
                Arguments.of("beam search", SHORT.toBuilder().beamSize(3).patience(1.5).build()),
                Arguments.of("beam search, length penalty", SHORT.toBuilder().beamSize(2).lengthPenalty(0.6).build()),
                Arguments.of("sampling best of 3", SHORT.toBuilder().temperature(0.7).bestOf(3).seed(42).build()),
                Arguments.of("without timestamps", SHORT.toBuilder().withoutTimestamps(true).build()),
                Arguments.of("translate", SHORT.toBuilder().task(Task.TRANSLATE).build()),
                Arguments.of("initial prompt, carried", SHORT.toBuilder().initialPrompt("So, my fellow Americans")
                        .carryInitialPrompt(true).build()),
                Arguments.of("no previous-text conditioning", SHORT.toBuilder().conditionOnPreviousText(false).build()),
                Arguments.of("clip timestamps", SHORT.toBuilder().clipTimestamps(List.of(2.0, 9.5)).build()),
                Arguments.of("word timestamps", SHORT.toBuilder().wordTimestamps(true).build()),
                Arguments.of("suppress nothing, no blank rule", SHORT.toBuilder().suppressTokens(List.of())
                        .suppressBlank(false).build()),
                Arguments.of("no thresholds", SHORT.toBuilder().compressionRatioThreshold(null)
                        .logProbThreshold(null).noSpeechThreshold(null).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void runsAndRepeatsExactly(String name, TranscribeOptions options) {
        Transcript first = transcriber.transcribe(jfk, options);
        Transcript second = transcriber.transcribe(jfk, options);
        assertThat(second).as("same input and options, same output").isEqualTo(first);
        double previousStart = 0;
        for (Segment s : first.segments()) {
            assertThat(s.start()).isGreaterThanOrEqualTo(previousStart - 1e-9);
            // a window's timestamps reach 30 s past its start, also past the end of the audio (as in openai)
            assertThat(s.end()).isGreaterThanOrEqualTo(s.start()).isLessThanOrEqualTo(s.seek() / 100.0 + 30.0);
            previousStart = s.start();
            for (Word w : s.words()) {
                assertThat(w.end()).isGreaterThanOrEqualTo(w.start());
                assertThat(w.probability()).isBetween(0.0, 1.0);
            }
        }
        if (options.wordTimestamps()) {
            assertThat(first.segments()).anyMatch(s -> !s.words().isEmpty());
        }
    }

    /**
     * openai's command line sets beam_size and best_of together: beams at temperature 0, best-of
     * sampling once a window falls back. A compression threshold no text meets forces the fallback,
     * so every window ends at the last temperature, decoded by sampling.
     */
    @Test
    void beamsAtZeroAndBestOfOnFallbackGoTogether() {
        TranscribeOptions options = SHORT.toBuilder().beamSize(2).bestOf(2).temperatures(List.of(0.0, 0.5))
                .compressionRatioThreshold(0.1).build();
        Transcript first = transcriber.transcribe(jfk, options);
        assertThat(first.segments()).isNotEmpty().allMatch(seg -> seg.temperature() == 0.5);
        assertThat(transcriber.transcribe(jfk, options)).isEqualTo(first);
    }

    @Test
    void longAudioIsDecodedWindowByWindowInOrder() {
        Transcript t = transcriber.transcribe(sonnet, SHORT.toBuilder().temperature(0).build());
        assertThat(t.segments()).isNotEmpty();
        assertThat(t.segments().getLast().start()).isGreaterThanOrEqualTo(30.0);
        assertThat(t.segments()).extracting(Segment::seek).isSorted();
        assertThat(t.segments()).extracting(Segment::id)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, t.segments().size()).boxed().toList());
    }

    @Test
    void profilerRecordsEveryWindowWithoutChangingTheResult() {
        RecordingProfiler profiler = Profiler.recording();
        TranscribeOptions options = SHORT.toBuilder().temperature(0).build();
        try (Transcriber profiled = Transcriber.builder(SharedData.require("models/mini")).threads(2)
                .profiler(profiler).build()) {
            Transcript t = profiled.transcribe(sonnet, options);
            assertThat(t).isEqualTo(transcriber.transcribe(sonnet, options));
            Profile profile = profiler.snapshot();
            long windows = profile.events().stream().filter(e -> e.name().startsWith("window ")).count();
            assertThat(windows).isEqualTo(t.segments().stream().map(Segment::seek).distinct().count());
        }
    }
}
