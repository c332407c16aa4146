package io.github.asr4j.profile;

/**
 * Receives the outputs of named layers during a forward pass, and the attention weights of named
 * attention modules. The pass asks {@link #wants} once per name per pass before it copies or
 * computes anything, so a listener that wants nothing costs nothing.
 *
 * <p>Names (time-major layouts, one row per frame or token):
 * <ul>
 *   <li>{@code encoder.conv1} {@code [2T, d]} and {@code encoder.conv2} {@code [T, d]}: convolution outputs before GELU</li>
 *   <li>{@code encoder.layers.i} {@code [T, d]}: a layer's output (the residual stream after it)</li>
 *   <li>{@code encoder.layers.i.self_attn} {@code [T, d]}: the attention module's output (after {@code out_proj}, before the residual)</li>
 *   <li>{@code encoder.layers.i.self_attn.weights} {@code [heads, T, T]}: softmax(Q·Kᵀ/√d) per head</li>
 *   <li>{@code encoder.layers.i.fc1} {@code [T, ffn]} (before GELU), {@code encoder.layers.i.fc2} {@code [T, d]}</li>
 *   <li>{@code encoder.layer_norm} {@code [T, d]}: the encoder output</li>
 *   <li>{@code decoder.embed} {@code [n, d]}: token plus position embeddings of the fed tokens</li>
 *   <li>{@code decoder.layers.i}, {@code .self_attn}, {@code .encoder_attn}, {@code .fc2} {@code [n, d]}, {@code .fc1} {@code [n, ffn]}</li>
 *   <li>{@code decoder.layers.i.self_attn.weights} {@code [heads, n, past+n]} (causal: later keys are 0)</li>
 *   <li>{@code decoder.layers.i.encoder_attn.weights} {@code [heads, n, T]}: cross-attention weights</li>
 *   <li>{@code decoder.layer_norm} {@code [n, d]}; {@code decoder.logits} {@code [n, vocab]} (or {@code [1, vocab]}
 *       when only the last position's logits are computed)</li>
 * </ul>
 * where {@code T} is {@code max_source_positions} (1500) and {@code n} the tokens fed in one step.
 */
public interface ActivationListener {

    /** The listener that wants nothing. */
    ActivationListener NONE = new ActivationListener() {
        @Override
        public boolean wants(String name) {
            return false;
        }

        @Override
        public void accept(String name, float[] values, int[] shape) {
            throw new IllegalStateException("ActivationListener.NONE wants nothing, was handed " + name);
        }

        @Override
        public String toString() {
            return "ActivationListener.NONE";
        }
    };

    /** Whether {@link #accept} should be called for {@code name} in this pass. */
    boolean wants(String name);

    /** Whether the value at {@code site} is wanted; by default as {@link #wants(String)} of its name. */
    default boolean wants(CaptureSite site) {
        return wants(site.name());
    }

    /** The value at {@code site}; by default handed to {@link #accept(String, float[], int[])} under its name. */
    default void accept(CaptureSite site, float[] values, int[] shape) {
        accept(site.name(), values, shape);
    }

    /**
     * One captured tensor, row-major.
     *
     * @param values a fresh array the listener may keep
     * @param shape  its dimensions
     */
    void accept(String name, float[] values, int[] shape);
}
