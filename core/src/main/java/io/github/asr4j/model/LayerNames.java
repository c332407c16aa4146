package io.github.asr4j.model;

/**
 * The capture and profile names of one layer ({@code encoder.layers.3}, {@code encoder.layers.3.self_attn}, ...),
 * built once at load time so a pass never concatenates strings.
 */
record LayerNames(String layer, String selfAttn, String selfAttnWeights, String encoderAttn,
                  String encoderAttnWeights, String fc1, String fc2) {

    static LayerNames of(String prefix) {
        return new LayerNames(prefix, prefix + ".self_attn", prefix + ".self_attn.weights",
                prefix + ".encoder_attn", prefix + ".encoder_attn.weights", prefix + ".fc1", prefix + ".fc2");
    }

    static LayerNames[] of(String stack, int layers) {
        LayerNames[] names = new LayerNames[layers];
        for (int i = 0; i < layers; i++) {
            names[i] = of(stack + ".layers." + i);
        }
        return names;
    }
}
