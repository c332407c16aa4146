package io.github.asr4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.testkit.RandomCheckpoint;
import io.github.asr4j.testkit.RandomCheckpoint.Precision;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generator reproduces RANDOM_WEIGHTS.md bit for bit: every tensor hash of {@code sha256.txt}. */
class RandomCheckpointTest {

    @Test
    void splitmix64AndFnvMatchTheirReferenceValues() {
        // splitmix64(0) is the first output of the reference SplitMix64 seeded with 0.
        assertThat(RandomCheckpoint.splitmix64(0)).isEqualTo(0xE220A8397B1DCDAFL);
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (the published test vector).
        assertThat(RandomCheckpoint.fnv1a64("a".getBytes())).isEqualTo(0xAF63DC4C8601EC8CL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mini", "mini-128", "tiny-shape", "card"})
    void everyTensorHashMatchesSha256Txt(String name) {
        Map<String, String> expected = RandomCheckpoint.readHashes(TestCheckpoints.shared(name).resolve("sha256.txt"));
        Map<String, String> generated = TestCheckpoints.rebuilt(name, Precision.F32).generatedHashes();

        assertThat(generated.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((tensor, hash) -> assertThat(generated.get(tensor)).as(tensor).isEqualTo(hash));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mini", "mini-128"})
    void rebuiltFileEqualsTheStoredOneByteForByte(String name) throws IOException {
        Path stored = TestCheckpoints.shared(name).resolve("model.safetensors");
        Path rebuilt = TestCheckpoints.rebuilt(name, Precision.F32).folder().resolve("model.safetensors");
        assertThat(Files.mismatch(stored, rebuilt)).isEqualTo(-1L);
    }

    @Test
    void float16VariantRoundsEachFloatToNearestEven(@TempDir Path dir) throws IOException {
        Path shared = TestCheckpoints.shared("mini");
        RandomCheckpoint.write(shared, dir, Precision.F16);
        var spec = RandomCheckpoint.Spec.read(shared.resolve("config.json"));
        byte[] file = Files.readAllBytes(dir.resolve("model.safetensors"));
        long headerLength = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        // conv1.weight is the first tensor in the file: compare its halves with the float32 values.
        float[] f32 = RandomCheckpoint.generate(spec, "model.encoder.conv1.weight",
                RandomCheckpoint.shapes(spec).get("model.encoder.conv1.weight"));
        var halves = ByteBuffer.wrap(file, (int) (8 + headerLength), f32.length * 2)
                .order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        for (int i = 0; i < f32.length; i++) {
            assertThat(halves.get(i)).as("element %d", i).isEqualTo(Float.floatToFloat16(f32[i]));
        }
        assertThat(file.length).isEqualTo(8 + headerLength
                + 2 * RandomCheckpoint.shapes(spec).values().stream().mapToLong(RandomCheckpoint::count).sum());
    }
}
