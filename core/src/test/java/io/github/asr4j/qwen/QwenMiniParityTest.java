package io.github.asr4j.qwen;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.SafeTensors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code qwen-mini} against its goldens (encoder 5e-6, logits 1e-4; {@code goldens.json}'s
 * tolerances), jfk (2 attention windows) and sonnet001 (7 windows, a 26-frame tail chunk), prompts
 * {@code auto} and {@code lang_English}.
 */
class QwenMiniParityTest {
    static final double ENCODER_ATOL = 5e-6;
    static final double LOGITS_ATOL = 1e-4;

    private static Backend backend;
    private static QwenAsrModel model;

    @BeforeAll
    static void load() {
        backend = Backends.cpu(2);
        model = QwenAsrModel.load(QwenParity.folder("qwen-mini"), backend);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
        backend.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jfk", "sonnet001"})
    void encoderPromptLogitsAndGreedyStepsMatchTheGoldens(String audio) {
        try (SafeTensors goldens = SafeTensors.open(QwenParity.folder("qwen-mini").resolve("goldens.safetensors"))) {
            QwenParity.check(model, goldens, audio, ENCODER_ATOL, LOGITS_ATOL).forEach(m -> System.out.println("qwen-mini " + m));
        }
    }
}
