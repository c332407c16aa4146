package io.github.asr4j.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared checkpoints and goldens open, and their tensors hash to the published values. */
class SharedCheckpointsTest {

    @Test
    void everySharedSafetensorsFileOpens() throws IOException {
        Path models = SharedData.require("models");
        Path mel = SharedData.require("mel");
        List<Path> files;
        try (Stream<Path> a = Files.list(models); Stream<Path> b = Files.list(mel)) {
            files = Stream.concat(a.filter(Files::isDirectory).flatMap(SharedCheckpointsTest::listQuietly), b)
                    .filter(p -> p.getFileName().toString().endsWith(".safetensors"))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(6); // 4 goldens, 2 models, mel goldens
        for (Path f : files) {
            try (SafeTensors st = SafeTensors.open(f)) {
                assertThat(st.names()).as(f.toString()).isNotEmpty();
                for (String name : st.names()) {
                    Tensor t = st.tensor(name);
                    assertThat(t.data().byteSize()).isEqualTo(t.elementCount() * t.dtype().byteSize());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mini", "mini-128"})
    void tensorsMatchPublishedSha256(String model) throws IOException {
        Path folder = SharedData.require("models/" + model);
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(folder.resolve("sha256.txt"))) {
            if (!line.isBlank()) {
                String[] parts = line.trim().split("\\s+", 2);
                expected.put(parts[1], parts[0]);
            }
        }
        try (SafeTensors st = SafeTensors.openFolder(folder)) {
            assertThat(st.names()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (String name : st.names()) {
                Tensor t = st.tensor(name);
                assertThat(t.dtype()).as(name).isEqualTo(DType.F32);
                assertThat(sha256(t)).as(name).isEqualTo(expected.get(name));
            }
            assertThat(st.tensor("model.encoder.conv1.weight").shape())
                    .containsExactly(64, model.equals("mini") ? 80 : 128, 3);
        }
    }

    private static String sha256(Tensor t) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(t.data().asByteBuffer());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static Stream<Path> listQuietly(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
