package io.github.asr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.asr4j.loader.ConfigException;
import io.github.asr4j.ModelLoadException;
import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a broken model folder, a hostile file or a careless caller does to a {@link Transcriber}:
 * a typed exception with a message, at the earliest point that can know.
 */
class HostileModelTest {
    static final TranscribeOptions SHORT = TranscribeOptions.builder().language("en").temperature(0)
            .maxTokensPerWindow(8).build();

    @TempDir
    Path dir;

    @Test
    void hostileAudioFilesFailAloneInABatch() throws IOException {
        Path jfk = SharedData.require("audio/jfk/jfk.wav");
        List<Path> files = new ArrayList<>(List.of(jfk));
        try (Stream<Path> hostile = Files.list(SharedData.require("hostile"))) {
            hostile.filter(p -> p.toString().endsWith(".wav") || p.toString().endsWith(".flac")).sorted().forEach(files::add);
        }
        files.add(jfk);
        try (Transcriber t = Transcriber.builder(SharedData.require("models/mini")).threads(2).batchSize(3).build()) {
            List<FileTranscript> results = t.transcribeAll(files, SHORT);
            assertThat(results.getFirst().succeeded()).isTrue();
            assertThat(results.getLast().transcript()).isEqualTo(results.getFirst().transcript());
            for (FileTranscript r : results.subList(1, results.size() - 1)) {
                assertThat(r.error()).as(r.file().toString()).isInstanceOf(AudioFormatException.class)
                        .hasMessageContaining(r.file().getFileName().toString());
            }
        }
    }

    @Test
    void nullArgumentsAreRefusedAtTheBoundaryWithAMessage() {
        try (Transcriber t = Transcriber.builder(SharedData.require("models/mini")).threads(1).build()) {
            assertThatThrownBy(() -> t.transcribe((Path) null)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("audioFile must not be null");
            assertThatThrownBy(() -> t.transcribe(SharedData.require("audio/jfk/jfk.wav"), null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("options must not be null");
            assertThatThrownBy(() -> t.transcribe((float[]) null)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("samples16k must not be null");
            assertThatThrownBy(() -> t.transcribeAll(null)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("audioFiles must not be null");
            List<Path> withNull = new ArrayList<>();
            withNull.add(null);
            assertThatThrownBy(() -> t.transcribeAll(withNull)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("audioFiles[0] is null");
        }
        assertThatThrownBy(() -> Transcriber.of((Path) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("modelDir must not be null");
        assertThatThrownBy(() -> Transcriber.of((String) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("model must not be null");
    }

    @Test
    void optionsBeyondTheirBoundsAreRefused() {
        Path mini = SharedData.require("models/mini");
        assertThatThrownBy(() -> Transcriber.builder(mini).threads(100_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads must be between 0")
                .hasMessageContaining("per core");
        assertThatThrownBy(() -> Transcriber.builder(mini).batchSize(1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize must be between 1 and 64");
        assertThatThrownBy(() -> TranscribeOptions.builder().beamSize(1000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beamSize must be between 1 and 32");
        assertThatThrownBy(() -> TranscribeOptions.builder().bestOf(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bestOf must be between 1 and 32");
        assertThatThrownBy(() -> TranscribeOptions.builder().maxTokensPerWindow(100_000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 448");
    }

    @Test
    void nanWeightsAreALoadError() throws IOException {
        copyMini(dir);
        fillTensor(dir.resolve("model.safetensors"), "model.decoder.embed_tokens.weight", Float.NaN);
        assertThatThrownBy(() -> Transcriber.builder(dir).threads(1).build()).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("model.decoder.embed_tokens.weight").hasMessageContaining("NaN")
                .hasMessageContaining("must be finite");
    }

    @Test
    void overflowingLogitsAreAnErrorNotText() throws IOException {
        copyMini(dir);
        // Finite weights (so the load check passes) whose logits overflow float32.
        fillTensor(dir.resolve("model.safetensors"), "model.decoder.layer_norm.weight", 3e38f);
        try (Transcriber t = Transcriber.builder(dir).threads(1).build()) {
            assertThatThrownBy(() -> t.transcribe(SharedData.require("audio/jfk/jfk.wav"), SHORT))
                    .isInstanceOf(ModelOutputException.class).hasMessageContaining("non-finite logit");
        }
    }

    @Test
    void generationConfigIsCheckedAgainstTheModelAtLoad() throws IOException {
        copyMini(dir);
        ObjectMapper json = new ObjectMapper();
        Path file = dir.resolve("generation_config.json");
        ObjectNode original = (ObjectNode) json.readTree(file.toFile());

        ObjectNode heads = original.deepCopy();
        ArrayNode pairs = heads.putArray("alignment_heads");
        pairs.addArray().add(0).add(0);
        pairs.addArray().add(99).add(0);
        Files.writeString(file, heads.toString());
        assertThatThrownBy(() -> Transcriber.builder(dir).threads(1).build()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("alignment_heads[1]").hasMessageContaining("[99, 0]");

        ObjectNode language = original.deepCopy();
        ((ObjectNode) language.get("lang_to_id")).put("<|en|>", 10_000_000);
        Files.writeString(file, language.toString());
        assertThatThrownBy(() -> Transcriber.builder(dir).threads(1).build()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lang_to_id.<|en|>").hasMessageContaining("outside the vocabulary");
    }

    private static void copyMini(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(SharedData.require("models/mini"))) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().startsWith("goldens")) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
    }

    /** Overwrites every element of an F32 tensor of a safetensors file with {@code value}. */
    static void fillTensor(Path safetensors, String name, float value) throws IOException {
        byte[] bytes = Files.readAllBytes(safetensors);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) b.getLong(0);
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, headerLength, StandardCharsets.UTF_8));
        JsonNode tensor = header.get(name);
        assertThat(tensor.get("dtype").asText()).isEqualTo("F32");
        long start = 8 + headerLength + tensor.get("data_offsets").get(0).asLong();
        long end = 8 + headerLength + tensor.get("data_offsets").get(1).asLong();
        for (long p = start; p < end; p += 4) {
            b.putFloat((int) p, value);
        }
        Files.write(safetensors, bytes);
    }
}
