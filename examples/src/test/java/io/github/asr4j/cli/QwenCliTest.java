package io.github.asr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcriber;
import io.github.asr4j.Transcript;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.testkit.QwenMiniFolder;
import io.github.asr4j.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asr4j transcribe} and {@code asr4j dump} with a Qwen3-ASR folder (qwen-mini, random weights). */
class QwenCliTest {
    @TempDir
    static Path folder;
    @TempDir
    Path tmp;
    static Path jfk;

    @BeforeAll
    static void assemble() {
        QwenMiniFolder.assemble(folder);
        jfk = SharedData.require("audio/jfk/jfk.wav");
    }

    /** The official whole-clip decoding (no VAD, to keep the test short; the timed pieces are tested in core). */
    @Test
    void transcribeWritesWhatTheLibraryGives() throws Exception {
        CliTest.Run r = CliTest.run("transcribe", "--model", folder.toString(), "--threads", "2", "--language", "en",
                "--without_timestamps", "--output_format", "all", "--output_dir", tmp.toString(), jfk.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Transcript expected;
        try (Transcriber t = Transcriber.builder(folder).threads(2).build()) {
            expected = t.transcribe(jfk, TranscribeOptions.builder().language("en").withoutTimestamps(true).build());
        }
        assertThat(expected.text()).isNotEmpty();
        assertThat(Files.readString(tmp.resolve("jfk.txt")).strip()).isEqualTo(expected.text().strip());
        String subtitles = Files.readString(tmp.resolve("jfk.srt"));
        assertThat(subtitles.lines().filter(l -> l.contains(" --> ")).toList())
                .containsExactly("00:00:00,000 --> 00:00:11,000"); // one piece: the whole clip
        assertThat(Files.readString(tmp.resolve("jfk.json"))).contains("\"language\": \"en\"");
    }

    @Test
    void flagsThatDoNotApplyAreRefusedByName() {
        CliTest.Run r = CliTest.run("transcribe", "--model", folder.toString(), "--beam_size", "5", "--word_timestamps",
                "--task", "translate", jfk.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not for Qwen3-ASR models: --task translate, --beam_size, --word_timestamps");
        CliTest.Run d = CliTest.run("dump", "--model", folder.toString(), "--wav", jfk.toString(), "--prompt", "1,2",
                "--out", tmp.resolve("x.safetensors").toString());
        assertThat(d.exitCode()).isEqualTo(2);
        assertThat(d.err()).contains("--prompt and --capture are for Whisper models");
    }

    /** The stored log-mel through dump: every tensor equals the qwen-mini goldens within their tolerances. */
    @Test
    void dumpEqualsTheGoldens() throws Exception {
        Path mel = SharedData.require("mel/qwen3_asr_mel.safetensors");
        Path out = tmp.resolve("dump.safetensors");
        CliTest.Run r = CliTest.run("dump", "--model", folder.toString(), "--mel", mel.toString(),
                "--mel_tensor", "jfk.log_mel", "--language", "English", "--steps", "24", "--threads", "2",
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (SafeTensors dump = SafeTensors.open(out);
             SafeTensors goldens = SafeTensors.open(SharedData.require("models/qwen-mini/goldens.safetensors"));
             SafeTensors mels = SafeTensors.open(mel)) {
            assertThat(dump.tensor("log_mel").toFloatArray()).containsExactly(mels.tensor("jfk.log_mel").toFloatArray());
            assertThat(dump.tensor("encoder_out").shape()).containsExactly(143, 64);
            assertThat(maxAbsDiff(dump.tensor("encoder_out").toFloatArray(), goldens.tensor("jfk.encoder_out").toFloatArray()))
                    .isLessThan(5e-6);
            assertThat(dump.tensor("prompt_tokens").toIntArray())
                    .containsExactly(goldens.tensor("jfk.lang_English.prompt_tokens").toIntArray());
            assertThat(dump.tensor("prompt_logits").shape()).containsExactly(151936);
            assertThat(maxAbsDiff(dump.tensor("prompt_logits").toFloatArray(),
                    goldens.tensor("jfk.lang_English.prompt_logits").toFloatArray())).isLessThan(1e-4);
            assertThat(dump.tensor("greedy_tokens").toIntArray())
                    .containsExactly(goldens.tensor("jfk.lang_English.greedy_tokens").toIntArray());
        }
        Path fromWav = tmp.resolve("wav.safetensors");
        CliTest.Run w = CliTest.run("dump", "--model", folder.toString(), "--wav", jfk.toString(), "--threads", "2",
                "--out", fromWav.toString());
        assertThat(w.exitCode()).as(w.err()).isZero();
        try (SafeTensors dump = SafeTensors.open(fromWav);
             SafeTensors goldens = SafeTensors.open(SharedData.require("models/qwen-mini/goldens.safetensors"))) {
            assertThat(dump.tensor("log_mel").shape()).containsExactly(128, 1100);
            assertThat(dump.tensor("prompt_tokens").toIntArray())
                    .containsExactly(goldens.tensor("jfk.auto.prompt_tokens").toIntArray());
            assertThat(dump.names()).doesNotContain("greedy_tokens");
        }
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
