package io.github.asr4j.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.Transcript;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** openai's {@code transcribe()} gives a cleared segment {@code "words": []} even without word timestamps. */
class JsonClearedSegmentTest {
    @Test
    void clearedSegmentHasEmptyWordsAndOthersNone() throws IOException {
        Transcript t = new Transcript(" Hi", "en", Map.of(), List.of(
                Transcripts.segment(0, 0, 0.0, 2.0, " Hi", List.of(50364, 2421, 50464), 0.0, -0.25, 0.6, 0.01, List.of()),
                Transcripts.segment(1, 0, 2.0, 2.0, "", List.of(), 0.0, -0.25, 0.6, 0.01, List.of())));
        // the bytes of Python's json.dumps of the dict openai builds for these two segments
        assertThat(WritersTest.render(OutputFormat.JSON, t, SubtitleOptions.DEFAULT)).isEqualTo(
                "{\"text\": \" Hi\", \"segments\": [{\"id\": 0, \"seek\": 0, \"start\": 0.0, \"end\": 2.0, "
                        + "\"text\": \" Hi\", \"tokens\": [50364, 2421, 50464], \"temperature\": 0.0, "
                        + "\"avg_logprob\": -0.25, \"compression_ratio\": 0.6, \"no_speech_prob\": 0.01}, "
                        + "{\"id\": 1, \"seek\": 0, \"start\": 2.0, \"end\": 2.0, \"text\": \"\", \"tokens\": [], "
                        + "\"temperature\": 0.0, \"avg_logprob\": -0.25, \"compression_ratio\": 0.6, "
                        + "\"no_speech_prob\": 0.01, \"words\": []}], \"language\": \"en\"}");
    }
}
