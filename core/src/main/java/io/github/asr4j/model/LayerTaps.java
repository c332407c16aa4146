package io.github.asr4j.model;

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

    /** Hands the listener a copy of {@code values[offset .. offset + product(shape))}. */
    static void emit(ActivationListener listener, String name, float[] values, int offset, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] copy = new float[n];
        System.arraycopy(values, offset, copy, 0, n);
        listener.accept(name, copy, shape);
    }
}
