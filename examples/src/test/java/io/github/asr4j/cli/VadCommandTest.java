package io.github.asr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.asr4j.testkit.SharedData;
import org.junit.jupiter.api.Test;

/** {@code asr4j vad} and the transcribe VAD flags, through {@link Main#run}. */
class VadCommandTest {
    @Test
    void printsSegmentsAndWithProbabilitiesOnePerWindowAsJson() throws Exception {
        String jfk = SharedData.require("audio/jfk/jfk.wav").toString();
        CliTest.Run plain = CliTest.run("vad", jfk);
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        String[] lines = plain.out().strip().split("\n");
        assertThat(lines.length).isGreaterThan(1);
        assertThat(lines[0]).matches("\\d+\\.\\d{3}\t\\d+\\.\\d{3}");

        CliTest.Run json = CliTest.run("vad", jfk, "--model", "v6", "--probabilities");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("probabilities")).hasSize((176000 + 511) / 512);
        JsonNode segments = root.get("segments");
        assertThat(segments.size()).isGreaterThan(1);
        double previousEnd = 0;
        for (JsonNode s : segments) {
            assertThat(s.get("start").asDouble()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(s.get("end").asDouble()).isGreaterThan(s.get("start").asDouble());
            previousEnd = s.get("end").asDouble();
        }
        assertThat(previousEnd).isLessThanOrEqualTo(11.0);
    }

    @Test
    void silenceHasNoSegments() throws Exception {
        CliTest.Run run = CliTest.run("vad", SharedData.require("audio/edge/silence_2s.wav").toString(), "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).get("segments")).isEmpty();
    }

    @Test
    void badInputIsAMessageNotAStackTrace() {
        CliTest.Run notAudio = CliTest.run("vad", SharedData.require("audio/edge/not_audio.wav").toString());
        assertThat(notAudio.exitCode()).isEqualTo(1);
        assertThat(notAudio.err()).contains("not_audio.wav").doesNotContain("\tat ").doesNotContain("Exception");
        CliTest.Run badModel = CliTest.run("vad", SharedData.require("audio/jfk/jfk.wav").toString(), "--model", "v7");
        assertThat(badModel.exitCode()).isEqualTo(1);
        assertThat(badModel.err()).contains("v5 or v6").doesNotContain("\tat ");
    }

    @Test
    void transcribeWithVadFilterOnSilencePrintsNothing() {
        CliTest.Run run = CliTest.run("transcribe", "--model", SharedData.require("models/mini").toString(),
                "--vad_filter", "True", "--vad_threshold", "0.6", "--vad_min_silence_duration_ms", "500",
                "--progress", "False", SharedData.require("audio/edge/silence_2s.wav").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEmpty();
    }

    @Test
    void hallucinationThresholdWithoutWordTimestampsIsAMessage() {
        CliTest.Run run = CliTest.run("transcribe", "--model", SharedData.require("models/mini").toString(),
                "--hallucination_silence_threshold", "2", SharedData.require("audio/jfk/jfk.wav").toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("word timestamps").doesNotContain("\tat ");
    }
}
