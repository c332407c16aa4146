package io.github.asr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.testkit.SharedData;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The transcribe flags as openai-whisper's users type them: None values, --fp16, language names, --model_dir. */
class OpenAiFlagsTest {
    static TranscribeOptions parse(String... args) {
        TranscribeCommand command = new TranscribeCommand();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    @Test
    void defaultsAreOpenAisCommandLineDefaults() {
        TranscribeOptions o = parse("--model", "m", "a.wav");
        assertThat(o.temperatures()).containsExactly(0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0);
        assertThat(o.beamSize()).isEqualTo(5);
        assertThat(o.bestOf()).isEqualTo(5);
        assertThat(o.compressionRatioThreshold()).isEqualTo(2.4);
        assertThat(o.logProbThreshold()).isEqualTo(-1.0);
        assertThat(o.noSpeechThreshold()).isEqualTo(0.6);
        assertThat(o.language()).isNull();
    }

    @Test
    void noneTurnsEachOptionalValueOff() {
        TranscribeOptions o = parse("--model", "m", "--temperature", "0.4",
                "--temperature_increment_on_fallback", "None", "--compression_ratio_threshold", "None",
                "--logprob_threshold", "None", "--no_speech_threshold", "None", "--beam_size", "None",
                "--best_of", "None", "--max_line_width", "None", "--max_line_count", "None",
                "--max_words_per_line", "None", "--language", "None", "a.wav");
        assertThat(o.temperatures()).as("no fallback").containsExactly(0.4);
        assertThat(o.compressionRatioThreshold()).isNull();
        assertThat(o.logProbThreshold()).isNull();
        assertThat(o.noSpeechThreshold()).isNull();
        assertThat(o.beamSize()).as("greedy").isNull();
        assertThat(o.patience()).isNull();
        assertThat(o.bestOf()).isNull();
        assertThat(o.language()).as("detected").isNull();
    }

    @Test
    void languagesByNameAndRenamedCodeBecomeOpenAisCodes() {
        assertThat(parse("--model", "m", "--language", "English", "a.wav").language()).isEqualTo("en");
        assertThat(parse("--model", "m", "--language", "Haitian Creole", "a.wav").language()).isEqualTo("ht");
        assertThat(parse("--model", "m", "--language", "iw", "a.wav").language()).isEqualTo("he");
        assertThat(parse("--model", "m", "--language", "he", "a.wav").language()).isEqualTo("he");
    }

    @Test
    void unknownLanguageIsAUsageErrorBeforeTheModelLoads() {
        CliTest.Run r = CliTest.run("transcribe", "--model", "/nonexistent/model", "--language", "Klingon", "a.wav");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--language").contains("'Klingon'").doesNotContain("model folder not found");
    }

    @Test
    void badNumberIsAUsageErrorNamingTheFlag() {
        CliTest.Run r = CliTest.run("transcribe", "--model", "m", "--beam_size", "five", "a.wav");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--beam_size").contains("'five'");
    }

    @Test
    void fp16IsSaidOnceAndModelDirFindsTheModel() {
        String jfk = SharedData.require("audio/jfk/jfk.wav").toString();
        CliTest.Run r = CliTest.run("transcribe", "--model_dir", SharedData.require("models").toString(),
                "--model", "mini", "--fp16", "True", "--language", "English", "--beam_size", "None",
                "--temperature_increment_on_fallback", "None", "--max_tokens", "4", "--progress", "false", jfk, jfk);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err().split("--fp16 is ignored", -1)).as("said once").hasSize(2);
        assertThat(r.out().lines().filter(l -> l.endsWith("jfk.wav:")).toList()).hasSize(2);
    }
}
