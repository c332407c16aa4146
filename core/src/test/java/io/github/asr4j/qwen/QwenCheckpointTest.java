package io.github.asr4j.qwen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.ModelLoadException;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.testkit.QwenRandomCheckpoint;
import io.github.asr4j.testkit.RandomCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java generator of QWEN3_ASR_RANDOM_WEIGHTS.md rebuilds {@code qwen-mini} bit for bit (its
 * {@code sha256.txt}); the tied {@code lm_head}, stored or not, gives the same logits; a missing or
 * mis-shaped tensor is named.
 */
class QwenCheckpointTest {
    private static Backend backend;

    @BeforeAll
    static void start() {
        backend = Backends.cpu(2);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void rebuildsQwenMiniBitForBitAndTheStoredTiedHeadChangesNothing(@TempDir Path dir) {
        Path shared = QwenParity.folder("qwen-mini");
        Map<String, String> hashes = QwenRandomCheckpoint.write(shared, dir, true);
        Map<String, String> expected = RandomCheckpoint.readHashes(shared.resolve("sha256.txt"));
        Map<String, String> withoutHead = new TreeMap<>(hashes);
        String head = withoutHead.remove("thinker.lm_head.weight");
        assertThat(withoutHead).isEqualTo(new TreeMap<>(expected));
        assertThat(head).isEqualTo(expected.get("thinker.model.embed_tokens.weight"));

        int[] prompt = {151644, 8948, 198, 151645, 198, 151644, 872, 198, 151669, 151676, 151676, 151670};
        float[] mel = new float[128 * 16];
        for (int i = 0; i < mel.length; i++) {
            mel[i] = (float) Math.sin(i * 0.37);
        }
        float[] stored;
        float[] tied;
        try (QwenAsrModel m = QwenAsrModel.load(dir, backend); QwenDecoderSession s = m.newSession(16)) {
            stored = s.prefill(prompt, m.encode(mel, 16));
        }
        try (QwenAsrModel m = QwenAsrModel.load(shared, backend); QwenDecoderSession s = m.newSession(16)) {
            tied = s.prefill(prompt, m.encode(mel, 16));
        }
        assertThat(stored).containsExactly(tied);
    }

    @Test
    void aMissingOrMisShapedTensorIsNamed(@TempDir Path dir) throws IOException {
        Path shared = QwenParity.folder("qwen-mini");
        QwenRandomCheckpoint.Spec spec = QwenRandomCheckpoint.Spec.read(shared.resolve("config.json"));
        Files.copy(shared.resolve("config.json"), dir.resolve("config.json"));

        Map<String, int[]> missing = new TreeMap<>(QwenRandomCheckpoint.shapes(spec, false));
        missing.remove("thinker.model.layers.1.self_attn.k_norm.weight");
        QwenRandomCheckpoint.writeSafetensors(spec, dir.resolve(SafeTensors.SINGLE_FILE), missing);
        assertThatThrownBy(() -> QwenAsrModel.load(dir, backend)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("thinker.model.layers.1.self_attn.k_norm.weight").hasMessageContaining("[16]");

        Map<String, int[]> misShaped = new TreeMap<>(QwenRandomCheckpoint.shapes(spec, false));
        misShaped.put("thinker.audio_tower.conv_out.weight", new int[] {64, 500});
        QwenRandomCheckpoint.writeSafetensors(spec, dir.resolve(SafeTensors.SINGLE_FILE), misShaped);
        assertThatThrownBy(() -> QwenAsrModel.load(dir, backend)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("thinker.audio_tower.conv_out.weight").hasMessageContaining("[64, 512]");
    }
}
