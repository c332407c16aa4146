package io.github.asr4j.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders with model.safetensors or a shard index; indexes are untrusted and checked. */
class ShardedFolderTest {
    @TempDir
    Path dir;

    private void twoShards() {
        SafeTensorsWriter.create(dir.resolve("model-00001-of-00002.safetensors"))
                .addFloats("a", new long[] {2}, new float[] {1, 2}, DType.F32)
                .addFloats("b", new long[] {1}, new float[] {3}, DType.F16)
                .write();
        SafeTensorsWriter.create(dir.resolve("model-00002-of-00002.safetensors"))
                .addInts("c", new long[] {3}, new int[] {4, 5, 6})
                .write();
    }

    private void index(String weightMap) throws IOException {
        Files.writeString(dir.resolve(SafeTensors.SHARD_INDEX),
                "{\"metadata\":{\"total_size\":22},\"weight_map\":{" + weightMap + "}}");
    }

    @Test
    void shardedFolderRoundTrip() throws IOException {
        twoShards();
        index("\"c\":\"model-00002-of-00002.safetensors\",\"a\":\"model-00001-of-00002.safetensors\","
                + "\"b\":\"model-00001-of-00002.safetensors\"");
        try (SafeTensors st = SafeTensors.openFolder(dir)) {
            assertThat(st.names()).containsExactly("c", "a", "b");
            assertThat(st.tensor("a").toFloatArray()).containsExactly(1, 2);
            assertThat(st.tensor("b").toFloatArray()).containsExactly(3);
            assertThat(st.tensor("c").toIntArray()).containsExactly(4, 5, 6);
            assertThat(st.metadata()).containsEntry("total_size", "22");
            assertThat(st.source()).isEqualTo(dir);
            assertThatThrownBy(() -> st.tensor("d")).isInstanceOf(MissingTensorException.class)
                    .hasMessageContaining(dir.toString()).hasMessageContaining("'d'");
        }
    }

    @Test
    void singleFileIsPreferredOverAnIndex() throws IOException {
        SafeTensorsWriter.create(dir.resolve(SafeTensors.SINGLE_FILE))
                .addFloats("only", new long[] {1}, new float[] {9}, DType.F32).write();
        index("\"x\":\"../elsewhere.safetensors\"");
        try (SafeTensors st = SafeTensors.openFolder(dir)) {
            assertThat(st.names()).containsExactly("only");
            assertThat(st.source()).isEqualTo(dir.resolve(SafeTensors.SINGLE_FILE));
        }
    }

    @Test
    void shardPathEscapingTheFolderIsRefused() throws IOException {
        Path model = Files.createDirectory(dir.resolve("model"));
        SafeTensorsWriter.create(dir.resolve("outside.safetensors"))
                .addFloats("a", new long[] {1}, new float[] {1}, DType.F32).write();
        Files.writeString(model.resolve(SafeTensors.SHARD_INDEX), "{\"weight_map\":{\"a\":\"../outside.safetensors\"}}");
        assertThatThrownBy(() -> SafeTensors.openFolder(model))
                .isInstanceOf(SafeTensorsException.class)
                .hasMessageContaining(SafeTensors.SHARD_INDEX)
                .hasMessageContaining("'a'")
                .hasMessageContaining("'../outside.safetensors'")
                .hasMessageContaining("outside the model folder");
    }

    @Test
    void absoluteShardPathIsRefused() throws IOException {
        index("\"a\":\"" + dir.resolve("x.safetensors").toAbsolutePath() + "\"");
        assertThatThrownBy(() -> SafeTensors.openFolder(dir)).isInstanceOf(SafeTensorsException.class)
                .hasMessageContaining("outside the model folder");
    }

    @Test
    void indexNamingATensorItsShardLacks() throws IOException {
        twoShards();
        index("\"a\":\"model-00002-of-00002.safetensors\"");
        assertThatThrownBy(() -> SafeTensors.openFolder(dir)).isInstanceOf(SafeTensorsException.class)
                .hasMessageContaining("weight_map puts tensor 'a' in shard 'model-00002-of-00002.safetensors'");
    }

    @Test
    void missingShardFile() throws IOException {
        index("\"a\":\"model-00009-of-00009.safetensors\"");
        assertThatThrownBy(() -> SafeTensors.openFolder(dir)).isInstanceOf(SafeTensorsException.class)
                .hasMessageContaining("model-00009-of-00009.safetensors").hasMessageContaining("file not found");
    }

    @Test
    void malformedIndex() throws IOException {
        Files.writeString(dir.resolve(SafeTensors.SHARD_INDEX), "{\"weight_map\":[]}");
        assertThatThrownBy(() -> SafeTensors.openFolder(dir)).isInstanceOf(SafeTensorsException.class)
                .hasMessageContaining("'weight_map'");
        Files.writeString(dir.resolve(SafeTensors.SHARD_INDEX), "{\"weight_map\":{\"a\":3}}");
        assertThatThrownBy(() -> SafeTensors.openFolder(dir)).isInstanceOf(SafeTensorsException.class)
                .hasMessageContaining("'a' is not a file name string");
        Files.writeString(dir.resolve(SafeTensors.SHARD_INDEX), "{\"weight_map\":");
        assertThatThrownBy(() -> SafeTensors.openFolder(dir)).isInstanceOf(SafeTensorsException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void folderWithoutWeightsListsWhatWasLookedFor() {
        assertThatThrownBy(() -> SafeTensors.openFolder(dir)).isInstanceOf(SafeTensorsException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("model.safetensors and model.safetensors.index.json");
    }

    @Test
    void concurrentReadersSeeTheSameData() {
        float[] values = new float[4096];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f;
        }
        SafeTensorsWriter.create(dir.resolve(SafeTensors.SINGLE_FILE))
                .addFloats("w", new long[] {64, 64}, values, DType.F32).write();
        try (SafeTensors st = SafeTensors.openFolder(dir)) {
            List<Double> sums = IntStream.range(0, 8).parallel()
                    .mapToObj(t -> {
                        double s = 0;
                        for (float v : st.tensor("w").toFloatArray()) {
                            s += v;
                        }
                        return s;
                    })
                    .toList();
            assertThat(sums).containsOnly(0.5 * 4095 * 4096 / 2);
        }
    }

    @Test
    void shardsStayMappedUntilTheFolderIsClosed() throws IOException {
        twoShards();
        index("\"a\":\"model-00001-of-00002.safetensors\",\"c\":\"model-00002-of-00002.safetensors\"");
        SafeTensors st = SafeTensors.openFolder(dir);
        Tensor c = st.tensor("c");
        assertThat(c.getLong(2)).isEqualTo(6);
        st.close();
        assertThatThrownBy(() -> c.getLong(2)).isInstanceOf(IllegalStateException.class);
    }
}
