package io.github.asr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.loader.hub.HubException;
import io.github.asr4j.loader.hub.HubRepoId;
import io.github.asr4j.loader.hub.HubSettings;
import io.github.asr4j.loader.hub.HuggingFaceHub;
import io.github.asr4j.testkit.FakeHub;
import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model ids: core asks the hub for exactly the files a Whisper checkpoint needs, and the result transcribes. */
class HubModelsTest {
    private static final List<String> NEEDED = List.of("config.json", "generation_config.json", "model.safetensors",
            "tokenizer.json");

    @TempDir
    Path cache;

    private HuggingFaceHub hub(FakeHub fake) {
        return new HuggingFaceHub(new HubSettings(cache, fake.endpoint(), Optional.empty(), false, Duration.ofSeconds(10), 2));
    }

    private static List<String> filesAsked(FakeHub fake) {
        return fake.requests().stream().filter(r -> r.path().contains("/resolve/"))
                .map(r -> r.path().substring(r.path().lastIndexOf('/') + 1)).distinct().toList();
    }

    @Test
    void anIdDownloadsOnlyTheNeededFilesAndTranscribesAsTheLocalFolder() throws IOException {
        Path mini = SharedData.require("models/mini");
        Path jfk = SharedData.require("audio/jfk/jfk.wav");
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (var list = Files.list(mini)) {
            for (Path p : list.toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        files.put("pytorch_model.bin", new byte[1000]); // what asr4j does not read must not be fetched
        try (FakeHub fake = FakeHub.start()) {
            fake.addRepo("asr4j-test/mini", files, 1_000_000);

            Path dir = HubModels.locate("asr4j-test/mini", hub(fake));

            assertThat(filesAsked(fake)).containsExactlyInAnyOrderElementsOf(NEEDED);
            try (var fetched = Files.list(dir)) {
                assertThat(fetched.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(NEEDED);
            }
            try (Transcriber fromHub = Transcriber.builder(dir).threads(2).build();
                 Transcriber local = Transcriber.builder(mini).threads(2).build()) {
                assertThat(fromHub.transcribe(jfk, TranscriberTest.GREEDY).text())
                        .isEqualTo(local.transcribe(jfk, TranscriberTest.GREEDY).text());
            }
        }
    }

    @Test
    void shardedWeightsAndTheSlowTokenizerFilesAreFetchedWhenThatIsWhatTheRepositoryHas() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", bytes("{}"));
        files.put("model.safetensors.index.json", bytes("{\"metadata\": {}, \"weight_map\": {\"a\": \"model-00001-of-00002.safetensors\","
                + " \"b\": \"model-00002-of-00002.safetensors\", \"c\": \"model-00001-of-00002.safetensors\"}}"));
        files.put("model-00001-of-00002.safetensors", bytes("shard one"));
        files.put("model-00002-of-00002.safetensors", bytes("shard two"));
        files.put("vocab.json", bytes("{}"));
        files.put("merges.txt", bytes("#version: 0.2\n"));
        files.put("added_tokens.json", bytes("{}"));
        files.put("flax_model.msgpack", bytes("not read"));
        try (FakeHub fake = FakeHub.start()) {
            fake.addRepo("asr4j-test/sharded", files, 1_000_000);
            HubModels.fetch(hub(fake).open(HubRepoId.parse("asr4j-test/sharded")));
            assertThat(filesAsked(fake)).containsExactlyInAnyOrder("config.json", "generation_config.json",
                    "model.safetensors", "model.safetensors.index.json", "model-00001-of-00002.safetensors",
                    "model-00002-of-00002.safetensors", "tokenizer.json", "vocab.json", "merges.txt",
                    "added_tokens.json", "special_tokens_map.json", "tokenizer_config.json");
        }
    }

    @Test
    void aRepositoryWithoutSafetensorsOrAnUnknownNameIsATypedError(@TempDir Path empty) {
        try (FakeHub fake = FakeHub.start()) {
            fake.addRepo("asr4j-test/torch-only", Map.of("config.json", bytes("{}"), "pytorch_model.bin", bytes("x")), 1_000_000);
            assertThatThrownBy(() -> HubModels.locate("asr4j-test/torch-only", hub(fake)))
                    .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("safetensors");
            assertThatThrownBy(() -> HubModels.locate("asr4j-test/absent", hub(fake)))
                    .isInstanceOf(HubException.class)
                    .extracting(e -> ((HubException) e).kind()).isEqualTo(HubException.Kind.REPOSITORY_NOT_FOUND);
            assertThatThrownBy(() -> HubModels.locate("no-such-folder", hub(fake)))
                    .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("openai/whisper-small");
            assertThat(HubModels.locate(empty.toString(), hub(fake))).isEqualTo(empty); // a folder wins over an id
            assertThat(fake.requests()).noneMatch(r -> r.path().contains("no-such-folder"));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
