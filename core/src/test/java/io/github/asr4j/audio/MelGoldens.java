package io.github.asr4j.audio;

import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.Tensor;
import io.github.asr4j.testkit.SharedData;

/** Reads tensors of {@code shared/testdata/mel/mel_goldens.safetensors} (skipping when absent). */
final class MelGoldens {
    private MelGoldens() {}

    static float[] floats(String name) {
        try (SafeTensors st = SafeTensors.open(SharedData.require("mel/mel_goldens.safetensors"))) {
            return st.tensor(name).toFloatArray();
        }
    }

    static long[] shape(String name) {
        try (SafeTensors st = SafeTensors.open(SharedData.require("mel/mel_goldens.safetensors"))) {
            Tensor t = st.tensor(name);
            return t.shape();
        }
    }
}
