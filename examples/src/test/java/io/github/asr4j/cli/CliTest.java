package io.github.asr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.testkit.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, through {@link Main#run}. */
class CliTest {
    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void tokenizeEncodesAsTheGoldenAndDecodesBack() throws Exception {
        Path dir = SharedData.require("tokenizers/whisper-multilingual");
        ObjectMapper json = new ObjectMapper();
        JsonNode golden = null;
        for (String line : Files.readAllLines(dir.resolve("goldens.jsonl"))) {
            golden = json.readTree(line);
            if (golden.get("ids").size() >= 3 && !golden.get("text").asText().contains("\n")) {
                break; // the first line with a few tokens that prints on one line
            }
        }
        String expectedIds = java.util.stream.StreamSupport.stream(golden.get("ids").spliterator(), false)
                .map(JsonNode::asText).collect(Collectors.joining(","));
        Run encoded = run("tokenize", "--tokenizer", dir.toString(), "--encode", golden.get("text").asText());
        assertThat(encoded.exitCode()).isZero();
        assertThat(encoded.out().strip()).isEqualTo(expectedIds);
        Run decoded = run("tokenize", "--tokenizer", dir.toString(), "--decode", expectedIds);
        assertThat(decoded.out()).isEqualTo(golden.get("text").asText() + System.lineSeparator());
    }

    /** The golden log-mel through {@code dump}: encoder output and prompt logits equal whisper.cpp's. */
    @Test
    void dumpMatchesTheWhisperCppGoldens() throws Exception {
        Path mini = SharedData.require("models/mini");
        Path mel = SharedData.require("mel/mel_goldens.safetensors");
        Path out = tmp.resolve("dump.safetensors");
        Run r = run("dump", "--model", mini.toString(), "--mel", mel.toString(), "--mel-tensor", "jfk.log_mel_80",
                "--prompt", "50258,50259,50359,50363", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (SafeTensors dump = SafeTensors.open(out); SafeTensors goldens = SafeTensors.open(mini.resolve("goldens.safetensors"))) {
            assertThat(dump.tensor("logits").shape()).containsExactly(4, 51865);
            float[] encoder = dump.tensor("encoder_out").toFloatArray();
            assertThat(maxAbsDiff(encoder, goldens.tensor("encoder_out").toFloatArray())).isLessThan(1e-5);
            float[] logits = dump.tensor("logits").toFloatArray();
            float[] last = Arrays.copyOfRange(logits, 3 * 51865, 4 * 51865);
            assertThat(maxAbsDiff(last, goldens.tensor("notimestamps.prompt_logits").toFloatArray())).isLessThan(1e-4);
        }
    }

    @Test
    void dumpOfAWavWritesItsFirstWindow() throws Exception {
        Path out = tmp.resolve("wav.safetensors");
        Run r = run("dump", "--model", SharedData.require("models/mini").toString(),
                "--wav", SharedData.require("audio/jfk/jfk.wav").toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (SafeTensors dump = SafeTensors.open(out);
             SafeTensors goldens = SafeTensors.open(SharedData.require("mel/mel_goldens.safetensors"))) {
            assertThat(maxAbsDiff(dump.tensor("log_mel").toFloatArray(),
                    goldens.tensor("jfk.log_mel_80").toFloatArray())).isLessThan(1e-4);
            assertThat(dump.find("logits")).isEmpty();
        }
    }

    @Test
    void dumpCapturesTheNamedLayersAndAttentionWeights() throws Exception {
        Path out = tmp.resolve("capture.safetensors");
        Run r = run("dump", "--model", SharedData.require("models/mini").toString(),
                "--wav", SharedData.require("audio/jfk/jfk.wav").toString(), "--prompt", "50258,50259,50359",
                "--capture", "encoder.layers.*.self_attn,decoder.layers.1.encoder_attn.weights",
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (SafeTensors dump = SafeTensors.open(out)) {
            assertThat(dump.tensor("encoder.layers.0.self_attn").shape()).containsExactly(1500, 64);
            assertThat(dump.tensor("encoder.layers.1.self_attn").shape()).containsExactly(1500, 64);
            assertThat(dump.find("encoder.layers.2.self_attn")).isEmpty(); // mini has two encoder layers
            float[] weights = dump.tensor("decoder.layers.1.encoder_attn.weights").toFloatArray();
            assertThat(dump.tensor("decoder.layers.1.encoder_attn.weights").shape()).containsExactly(4, 3, 1500);
            for (int row = 0; row < 4 * 3; row++) { // each head's row for each query is a distribution
                double sum = 0;
                for (int k = 0; k < 1500; k++) {
                    sum += weights[row * 1500 + k];
                }
                assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }

    @Test
    void transcribeWritesOpenaiJsonAndReportsBadFiles() throws Exception {
        Run r = run("transcribe", "--model", SharedData.require("models/mini").toString(), "--language", "en",
                "--beam_size", "1", "--temperature_increment_on_fallback", "0", "--max_tokens", "8",
                "-f", "json", "-o", tmp.toString(),
                SharedData.require("audio/jfk/jfk.wav").toString(),
                SharedData.require("audio/edge/not_audio.wav").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("not_audio.wav").contains("not a recognised audio file");
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("jfk.json").toFile());
        assertThat(json.get("language").asText()).isEqualTo("en");
        assertThat(json.get("segments").size()).isPositive();
        assertThat(json.get("segments").get(0).get("tokens").size()).isBetween(1, 8);
    }

    @Test
    void rawPcmOnStandardInputTranscribesAsTheWavFile() {
        Path wav = SharedData.require("audio/jfk/jfk.wav");
        float[] samples = io.github.asr4j.audio.AudioReader.read(wav).samples(); // 16-bit, 16 kHz mono: exact in PCM
        byte[] pcm = new byte[2 * samples.length];
        for (int i = 0; i < samples.length; i++) {
            short v = (short) Math.round(samples[i] * 32768f);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        String[] flags = {"transcribe", "--model", SharedData.require("models/mini").toString(), "--language", "en",
                "--beam_size", "1", "--temperature_increment_on_fallback", "0", "--max_tokens", "8", "--progress", "false"};
        Run fromFile = run(concat(flags, wav.toString()));
        java.io.InputStream oldIn = System.in;
        Run fromStdin;
        try {
            System.setIn(new java.io.ByteArrayInputStream(pcm));
            fromStdin = run(concat(flags, "-"));
        } finally {
            System.setIn(oldIn);
        }
        assertThat(fromStdin.exitCode()).as(fromStdin.err()).isZero();
        assertThat(fromStdin.out()).isNotBlank().isEqualTo(fromFile.out());
    }

    private static String[] concat(String[] a, String b) {
        String[] r = Arrays.copyOf(a, a.length + 1);
        r[a.length] = b;
        return r;
    }

    @Test
    void missingModelIsAClearError() {
        Run r = run("transcribe", "--model", tmp.resolve("nope").toString(), "x.wav");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("model folder not found").contains("nope");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("transcribe").exitCode()).isEqualTo(2);
        assertThat(run("dump", "--model", "x", "--out", "y").exitCode()).isEqualTo(2);
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
