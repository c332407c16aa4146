package io.github.asr4j.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.Segment;
import io.github.asr4j.Transcript;
import io.github.asr4j.Word;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpeechChunksTest {
    private static final int S = SileroVad.SAMPLE_RATE;
    // speech at 1..2 s and 5..7 s: joined 0..1 s is the first, 1..3 s the second
    private final SpeechChunks chunks = SpeechChunks.of(List.of(new SpeechSegment(S, 2L * S), new SpeechSegment(5L * S, 7L * S)));

    @Test
    void joinsTheSpeechSamples() {
        float[] samples = new float[8 * S];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i;
        }
        float[] joined = chunks.join(samples);
        assertThat(joined).hasSize(3 * S);
        assertThat(joined[0]).isEqualTo(S);
        assertThat(joined[S]).isEqualTo(5 * S);
    }

    @Test
    void timesGoBackToTheInputTimeline() {
        assertThat(chunks.originalTime(0.5, chunks.chunkAt(0.5, false))).isEqualTo(1.5);
        assertThat(chunks.originalTime(1.5, chunks.chunkAt(1.5, false))).isEqualTo(5.5);
        // the end of the first chunk stays in it; a start there begins the second
        assertThat(chunks.originalTime(1.0, chunks.chunkAt(1.0, true))).isEqualTo(2.0);
        assertThat(chunks.originalTime(1.0, chunks.chunkAt(1.0, false))).isEqualTo(5.0);
        // past the joined audio: its end
        assertThat(chunks.originalTime(9.0, chunks.chunkAt(9.0, true))).isEqualTo(7.0);
    }

    @Test
    void wordsKeepToTheChunkOfTheirMiddleAndSegmentsSpanTheirWords() {
        Segment joined = new Segment(0, 0, 0.4, 1.4, " a b", List.of(1, 2), 0, -0.1, 1.0, 0.01,
                List.of(new Word(" a", 0.4, 0.9, 0.9), new Word(" b", 0.98, 1.4, 0.9)));
        Transcript t = chunks.restore(new Transcript(" a b", "en", Map.of(), List.of(joined)));
        Segment s = t.segments().getFirst();
        // " b" is in the second chunk by its middle (1.19 s); its start (0.98 s, in the first) is kept to that chunk
        assertThat(s.words()).extracting(Word::start).containsExactly(1.4, 5.0);
        assertThat(s.words()).extracting(Word::end).containsExactly(1.9, 5.4);
        assertThat(s.start()).isEqualTo(1.4);
        assertThat(s.end()).isEqualTo(5.4);
    }

    @Test
    void overlappingChunksAreRefused() {
        assertThatThrownBy(() -> SpeechChunks.of(List.of(new SpeechSegment(10, 20), new SpeechSegment(15, 30))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
    }
}
