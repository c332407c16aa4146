package io.github.asr4j.qwen;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.testkit.QwenRandomCheckpoint;
import io.github.asr4j.testkit.RandomCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code qwen3-asr-0.6b-shape} (the released Qwen3-ASR-0.6B configuration, random weights) against its
 * goldens: encoder 7e-6 (sampled rows and every row's norm), logits 4e-4. The 1.9 GB checkpoint is
 * rebuilt by the Java generator once into the user cache, keyed by the SHA-256 of {@code sha256.txt},
 * and checked against {@code sha256.txt} before use. Runs in the {@code qwen-large} profile only
 * (see core/pom.xml).
 */
@EnabledIfSystemProperty(named = "asr4j.qwen.large", matches = "true")
class QwenLargeParityTest {
    static final String CHECKPOINT = "qwen3-asr-0.6b-shape";
    static final double ENCODER_ATOL = 7e-6;
    static final double LOGITS_ATOL = 4e-4;

    private static Backend backend;
    private static QwenAsrModel model;

    @BeforeAll
    static void load() {
        backend = Backends.cpu(2);
        model = QwenAsrModel.load(cachedCheckpoint(), backend);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    /** The rebuilt folder in {@code ~/.cache/asr4j/qwen3-asr-0.6b-shape/<key>}, built when absent. */
    static Path cachedCheckpoint() {
        Path shared = QwenParity.folder(CHECKPOINT);
        try {
            String key = RandomCheckpoint.sha256(ByteBuffer.wrap(Files.readAllBytes(shared.resolve("sha256.txt"))));
            Path dir = Path.of(System.getProperty("user.home"), ".cache", "asr4j", CHECKPOINT, key.substring(0, 16));
            Path done = dir.resolve("complete");
            if (!Files.exists(done)) {
                long start = System.nanoTime();
                Map<String, String> hashes = QwenRandomCheckpoint.write(shared, dir, true);
                assertThat(new TreeMap<>(hashes)).as("rebuilt tensors against sha256.txt")
                        .isEqualTo(new TreeMap<>(RandomCheckpoint.readHashes(shared.resolve("sha256.txt"))));
                Files.writeString(done, key + "\n");
                System.out.printf("rebuilt %s in %.1f s into %s%n", CHECKPOINT, (System.nanoTime() - start) / 1e9, dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jfk", "sonnet001"})
    void encoderPromptLogitsAndGreedyStepsMatchTheGoldens(String audio) {
        try (SafeTensors goldens = SafeTensors.open(QwenParity.folder(CHECKPOINT).resolve("goldens.safetensors"))) {
            QwenParity.check(model, goldens, audio, ENCODER_ATOL, LOGITS_ATOL).forEach(m -> System.out.println(CHECKPOINT + " " + m));
        }
    }
}
