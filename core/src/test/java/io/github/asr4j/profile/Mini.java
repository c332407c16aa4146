package io.github.asr4j.profile;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.model.WhisperModel;
import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.Random;

/**
 * The {@code mini} checkpoint (d 64, 4 heads, ffn 256, 2+2 layers, vocab 51865) loaded once per JVM,
 * a deterministic mel window, its encoder output, and the raw weights for reference computations.
 */
final class Mini {
    static final int D = 64;
    static final int HEADS = 4;
    static final int HEAD_DIM = 16;
    static final int FFN = 256;
    static final int T = 1500;
    static final int MELS = 80;
    static final int VOCAB = 51865;
    /** {@code <|startoftranscript|><|en|><|transcribe|><|notimestamps|>}. */
    static final int[] PROMPT = {50258, 50259, 50359, 50363};

    private static Mini instance;

    final Path dir;
    final Backend backend;
    final WhisperModel model;
    final SafeTensors weights;
    final float[] mel;
    final float[] encoderOut;

    private Mini() {
        dir = SharedData.require("models/mini");
        backend = Backends.cpu(2);
        model = WhisperModel.load(dir, backend);
        weights = SafeTensors.openFolder(dir);
        mel = new float[MELS * 2 * T];
        Random r = new Random(7);
        for (int i = 0; i < mel.length; i++) {
            mel[i] = (float) (r.nextGaussian() * 0.5);
        }
        encoderOut = model.encode(mel);
    }

    /** Loads (or skips the calling test when the shared data is absent). Never closed: the JVM ends. */
    static synchronized Mini get() {
        if (instance == null) {
            instance = new Mini();
        }
        return instance;
    }

    float[] w(String name) {
        return weights.tensor(name).toFloatArray();
    }
}
