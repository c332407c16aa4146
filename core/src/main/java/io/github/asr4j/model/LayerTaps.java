package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.profile.ActivationListener;

/**
 * Which of one layer's values a listener wants in this pass, asked once per pass so the layer
 * loop tests booleans, never strings.
 */
record LayerTaps(boolean layer, boolean selfAttn, boolean selfAttnWeights, boolean encoderAttn,
                 boolean encoderAttnWeights, boolean fc1, boolean fc2) {

    static final LayerTaps NONE = new LayerTaps(false, false, false, false, false, false, false);

    /**
     * One entry per layer: all {@link #NONE} when nobody listens.
     *
     * @param crossAttention whether the layers have cross attention (decoder) whose names to ask about
     */
    static LayerTaps[] of(ActivationListener listener, LayerNames[] names, boolean crossAttention) {
        LayerTaps[] taps = new LayerTaps[names.length];
        for (int i = 0; i < names.length; i++) {
            LayerNames n = names[i];
            taps[i] = listener == ActivationListener.NONE ? NONE : new LayerTaps(
                    listener.wants(n.layer()), listener.wants(n.selfAttn()), listener.wants(n.selfAttnWeights()),
                    crossAttention && listener.wants(n.encoderAttn()),
                    crossAttention && listener.wants(n.encoderAttnWeights()),
                    listener.wants(n.fc1()), listener.wants(n.fc2()));
        }
        return taps;
    }

    /** Hands the listener a host copy of {@code values} (all rows), shaped {@code [rows, cols]}. */
    static void emit(ActivationListener listener, String name, Backend backend, Buffer values) {
        float[] copy = new float[Math.toIntExact(values.size())];
        backend.download(values, 0, values.rows(), copy);
        listener.accept(name, copy, new int[] {values.rows(), values.cols()});
    }

    /** Hands the listener a host copy of {@code values}, shaped {@code shape}. */
    static void emit(ActivationListener listener, String name, Backend backend, Buffer values, int... shape) {
        float[] copy = new float[Math.toIntExact(values.size())];
        backend.download(values, 0, values.rows(), copy);
        listener.accept(name, copy, shape);
    }
}
