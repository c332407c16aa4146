package io.github.asr4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading the C port's {@code --debug} stage lines: a captured run (antirez/qwen-asr b00b789 with the
 * reference patch, OpenBLAS, the 0.6B-shape checkpoint, jfk.wav, 33 tokens, 2 threads on a heavily
 * loaded machine — what it printed, not a speed claim), and outputs it must refuse.
 */
class QwenCPortTimingsTest {
    private static String captured() throws IOException {
        try (InputStream in = QwenCPortTimingsTest.class.getResourceAsStream("qwen-c-jfk-33-tokens.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheStagesOfACapturedRun() throws IOException {
        QwenCPortTimings t = QwenCPortTimings.parse(captured());

        assertThat(t.melMs()).isEqualTo(147);
        assertThat(t.encoderMs()).isEqualTo(14112);
        assertThat(t.audioTokens()).isEqualTo(143);
        assertThat(t.prefillMs()).isEqualTo(29200);
        assertThat(t.promptTokens()).isEqualTo(158); // 9 + 143 audio rows + 6
        assertThat(t.decodeTokens()).isEqualTo(33);
        assertThat(t.decodeMsPerToken()).isCloseTo(7264 / 33.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.totalMs()).isEqualTo(50747);

        QwenFigures f = QwenFigures.of(t, 2675.1);
        assertThat(f.totalMs()).isEqualTo(147 + 14112 + 29200 + 7264);
        assertThat(QwenFigures.fromJson(f.toJson())).isEqualTo(f);
    }

    @Test
    void refusesOutputWithoutTheDebugLinesOrWithSeveralSegments() throws IOException {
        String plain = "Inference: 50747 ms, 0 text tokens (0.00 tok/s, encoding: 14258ms, decoding: 36464ms)\n";
        assertThatThrownBy(() -> QwenCPortTimings.parse(plain))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Mel: F frames (X ms)'")
                .hasMessageContaining("--debug").hasMessageContaining("Inference: 50747");
        String twoSegments = captured() + "  Encoder: 100 tokens (10 ms)\n";
        assertThatThrownBy(() -> QwenCPortTimings.parse(twoSegments))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than one 'Encoder");
        String noTokens = captured().replace("Decode: 33 tokens", "Decode: 0 tokens");
        assertThatThrownBy(() -> QwenCPortTimings.parse(noTokens)).hasMessageContaining("decoded no token");
    }

    @Test
    void mediansPerFigure() {
        List<QwenFigures> runs = List.of(new QwenFigures(1, 10, 100, 300, 3, 50), new QwenFigures(3, 30, 300, 900, 3, 70),
                new QwenFigures(2, 20, 200, 600, 3, 60));
        assertThat(QwenBenchCommand.medians(runs)).containsEntry("encoder_ms", 20.0).containsEntry("decoder_ms_per_token", 200.0)
                .containsEntry("total_ms", 822.0).containsEntry("peak_rss_mb", 60.0);
    }

    @Test
    void theAutomaticPromptWrapsTheAudioRows() {
        int[] p = QwenBenchmark.prompt(151676, 143);
        assertThat(p).hasSize(158);
        assertThat(p[8]).isEqualTo(151669);   // <|audio_start|>
        assertThat(p[9]).isEqualTo(151676);
        assertThat(p[151]).isEqualTo(151676);
        assertThat(p[152]).isEqualTo(151670); // <|audio_end|>
    }
}
