package io.github.asr4j.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.ProgressListener;
import io.github.asr4j.Segment;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcriber;
import io.github.asr4j.Transcript;
import io.github.asr4j.Word;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** vadFilter end to end on the random-weight {@code mini} checkpoint (its text is noise; its times are checked). */
class VadTranscriptionTest {
    private static Transcriber transcriber;

    @BeforeAll
    static void load() {
        transcriber = Transcriber.builder(SharedData.require("models/mini")).threads(2).build();
    }

    @AfterAll
    static void close() {
        transcriber.close();
    }

    private static TranscribeOptions.Builder vad() {
        return TranscribeOptions.builder().language("en").temperature(0).maxTokensPerWindow(24).vadFilter(true);
    }

    @Test
    void silenceAndNoiseGiveAnEmptyTranscriptWithoutDecoding() {
        for (String file : List.of("audio/edge/silence_2s.wav", "audio/edge/white_noise_10s.wav")) {
            AtomicInteger windows = new AtomicInteger();
            ProgressListener counting = (done, total) -> windows.incrementAndGet();
            Transcript t = transcriber.transcribe(SharedData.require(file), vad().build(), counting);
            assertThat(t.text()).as(file).isEmpty();
            assertThat(t.segments()).as(file).isEmpty();
            assertThat(windows.get()).as("windows decoded for " + file).isZero();
        }
    }

    @Test
    void segmentsAndWordsLieInsideTheSpeechChunks() {
        Path file = SharedData.require("audio/jfk/jfk.wav");
        float[] samples = AudioReader.read(file).samplesAt(SileroVad.SAMPLE_RATE);
        VadOptions split = VadOptions.transcription().withMinSilenceDurationMs(200).withSpeechPadMs(100); // pauses split
        List<SpeechSegment> chunks;
        try (SileroVad vad = SileroVad.load(VadModel.V6)) {
            chunks = SpeechDetector.segments(vad, samples, split);
        }
        assertThat(chunks).hasSizeGreaterThan(2);
        Transcript t = transcriber.transcribe(samples, vad().vadOptions(split).wordTimestamps(true).build());
        assertThat(t.segments()).isNotEmpty();
        for (Segment s : t.segments()) {
            assertThat(insideSomeChunk(chunks, s.start(), true)).as("segment start %s", s.start()).isTrue();
            assertThat(insideSomeChunk(chunks, s.end(), false)).as("segment end %s", s.end()).isTrue();
            for (Word w : s.words()) {
                assertThat(insideSomeChunk(chunks, w.start(), true) && insideSomeChunk(chunks, w.end(), false))
                        .as("word %s at %s..%s", w.word(), w.start(), w.end()).isTrue();
            }
        }
    }

    /** Within a chunk, allowing the 0.01 s rounding of mapped times. */
    private static boolean insideSomeChunk(List<SpeechSegment> chunks, double t, boolean start) {
        return chunks.stream().anyMatch(c -> t >= c.start() - 0.006 && t <= c.end() + 0.006);
    }

    @Test
    void vadAndClipTimestampsTogetherAreRefused() {
        assertThatThrownBy(() -> vad().clipTimestamps(List.of(1.0, 2.0)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clipTimestamps");
    }

    @Test
    void hallucinationSilenceThresholdNeedsWordTimestamps() {
        assertThatThrownBy(() -> TranscribeOptions.builder().hallucinationSilenceThreshold(2.0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("word timestamps");
        Transcript t = transcriber.transcribe(SharedData.require("audio/jfk/jfk.wav"), TranscribeOptions.builder()
                .language("en").temperature(0).maxTokensPerWindow(24).wordTimestamps(true)
                .hallucinationSilenceThreshold(1.0).build());
        assertThat(t.segments()).isNotEmpty().allMatch(s -> s.end() <= 11.01, "ends within the 11 s of audio");
    }
}
